package org.anchorwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.anchorwatch.blocklist.BlocklistUpdates;
import org.anchorwatch.blocklist.TestSigning;
import org.anchorwatch.config.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `blocklist show --json` for an installed update (the real jar only ever shows the bundled list in tests: it trusts no test key). */
class BlocklistSummaryTest {
  @TempDir Path dir;

  @Test
  void showJsonDescribesAnInstalledUpdateAndAnIgnoredFile() throws Exception {
    BlocklistUpdates.Locations where = new BlocklistUpdates.Locations(dir.resolve("m/blocklist.signed"), dir.resolve("u/blocklist.signed"));
    BlocklistUpdates updates = TestSigning.updates(where, Clock.systemUTC());
    updates.install(TestSigning.signed(12, "test-a", "test-b"), BlocklistUpdates.Scope.MACHINE);
    Files.createDirectories(where.user().getParent());
    Files.writeString(where.user(), "{}");

    JsonNode s = Json.MAPPER.readTree(Json.pretty(BlocklistCommand.summary(updates)));

    assertThat(s.path("source").asText()).isEqualTo("machine");
    assertThat(s.path("sequence").asLong()).isEqualTo(12);
    assertThat(s.path("signedBy")).extracting(JsonNode::asText).containsExactly("test-a", "test-b");
    assertThat(s.path("expires").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(s.path("trustedKeys")).extracting(JsonNode::asText).containsExactly("test-a", "test-b");
    assertThat(s.at("/installed/0/sequence").asLong()).isEqualTo(12);
    assertThat(s.at("/installed/1/problem/code").asText()).isEqualTo("UPDATE_MALFORMED");
    assertThat(s.path("entriesPerTier").path("interception").asInt()).isPositive();
  }
}
