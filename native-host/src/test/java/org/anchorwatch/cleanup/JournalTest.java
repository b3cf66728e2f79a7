package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead journal as doctor and restore read it back: one JSON line per event, a torn tail ignored. */
class JournalTest {
  @TempDir Path tmp;

  private static Step step(int index) {
    return new Step(index, "pem:/anchors", "pem", "Anchors", "added", "/anchors/evil-" + index + ".pem", "ab".repeat(32), "delete", false,
        "the file", List.of(), null, List.of(), Map.of("path", "/anchors/evil-" + index + ".pem"));
  }

  @Test
  void everyEventIsAppendedAsOneLineAndReadBackInOrder() throws Exception {
    Path file = tmp.resolve("journal/op.jsonl");
    Journal j = new Journal(file, new AtomicFiles());
    assertThat(j.file()).isEqualTo(file);
    j.record("begin", -1, "plan-1");
    j.intent(step(0));
    j.backedUp(step(0), new StoreChanges.Capture(null, null, "nick", "CT,C,c", null, null, "rw-r--r--", "root", "staff", null));
    j.record("removed", 0, null);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(4);
    List<JsonNode> events = Journal.read(file);
    assertThat(events).extracting(e -> e.path("event").asText()).containsExactly("begin", "intent", "backed-up", "removed");
    assertThat(events).allSatisfy(e -> assertThat(e.path("ts").asText()).isNotEmpty());
    assertThat(events.get(0).path("step").asInt()).isEqualTo(-1);
    assertThat(events.get(0).path("detail").asText()).isEqualTo("plan-1");
    JsonNode intent = events.get(1);
    assertThat(intent.path("step").asInt()).isEqualTo(0);
    assertThat(intent.path("location").asText()).isEqualTo("/anchors/evil-0.pem");
    assertThat(intent.path("detail").asText()).isEqualTo("/anchors/evil-0.pem");
    assertThat(intent.path("store").asText()).isEqualTo("pem:/anchors");
    assertThat(intent.path("sha256").asText()).isEqualTo("ab".repeat(32));
    JsonNode backedUp = events.get(2);
    assertThat(backedUp.path("step").asInt()).isZero();
    assertThat(backedUp.path("mode").asText()).isEqualTo("rw-r--r--");
    assertThat(backedUp.path("owner").asText()).isEqualTo("root");
    assertThat(backedUp.path("group").asText()).isEqualTo("staff");
    assertThat(backedUp.path("trust").asText()).isEqualTo("CT,C,c");
    // a null detail is left out, not written as "null"
    assertThat(events.get(3).has("detail")).isFalse();
    assertThat(events.get(3).path("step").asInt()).isZero();
  }

  @Test
  void attributesABackupDidNotHaveAreLeftOutSoTheyCompareAsAbsent() throws Exception {
    Path file = tmp.resolve("op.jsonl");
    new Journal(file, new AtomicFiles()).backedUp(step(3), new StoreChanges.Capture(null, null, null, null, null, null, null, null, null, null));
    JsonNode e = Journal.read(file).get(0);
    assertThat(e.path("step").asInt()).isEqualTo(3);
    assertThat(e.has("mode") || e.has("owner") || e.has("group") || e.has("trust")).isFalse();
  }

  @Test
  void aTornLastLineFromACrashMidWriteIsIgnored() throws Exception {
    Path file = tmp.resolve("op.jsonl");
    Journal j = new Journal(file, new AtomicFiles());
    j.record("begin", -1, "p");
    j.record("removed", 2, "delete");
    Files.writeString(file, "{\"ts\":\"2026-", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(Journal.read(file)).extracting(e -> e.path("event").asText()).containsExactly("begin", "removed");
    assertThat(Journal.read(file).get(1).path("step").asInt()).isEqualTo(2);
  }

  @Test
  void aMissingJournalIsAnErrorNotAnEmptyHistory() {
    assertThatThrownBy(() -> Journal.read(tmp.resolve("none.jsonl"))).isInstanceOf(IOException.class);
  }

  @Test
  void theJournalFileIsPrivateAndAppendsRefuseALinkPlantedInItsPlace() throws Exception {
    Path file = tmp.resolve("op.jsonl");
    new Journal(file, new AtomicFiles()).record("begin", -1, "p");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    Path victim = Files.writeString(tmp.resolve("victim"), "keep\n");
    Path link = Files.createSymbolicLink(tmp.resolve("link.jsonl"), victim);
    assertThatThrownBy(() -> new Journal(link, new AtomicFiles()).record("begin", -1, "p")).isInstanceOf(IOException.class);
    assertThat(Files.readString(victim)).isEqualTo("keep\n");
  }
}
