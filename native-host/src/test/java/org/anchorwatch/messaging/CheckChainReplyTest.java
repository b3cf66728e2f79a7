package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.blocklist.BlocklistEntry;
import org.anchorwatch.messaging.handlers.CheckChainHandler;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.scan.Snapshots;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * checkChain over real frames through the host loop, asserting the parsed reply: how each shape of
 * chain element (DER, hashes only, names) is read, the chain length limit, and the stable error
 * code and chain position of every bad element. The machine is one PEM store holding a test root.
 */
class CheckChainReplyTest {
  @TempDir Path tmp;
  Issued root;
  Issued intermediate;
  Issued leaf;
  Snapshots snapshots;
  HostContext ctx;
  static final Blocklist LIST = Blocklist.bundled();

  @BeforeEach
  void setUp() throws Exception {
    root = TestCerts.root("Reply Test Root");
    intermediate = TestCerts.intermediate("Reply Test Intermediate", root);
    leaf = TestCerts.leaf("localhost", intermediate, "localhost");
    Path pem = TestCerts.writePem(tmp.resolve("anchors/root.pem"), root.cert());
    snapshots = org.anchorwatch.testsupport.PemSnapshots.started(pem, tmp.resolve("home"));
    ctx = new HostContext(LIST, snapshots, "test");
  }

  @AfterEach
  void tearDown() {
    snapshots.close();
  }

  /** One checkChain request with this chain (a JSON array text); the parsed reply. */
  private JsonNode check(String chain) throws Exception {
    return call("{\"id\":9,\"type\":\"checkChain\",\"chain\":" + chain + "}");
  }

