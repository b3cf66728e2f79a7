package org.anchorwatch.messaging.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.messaging.HostContext;
import org.anchorwatch.config.Json;
import org.anchorwatch.messaging.Request;
import org.anchorwatch.scan.Snapshots;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.anchorwatch.testsupport.TlsTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wire face of probe: field types, codes, and a result shaped like checkChain's plus four fields. */
class ProbeHandlerTest {
  @TempDir Path tmp;
  Issued root;
  Issued intermediate;
  Issued leaf;
  TlsTestServer server;
  Snapshots snapshots;
  HostContext ctx;
  final ProbeHandler handler = new ProbeHandler();

  @BeforeEach
  void setUp() throws Exception {
    root = TestCerts.root("Handler Test Root");
    intermediate = TestCerts.intermediate("Handler Test Intermediate", root);
    leaf = TestCerts.leaf("localhost", intermediate, "localhost", "127.0.0.1");
    server = TlsTestServer.tls(TestCerts.keyStore(leaf, intermediate.cert()));
    Path pem = TestCerts.writePem(tmp.resolve("anchors/root.pem"), root.cert());
    snapshots = org.anchorwatch.testsupport.PemSnapshots.started(pem, tmp.resolve("home"));
    ctx = new HostContext(Blocklist.bundled(), snapshots, "test");
  }

  @AfterEach
  void tearDown() throws Exception {
    snapshots.close();
    server.close();
  }

  @Test
  void resultIsTheCheckChainVerdictPlusChainTlsHostPort() throws Exception {
    JsonNode probe = Json.MAPPER.valueToTree(handler.handle(request("{\"host\":\"127.0.0.1\",\"port\":" + server.port() + "}"), ctx));
    String b64Leaf = Base64.getEncoder().encodeToString(leaf.der());
    String b64Int = Base64.getEncoder().encodeToString(intermediate.der());
    JsonNode check = Json.MAPPER.valueToTree(new CheckChainHandler().handle(
        request("{\"chain\":[{\"rawDER\":\"" + b64Leaf + "\"},{\"rawDER\":\"" + b64Int + "\"}]}"), ctx));

    ObjectNode verdictPart = ((ObjectNode) probe.deepCopy()).without(List.of("chain", "tls", "host", "port"));
    assertThat(verdictPart).isEqualTo(check);
    assertThat(probe.get("level").asText()).isEqualTo("notice");
    assertThat(probe.get("host").asText()).isEqualTo("127.0.0.1");
    assertThat(probe.get("port").asInt()).isEqualTo(server.port());
    assertThat(probe.get("chain")).hasSize(2);
    assertThat(probe.get("chain").get(0).get("sha256").asText()).isEqualTo(leaf.sha256());
    assertThat(iterable(probe.get("chain").get(0).fieldNames())).containsExactly("subject", "issuer", "sha256", "spkiSha256");
    assertThat(iterable(probe.get("tls").fieldNames())).containsExactly("protocol", "cipherSuite");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}                                         | MISSING_FIELD",
      "{\"host\":\"\"}                            | MISSING_FIELD",
      "{\"host\":42}                              | MISSING_FIELD",
      "{\"host\":\"localhost\",\"port\":\"443\"}  | MISSING_FIELD",
      "{\"host\":\"localhost\",\"port\":443.5}    | MISSING_FIELD",
      "{\"host\":\"localhost\",\"timeoutMs\":true}| MISSING_FIELD",
      "{\"host\":\"localhost\",\"port\":0}        | BAD_ARGUMENT",
      "{\"host\":\"localhost\",\"port\":70000}    | BAD_ARGUMENT",
      "{\"host\":\"localhost\",\"port\":99999999999}| BAD_ARGUMENT",
      "{\"host\":\"localhost\",\"timeoutMs\":50}  | BAD_ARGUMENT",
      "{\"host\":\"https://localhost/\"}          | BAD_ARGUMENT",
      "{\"host\":\"localhost:443\"}               | BAD_ARGUMENT",
      "{\"host\":\"localhost\",\"port\":22}       | PROBE_REFUSED",
      "{\"host\":\"localhost\",\"proxy\":\"direct\"} | MISSING_FIELD",
      "{\"host\":\"localhost\",\"proxy\":{\"mode\":\"http\"}} | MISSING_FIELD",
      "{\"host\":\"localhost\",\"proxy\":{\"mode\":\"http\",\"host\":\"a b\",\"port\":3128}} | BAD_ARGUMENT",
      "{\"host\":\"localhost\",\"proxy\":{\"mode\":\"pac\"}} | PROBE_PROXY",
      "{\"host\":\"localhost\",\"proxy\":{\"mode\":\"unknown\"}} | PROBE_PROXY",
      "{\"host\":\"localhost\",\"pageAddress\":7} | MISSING_FIELD",
      "{\"host\":\"localhost\",\"pageAddress\":\"example.com\"} | BAD_ARGUMENT",
      "{\"host\":\"localhost\",\"pageAddress\":\"[::1\"} | BAD_ARGUMENT",
      "{\"host\":\"localhost\",\"pageAddress\":\"::1]\"} | BAD_ARGUMENT",
      "{\"host\":\"localhost\",\"pageAddress\":\"[example.com]\"} | BAD_ARGUMENT"})
  void badArgumentsHaveStableCodes(String body, ErrorCode code) {
    assertThatThrownBy(() -> handler.handle(request(body), ctx))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  /** The browser's page address as webRequest gives it: an IPv4 or IPv6 literal, IPv6 with or without brackets. */
  @Test
  void pageAddressLiteralsAreAccepted() throws Exception {
    for (String page : List.of("127.0.0.1", "::1", "[::1]")) {
      JsonNode probe = Json.MAPPER.valueToTree(handler.handle(
          request("{\"host\":\"127.0.0.1\",\"port\":" + server.port() + ",\"pageAddress\":\"" + page + "\"}"), ctx));
      assertThat(probe.get("chain").get(0).get("sha256").asText()).as(page).isEqualTo(leaf.sha256());
    }
  }

  @Test
  void networkFailuresKeepTheirCodes() throws Exception {
    int closed = TlsTestServer.closedPort();
    assertThatThrownBy(() -> handler.handle(request("{\"host\":\"127.0.0.1\",\"port\":" + closed + ",\"timeoutMs\":1000}"), ctx))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROBE_FAILED));
  }

  private static Request request(String body) throws Exception {
    ObjectNode n = (ObjectNode) Json.MAPPER.readTree(body);
    n.put("type", "probe");
    n.set("id", IntNode.valueOf(1));
    return new Request(IntNode.valueOf(1), "probe", n);
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }
}
