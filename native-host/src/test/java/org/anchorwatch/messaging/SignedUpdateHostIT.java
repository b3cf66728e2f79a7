package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.BlocklistUpdates;
import org.anchorwatch.blocklist.TestSigning;
import org.anchorwatch.testsupport.HostProcess;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host process, started as a browser starts it (through a test entry point that only swaps
 * the trusted keys), answers with an update installed by another process while it runs: hello
 * names the machine list, and the live scan blocks a root only the update lists, no restart.
 */
class SignedUpdateHostIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir Path home;

  @Test
  @Timeout(180)
  void aRunningHostPicksUpAnUpdateInstalledMeanwhile() throws Exception {
    Path root = Files.createDirectories(home.resolve("root"));
    TestCerts.Issued evil = TestCerts.root("CN=IT Update-only Root");
    Path store = evil.writePem(home.resolve("store/evil.pem")).getParent();
    Files.createDirectories(home.resolve(".config/anchorwatch"));
    Files.writeString(home.resolve(".config/anchorwatch/host.json"),
        "{\"defaultStores\": false, \"stores\": [\"pem:" + store + "\"], \"root\": \"" + root + "\"}");

    try (HostProcess h = HostProcess.startMain(home, Map.of(), TestKeyHostMain.class.getName(), "chrome-extension://agbciifedgognoeofdbbhobbeicmknep/")) {
      JsonNode hello = h.call("{\"id\":1,\"type\":\"hello\"}");
      assertThat(hello.at("/result/blocklist/source").asText()).isEqualTo("bundled");
      assertThat(level(h.call("{\"id\":2,\"type\":\"scan\"}"))).isEqualTo("notice");

      ObjectNode list = (ObjectNode) MAPPER.readTree(TestSigning.bundledJson());
      list.put("version", "2026.12.24-1");
      list.withArray("entries").addObject().put("id", "it-update-only").put("name", "IT update-only root")
          .put("spkiSha256", evil.spkiSha256()).put("category", "government-mitm").put("tier", "interception");
      BlocklistUpdates installer = TestSigning.updates(
          new BlocklistUpdates.Locations(root.resolve("var/lib/anchorwatch/blocklist.signed"), null), Clock.systemUTC());
      installer.install(TestSigning.signed(MAPPER.writeValueAsBytes(list), 9, Instant.now().plus(30, ChronoUnit.DAYS), List.of(), "test-b"),
          BlocklistUpdates.Scope.MACHINE);

      hello = h.call("{\"id\":3,\"type\":\"hello\"}");
      assertThat(hello.at("/result/blocklist/source").asText()).isEqualTo("machine");
      assertThat(hello.at("/result/blocklist/sequence").asLong()).isEqualTo(9);
      assertThat(hello.at("/result/blocklist/version").asText()).isEqualTo("2026.12.24-1");
      int id = 4;
      JsonNode scan;
      while (true) { // the host's store watcher notices the new list file and rescans by itself
        scan = h.call("{\"id\":" + id++ + ",\"type\":\"scan\"}");
        if (level(scan).equals("blocked")) break;
        Thread.sleep(100); // polling for that state, not a timing assertion
      }
      assertThat(scan.at("/result/findings/0/entry/id").asText()).isEqualTo("it-update-only");
      assertThat(scan.at("/result/summary/blocklistSequence").asLong()).isEqualTo(9);
      assertThat(h.closeAndWait()).isZero();
    }
  }

  private static String level(JsonNode scanReply) {
    assertThat(scanReply.path("ok").asBoolean()).as(scanReply.toString()).isTrue();
    assertThat(scanReply.at("/result/findings")).hasSize(1);
    return scanReply.at("/result/findings/0/level").asText();
  }
}
