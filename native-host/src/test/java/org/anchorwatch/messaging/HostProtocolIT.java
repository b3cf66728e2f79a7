package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.testsupport.HostProcess;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spawns the real anchorwatch.jar the way browsers do and talks frames over its pipes. */
class HostProtocolIT {
  static final String CHROME = "chrome-extension://agbciifedgognoeofdbbhobbeicmknep/";
  @TempDir Path home;
  TestCerts.Issued root;
  TestCerts.Issued inter;
  TestCerts.Issued leaf;
  Path anchors;

  @BeforeEach
  void setUp() throws Exception {
    root = TestCerts.root("CN=IT Interception Root,O=Anchorwatch Tests");
    inter = TestCerts.intermediate("CN=IT Intermediate", root);
    leaf = TestCerts.leaf("localhost", inter);
    anchors = home.resolve("anchors");
    root.writePem(anchors.resolve("it-root.crt"));
    String spki = CertParser.parseDer(root.der()).spkiSha256();
    Path policy = Files.writeString(home.resolve("policy.json"),
        "{\"deny\":[{\"name\":\"IT Test Interception Root\",\"spkiSha256\":\"" + spki + "\"}]}");
    Files.createDirectories(home.resolve(".config/anchorwatch"));
    Files.writeString(home.resolve(".config/anchorwatch/host.json"), """
        {"defaultStores": false, "stores": ["pem:%s"], "policy": "%s", "allowedCallers": ["it@anchorwatch.test"]}"""
        .formatted(anchors, policy));
  }

  private String chainJson() {
    Base64.Encoder b = Base64.getEncoder();
    return "[{\"rawDER\":\"" + b.encodeToString(leaf.der()) + "\",\"isBuiltInRoot\":false},"
        + "{\"rawDER\":\"" + b.encodeToString(inter.der()) + "\",\"isBuiltInRoot\":false},"
        + "{\"rawDER\":\"" + b.encodeToString(root.der()) + "\",\"isBuiltInRoot\":false}]";
  }

  @Test
  void chromiumLaunchServesManyRequestsOnOneConnection() throws Exception {
    try (HostProcess h = HostProcess.start(home, Map.of(), CHROME)) {
      JsonNode hello = h.call("{\"id\":1,\"type\":\"hello\"}");
      assertThat(hello.path("ok").asBoolean()).isTrue();
      assertThat(hello.path("result").path("protocol").asInt()).isEqualTo(1);
      assertThat(hello.path("result").path("blocklist").path("entries").asInt()).isEqualTo(org.anchorwatch.blocklist.Blocklist.bundled().entries().size());
      assertThat(hello.path("result").path("capabilities").toString()).contains("checkChain", "scan");

      JsonNode scan = h.call("{\"id\":2,\"type\":\"scan\"}");
      assertThat(scan.path("result").path("summary").path("interception").toString()).contains("IT Test Interception Root");
      assertThat(scan.path("result").path("findings").get(0).path("location").asText()).endsWith("it-root.crt");

      for (int i = 0; i < 50; i++) {
        JsonNode v = h.call("{\"id\":\"c" + i + "\",\"type\":\"checkChain\",\"chain\":" + chainJson() + "}");
        assertThat(v.path("id").asText()).isEqualTo("c" + i);
        assertThat(v.path("result").path("level").asText()).isEqualTo("blocked");
        assertThat(v.path("result").path("entry").path("name").asText()).isEqualTo("IT Test Interception Root");
        assertThat(v.path("result").path("installedIn").get(0).path("location").asText()).endsWith("it-root.crt");
      }
      assertThat(h.closeAndWait()).isZero();
    }
    assertThat(Files.readString(home.resolve(".local/state/anchorwatch/host.log"))).contains("started by [" + CHROME + "]");
  }

  @Test
  void anInterceptionOperatorsNameOnAnUnknownKeyBlocksThePageButANearMissDoesNot() throws Exception {
    TestCerts.Issued kz = TestCerts.root("CN=Information Security Certification Authority,C=KZ");
    TestCerts.Issued near = TestCerts.root("CN=Information Security Certification Authority Test,C=KZ");
    kz.writePem(anchors.resolve("kz-rekey.crt"));
    near.writePem(anchors.resolve("near-miss.crt"));
    Base64.Encoder b = Base64.getEncoder();
    try (HostProcess h = HostProcess.start(home, Map.of(), CHROME)) {
      for (TestCerts.Issued r : List.of(kz, near)) {
        TestCerts.Issued site = TestCerts.leaf("site.test", r);
        String chain = "[{\"rawDER\":\"" + b.encodeToString(site.der()) + "\",\"isBuiltInRoot\":false},"
            + "{\"rawDER\":\"" + b.encodeToString(r.der()) + "\",\"isBuiltInRoot\":false}]";
        JsonNode v = h.call("{\"id\":1,\"type\":\"checkChain\",\"chain\":" + chain + "}").path("result");
        if (r == kz) {
          assertThat(v.path("level").asText()).isEqualTo("blocked");
          assertThat(v.path("reason").asText()).isEqualTo("suspected-by-name");
          assertThat(v.path("entry").path("id").asText()).isEqualTo("suspected-kz-2020-isca-ca");
          assertThat(v.path("installedIn").get(0).path("location").asText()).endsWith("kz-rekey.crt");
        } else {
          assertThat(v.path("level").asText()).isEqualTo("notice");
          assertThat(v.path("reason").asText()).isEqualTo("non-built-in-root");
        }
      }
      assertThat(h.closeAndWait()).isZero();
    }
  }

