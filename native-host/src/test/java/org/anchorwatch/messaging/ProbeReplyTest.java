package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.messaging.handlers.ProbeHandler;
import org.anchorwatch.probe.ProbeService;
import org.anchorwatch.probe.Resolver;
import org.anchorwatch.scan.Snapshots;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.anchorwatch.testsupport.TestProxy;
import org.anchorwatch.testsupport.TlsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * probe over real frames, asserting the parsed reply: that the request's proxy object, the
 * "system" mode (the browser's environment) and the page's own address reach the probe. Every
 * server and proxy is on 127.0.0.1; the resolver is a counting stand-in, so no name is looked up.
 */
class ProbeReplyTest {
  static Issued root;
  static Issued leaf;
  static TlsTestServer server;
  @TempDir Path tmp;
  Snapshots snapshots;
  HostContext ctx;
  /** The names looked up, in order. */
  final List<String> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Every name is 127.0.0.1, a private address a public name may only use when the page was there. */
  final Resolver loopback = host -> {
    lookups.add(host);
    return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
  };

  @BeforeAll
  static void startServer() {
    root = TestCerts.root("Probe Reply Root");
    leaf = TestCerts.leaf("localhost", root, "localhost", "127.0.0.1");
    server = TlsTestServer.tls(TestCerts.keyStore(leaf, root.cert()));
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  /** The machine: one PEM store with the server's root, so a probed chain is a notice (added root). */
  @BeforeEach
  void scanTheMachine() throws Exception {
    snapshots = org.anchorwatch.testsupport.PemSnapshots.started(TestCerts.writePem(tmp.resolve("root.pem"), root.cert()), tmp);
    ctx = new HostContext(Blocklist.bundled(), snapshots, "test");
  }

  @AfterEach
  void closeSnapshots() {
    snapshots.close();
  }

  private JsonNode probe(Map<String, String> env, String fields) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] in = HostLoopTest.frame("{\"id\":\"p\",\"type\":\"probe\"," + fields + "}");
    int exit = new HostLoop(new Framing(new ByteArrayInputStream(in), out), ctx,
        List.of(new ProbeHandler(new ProbeService(loopback), env))).run();
    assertThat(exit).isZero();
    List<JsonNode> replies = HostLoopTest.replies(out.toByteArray());
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).path("id").asText()).isEqualTo("p");
    return replies.get(0);
  }

  private void assertPresentedChain(JsonNode reply, String host, int port) {
    assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
    JsonNode r = reply.path("result");
    assertThat(r.path("host").asText()).isEqualTo(host);
    assertThat(r.path("port").asInt()).isEqualTo(port);
    assertThat(r.path("chain").get(0).path("sha256").asText()).isEqualTo(leaf.sha256());
    assertThat(r.path("level").asText()).isEqualTo("notice");
  }

  /** An http or socks5 proxy object: the proxy is asked for the name, the host resolves nothing itself. */
  @Test
  void aProxyObjectIsTheRouteTheProbeTakes() throws Exception {
    for (TestProxy.Kind kind : TestProxy.Kind.values()) {
      try (TestProxy proxy = new TestProxy(kind, server.port(), false)) {
        String mode = kind == TestProxy.Kind.HTTP ? "http" : "socks5";
        JsonNode reply = probe(Map.of(), "\"host\":\"shop.example\",\"port\":443,"
            + "\"proxy\":{\"mode\":\"" + mode + "\",\"host\":\"127.0.0.1\",\"port\":" + proxy.port() + "}");
        assertPresentedChain(reply, "shop.example", 443);
        assertThat(proxy.targets()).as(mode).containsExactly("shop.example:443");
      }
    }
    assertThat(lookups).as("only the proxy's own address is looked up, never the target").containsOnly("127.0.0.1");
  }

  /** A refusing proxy proves the reply came through it: the code is PROBE_PROXY, not a direct answer. */
  @Test
  void aRefusingProxyIsProbeProxy() throws Exception {
    for (TestProxy.Kind kind : TestProxy.Kind.values()) {
      try (TestProxy proxy = new TestProxy(kind, server.port(), true)) {
        String mode = kind == TestProxy.Kind.HTTP ? "http" : "socks5";
        JsonNode reply = probe(Map.of(), "\"host\":\"localhost\",\"port\":" + server.port() + ","
            + "\"proxy\":{\"mode\":\"" + mode + "\",\"host\":\"127.0.0.1\",\"port\":" + proxy.port() + "}");
        assertThat(reply.path("error").path("code").asText()).as(mode).isEqualTo("PROBE_PROXY");
      }
    }
  }

  /** "system": the environment the browser passed on decides, here an https_proxy and an all_proxy. */
  @Test
  void systemModeTakesTheProxyFromTheBrowsersEnvironment() throws Exception {
    try (TestProxy http = new TestProxy(TestProxy.Kind.HTTP, server.port(), false);
        TestProxy socks = new TestProxy(TestProxy.Kind.SOCKS5, server.port(), false)) {
      assertPresentedChain(probe(Map.of("https_proxy", "http://127.0.0.1:" + http.port()),
          "\"host\":\"shop.example\",\"proxy\":{\"mode\":\"system\"}"), "shop.example", 443);
      assertThat(http.targets()).containsExactly("shop.example:443");
      assertPresentedChain(probe(Map.of("all_proxy", "socks5h://127.0.0.1:" + socks.port()),
          "\"host\":\"shop.example\",\"port\":8443,\"proxy\":{\"mode\":\"system\"}"), "shop.example", 8443);
      assertThat(socks.targets()).containsExactly("shop.example:8443");
      assertThat(lookups).containsOnly("127.0.0.1");

      // no proxy in the environment: direct, so the name is looked up (and localhost may be loopback)
      assertPresentedChain(probe(Map.of(), "\"host\":\"localhost\",\"port\":" + server.port() + ",\"proxy\":{\"mode\":\"system\"}"),
          "localhost", server.port());
      assertThat(lookups).contains("localhost");
      assertThat(http.targets()).hasSize(1);
    }
  }

  /**
   * A public name that resolves to a private address is probed only when the browser reported
   * having loaded the page from exactly that address (DNS rebinding stays refused otherwise).
   */
  @Test
  void thePagesOwnAddressIsTheOnePrivateAddressAllowed() throws Exception {
    String target = "\"host\":\"intranet.example\",\"port\":" + server.port();
    JsonNode unknown = probe(Map.of(), target);
    assertThat(unknown.path("error").path("code").asText()).isEqualTo("PROBE_REFUSED");
    assertThat(unknown.path("error").path("message").asText()).contains("the browser's own address for the page is unknown");
    assertThat(probe(Map.of(), target + ",\"pageAddress\":\"10.9.8.7\"").path("error").path("code").asText()).isEqualTo("PROBE_REFUSED");
    assertPresentedChain(probe(Map.of(), target + ",\"pageAddress\":\"127.0.0.1\""), "intranet.example", server.port());
    assertThat(probe(Map.of(), target + ",\"pageAddress\":null").path("error").path("code").asText()).isEqualTo("PROBE_REFUSED");
  }
}