  private JsonNode call(String request) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = new HostLoop(new Framing(new ByteArrayInputStream(HostLoopTest.frame(request)), out), ctx,
        List.of(new HelloHandler(List.of("hello", "checkChain")), new CheckChainHandler())).run();
    assertThat(exit).isZero();
    List<JsonNode> replies = HostLoopTest.replies(out.toByteArray());
    assertThat(replies).hasSize(1);
    return replies.get(0);
  }

  private static String der(Issued c) {
    return "{\"rawDER\":\"" + Base64.getEncoder().encodeToString(c.der()) + "\"}";
  }

  private static String chain(String... elements) {
    StringJoiner j = new StringJoiner(",", "[", "]");
    for (String e : elements) j.add(e);
    return j.toString();
  }

  /** A blocking bundled entry that names both hashes. */
  private static BlocklistEntry blocking() {
    return LIST.entries().stream().filter(e -> e.tier().blocks() && e.sha256() != null && e.spkiSha256() != null).findFirst().orElseThrow();
  }

  /** "AB:CD:…", as certificate viewers print a fingerprint. */
  private static String colons(String hex) {
    StringJoiner j = new StringJoiner(":");
    for (int i = 0; i < hex.length(); i += 2) j.add(hex.substring(i, i + 2).toUpperCase(java.util.Locale.ROOT));
    return j.toString();
  }

  @Test
  void aDerChainWithoutItsRootIsAnchoredAtTheStoreRootThatIssuedIt() throws Exception {
    JsonNode reply = check(chain(der(leaf), der(intermediate)));
    assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
    assertThat(reply.path("id").asInt()).isEqualTo(9);
    assertThat(reply.path("type").asText()).isEqualTo("checkChain");
    JsonNode r = reply.path("result");
    assertThat(r.path("level").asText()).isEqualTo("notice");
    assertThat(r.path("reason").asText()).isEqualTo("non-built-in-root");
    assertThat(r.path("entry").isNull()).isTrue();
    assertThat(r.path("matchedIndex").asInt()).isEqualTo(-1);
    assertThat(r.path("root").path("sha256").asText()).isEqualTo(root.sha256());
    assertThat(r.path("root").path("spkiSha256").asText()).isEqualTo(root.spkiSha256());
    assertThat(r.path("root").path("subject").asText()).isEqualTo(root.subject());
    assertThat(r.path("root").path("builtIn").asBoolean(true)).isFalse();
    assertThat(r.path("installedIn")).hasSize(1);
    assertThat(r.path("installedIn").get(0).path("sha256").asText()).isEqualTo(root.sha256());
    assertThat(r.path("installedIn").get(0).path("store").asText()).startsWith("pem:");
  }

  /** The browser's own flag decides built-in; false or absent leaves the locally added root a notice. */
  @Test
  void isBuiltInRootIsTheBrowsersWord() throws Exception {
    String rootEl = der(root);
    String flagged = rootEl.substring(0, rootEl.length() - 1) + ",\"isBuiltInRoot\":true}";
    JsonNode builtIn = check(chain(der(leaf), der(intermediate), flagged)).path("result");
    assertThat(builtIn.path("reason").asText()).isEqualTo("built-in-root");
    assertThat(builtIn.path("level").asText()).isEqualTo("clean");
    assertThat(builtIn.path("root").path("builtIn").asBoolean(false)).isTrue();
    assertThat(builtIn.path("installedIn")).isEmpty();

    for (String flag : List.of(",\"isBuiltInRoot\":false}", ",\"isBuiltInRoot\":null}", "}")) {
      String el = rootEl.substring(0, rootEl.length() - 1) + flag;
      JsonNode r = check(chain(der(leaf), der(intermediate), el)).path("result");
      assertThat(r.path("reason").asText()).as(flag).isEqualTo("non-built-in-root");
      assertThat(r.path("root").path("builtIn").asBoolean(true)).as(flag).isFalse();
    }
  }

  /** With rawDER the host hashes the certificate itself: hashes the page claims beside it are ignored. */
  @Test
  void claimedHashesBesideDerAreIgnored() throws Exception {
    BlocklistEntry e = blocking();
    String el = "{\"rawDER\":\"" + Base64.getEncoder().encodeToString(root.der()) + "\",\"sha256\":\"" + e.sha256()
        + "\",\"spkiSha256\":\"" + e.spkiSha256() + "\",\"subject\":\"CN=Claimed\"}";
    JsonNode r = check(chain(el)).path("result");
    assertThat(r.path("level").asText()).isEqualTo("notice");
    assertThat(r.path("root").path("sha256").asText()).isEqualTo(root.sha256());
    assertThat(r.path("root").path("subject").asText()).isEqualTo(root.subject());
  }

  /** Chromium sends hashes only: a blocklisted fingerprint in colon-separated upper case blocks, at its position. */
  @Test
  void hashOnlyElementsAreJudgedByTheirNormalisedHashes() throws Exception {
    BlocklistEntry e = blocking();
    String other = "{\"sha256\":\"" + "ab".repeat(32) + "\"}";
    String listed = "{\"sha256\":\"" + colons(e.sha256()) + "\",\"subject\":\"CN=Listed\",\"issuer\":\"CN=Listed\"}";
    JsonNode r = check(chain(other, listed)).path("result");
    assertThat(r.path("level").asText()).isEqualTo("blocked");
    assertThat(r.path("reason").asText()).isEqualTo("blocklisted");
    assertThat(r.path("matchedIndex").asInt()).isEqualTo(1);
    assertThat(r.path("entry").path("id").asText()).isEqualTo(e.id());
    assertThat(r.path("root").path("sha256").asText()).isEqualTo(e.sha256().toLowerCase(java.util.Locale.ROOT));
    assertThat(r.path("root").path("spkiSha256").isNull()).isTrue();
    assertThat(r.path("root").path("subject").asText()).isEqualTo("CN=Listed");
    assertThat(r.path("root").path("issuer").asText()).isEqualTo("CN=Listed");

    // the key hash alone, in base64 as Firefox's spkiSha256 could be: the same entry, at position 0
    String spkiB64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(e.spkiSha256()));
    JsonNode byKey = check(chain("{\"spkiSha256\":\"" + spkiB64 + "\"}")).path("result");
    assertThat(byKey.path("level").asText()).isEqualTo("blocked");
    assertThat(byKey.path("matchedIndex").asInt()).isZero();
    assertThat(byKey.path("entry").path("id").asText()).isEqualTo(e.id());
    assertThat(byKey.path("root").path("spkiSha256").asText()).isEqualTo(e.spkiSha256().toLowerCase(java.util.Locale.ROOT));
    assertThat(byKey.path("root").path("sha256").isNull()).isTrue();
  }

  /** A hash-only root that is in no store and unflagged is unknown; names that are not strings are dropped. */
  @Test
  void anUnknownHashOnlyRootIsCleanAndNonTextNamesAreLeftOut() throws Exception {
    JsonNode r = check(chain("{\"sha256\":\"" + "cd".repeat(32) + "\",\"subject\":7,\"issuer\":\"CN=Somebody\"}")).path("result");
    assertThat(r.path("level").asText()).isEqualTo("clean");
    assertThat(r.path("reason").asText()).isEqualTo("unknown-root");
    assertThat(r.path("root").path("subject").isNull()).isTrue();
    assertThat(r.path("root").path("issuer").asText()).isEqualTo("CN=Somebody");
    assertThat(r.path("root").path("builtIn").isNull()).isTrue();

    // the store's root named by its hash alone is found in the store
    JsonNode stored = check(chain("{\"sha256\":\"" + root.sha256().toUpperCase(java.util.Locale.ROOT) + "\"}")).path("result");
    assertThat(stored.path("reason").asText()).isEqualTo("non-built-in-root");
    assertThat(stored.path("installedIn")).hasSize(1);
  }

  @Test
  void sixteenCertificatesAreJudgedSeventeenAreRefused() throws Exception {
    String[] sixteen = new String[16]; // the protocol's limit (CheckChainHandler.MAX_CHAIN)
    for (int i = 0; i < sixteen.length; i++) sixteen[i] = "{\"sha256\":\"" + String.format("%064x", i + 1) + "\"}";
    JsonNode ok = check(chain(sixteen));
    assertThat(ok.path("ok").asBoolean()).as(ok.toString()).isTrue();
    assertThat(ok.path("result").path("root").path("sha256").asText()).isEqualTo(String.format("%064x", 16));

    String[] seventeen = java.util.Arrays.copyOf(sixteen, 17);
    seventeen[16] = "{\"sha256\":\"" + String.format("%064x", 17) + "\"}";
    JsonNode refused = check(chain(seventeen));
    assertThat(refused.path("ok").asBoolean()).isFalse();
    assertThat(refused.path("error").path("code").asText()).isEqualTo("BAD_ARGUMENT");
    assertThat(refused.path("error").path("message").asText()).contains("17").contains("16");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "                                                    | MISSING_FIELD   | 'chain' must be a non-empty array",
      "null                                                | MISSING_FIELD   | 'chain' must be a non-empty array",
      "[]                                                  | MISSING_FIELD   | 'chain' must be a non-empty array",
      "{\"rawDER\":\"AAAA\"}                               | MISSING_FIELD   | 'chain' must be a non-empty array",
      "\"MIIB\"                                            | MISSING_FIELD   | 'chain' must be a non-empty array",
      "[7]                                                 | MISSING_FIELD   | chain[0] must be an object",
      "[{\"sha256\":\"$H\"},{\"sha256\":\"$H\"},\"x\"]      | MISSING_FIELD   | chain[2] must be an object",
      "[{\"sha256\":\"$H\",\"isBuiltInRoot\":\"yes\"}]     | MISSING_FIELD   | chain[0].isBuiltInRoot must be a boolean",
      "[{\"sha256\":\"$H\"},{\"rawDER\":7}]                | BAD_CERTIFICATE | chain[1].rawDER must be a base64 string",
      "[{\"rawDER\":\"not base64!\"}]                      | BAD_CERTIFICATE | chain[0].rawDER is not base64",
      "[{\"sha256\":\"$H\"},{\"rawDER\":\"MIIBAAAA\"}]     | BAD_CERTIFICATE | chain[1]: ",
      "[{\"sha256\":\"xyz\"}]                              | BAD_HASH        | chain[0].sha256 is not a SHA-256",
      "[{\"sha256\":\"$G\"}]                               | BAD_HASH        | chain[0].sha256 is not a SHA-256",
      "[{\"sha256\":\"$H\"},{\"spkiSha256\":\"AAAA\"}]     | BAD_HASH        | chain[1].spkiSha256 is not a SHA-256",
      "[{\"subject\":\"CN=x\",\"issuer\":\"CN=x\"}]        | MISSING_FIELD   | chain[0] needs rawDER, spkiSha256 or sha256",
      "[{\"rawDER\":null,\"sha256\":null}]                 | MISSING_FIELD   | chain[0] needs rawDER, spkiSha256 or sha256"})
  void badChainsHaveStableCodesAndNameThePosition(String chain, String code, String message) throws Exception {
    String c = chain == null ? null : chain.replace("$H", "ef".repeat(32)).replace("$G", "g".repeat(64));
    JsonNode reply = c == null ? call("{\"id\":9,\"type\":\"checkChain\"}") : check(c);
    assertThat(reply.path("ok").asBoolean()).isFalse();
    assertThat(reply.path("id").asInt()).isEqualTo(9);
    assertThat(reply.path("error").path("code").asText()).isEqualTo(code);
    assertThat(reply.path("error").path("message").asText()).startsWith(message);
  }

  /** Ids come back as they were sent: a string, a 64-bit and an integer beyond 64 bits. */
  @Test
  void idsAreEchoedExactly() throws Exception {
    String el = chain("{\"sha256\":\"" + "cd".repeat(32) + "\"}");
    for (String id : List.of("\"tab-7\"", "1099511627776", "-3", "123456789012345678901234567890")) {
      JsonNode reply = call("{\"id\":" + id + ",\"type\":\"checkChain\",\"chain\":" + el + "}");
      assertThat(reply.path("id").toString()).isEqualTo(id);
      assertThat(reply.path("result").path("level").asText()).isEqualTo("clean");
    }
  }
}