  @Test
  void firefoxLaunchUsesTheAddonIdAsCaller() throws Exception {
    Path manifest = home.resolve(".mozilla/native-messaging-hosts/org.anchorwatch.host.json");
    try (HostProcess h = HostProcess.start(home, Map.of(), manifest.toString(), "it@anchorwatch.test")) {
      assertThat(h.call("{\"id\":1,\"type\":\"hello\"}").path("result").path("caller").asText()).isEqualTo("it@anchorwatch.test");
      assertThat(h.closeAndWait()).isZero();
    }
  }

  @Test
  void unknownCallerIsRefused() throws Exception {
    try (HostProcess h = HostProcess.start(home, Map.of(), "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")) {
      JsonNode refusal = h.read();
      assertThat(refusal.path("ok").asBoolean()).isFalse();
      assertThat(refusal.path("error").path("code").asText()).isEqualTo("CALLER_NOT_ALLOWED");
      assertThat(h.finish()).isEqualTo(1);
    }
  }

  @Test
  void everyBadInputGetsAStableCodeAndStdoutStaysClean() throws Exception {
    try (HostProcess h = HostProcess.start(home, Map.of(), CHROME)) {
      h.sendRaw(HostLoopTest.frame(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'}));
      assertThat(h.read().path("error").path("code").asText()).isEqualTo("BAD_UTF8");
      assertThat(h.call("{\"id\":1,").path("error").path("code").asText()).isEqualTo("BAD_JSON");
      assertThat(h.call("\"just a string\"").path("error").path("code").asText()).isEqualTo("BAD_JSON");
      assertThat(h.call("{\"type\":\"hello\"}").path("error").path("code").asText()).isEqualTo("MISSING_FIELD");
      assertThat(h.call("{\"id\":5,\"type\":\"selfDestruct\"}").path("error").path("code").asText()).isEqualTo("UNKNOWN_TYPE");
      assertThat(h.call("{\"id\":6,\"type\":\"checkChain\",\"chain\":[]}").path("error").path("code").asText()).isEqualTo("MISSING_FIELD");
      JsonNode garbage = h.call("{\"id\":7,\"type\":\"checkChain\",\"chain\":[{\"rawDER\":\"" + Base64.getEncoder().encodeToString(new byte[300]) + "\"}]}");
      assertThat(garbage.path("id").asInt()).isEqualTo(7);
      assertThat(garbage.path("error").path("code").asText()).isEqualTo("BAD_CERTIFICATE");
      assertThat(h.call("{\"id\":8,\"type\":\"checkChain\",\"chain\":[{\"rawDER\":\"%%%\"}]}").path("error").path("code").asText()).isEqualTo("BAD_CERTIFICATE");
      // still alive and correct after all of that
      assertThat(h.call("{\"id\":9,\"type\":\"hello\"}").path("ok").asBoolean()).isTrue();
      // an oversize length cannot be resynchronised: one error frame, then a clean exit
      h.sendRaw(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(Framing.MAX_INBOUND + 1).array());
      JsonNode fatal = h.read();
      assertThat(fatal.path("error").path("code").asText()).isEqualTo("BAD_LENGTH");
      assertThat(fatal.path("id").isNull()).isTrue();
      assertThat(h.finish()).isEqualTo(1);
    }
  }

  @Test
  void truncatedFrameEndsCleanly() throws Exception {
    try (HostProcess h = HostProcess.start(home, Map.of(), CHROME)) {
      byte[] f = HostLoopTest.frame("{\"id\":1,\"type\":\"hello\"}");
      h.sendRaw(java.util.Arrays.copyOf(f, f.length - 5));
      h.process().getOutputStream().close();
      assertThat(h.read().path("error").path("code").asText()).isEqualTo("TRUNCATED_FRAME");
      assertThat(h.finish()).isEqualTo(1);
    }
  }

  @Test
  void theStoreIndexFollowsChangesOnDisk() throws Exception {
    TestCerts.Issued later = TestCerts.root("CN=Installed Later");
    try (HostProcess h = HostProcess.start(home, Map.of(), CHROME)) {
      String chain = "[{\"rawDER\":\"" + Base64.getEncoder().encodeToString(later.der()) + "\",\"isBuiltInRoot\":false}]";
      JsonNode before = h.call("{\"id\":1,\"type\":\"checkChain\",\"chain\":" + chain + "}");
      assertThat(before.path("result").path("installedIn").size()).isZero();
      later.writePem(anchors.resolve("later.crt"));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      JsonNode after;
      do {
        Thread.sleep(250);
        after = h.call("{\"id\":2,\"type\":\"checkChain\",\"chain\":" + chain + "}");
      } while (after.path("result").path("installedIn").size() == 0 && Instant.now().isBefore(deadline));
      assertThat(after.path("result").path("installedIn").get(0).path("location").asText()).endsWith("later.crt");
      assertThat(after.path("result").path("level").asText()).isEqualTo("notice");
      assertThat(h.closeAndWait()).isZero();
    }
  }
}
