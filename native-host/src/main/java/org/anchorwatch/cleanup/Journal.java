package org.anchorwatch.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Write-ahead journal of one operation, one fsynced JSON line per event:
 * begin → intent(step) → backed-up(step) → removed(step) | failed(step) → rebuilt → verified(step) → done.
 * A removal is only ever journaled after its backup was verified, so after a crash at any point
 * `doctor` finds each certificate either still in place or removed with a verified backup.
 */
public final class Journal {
  /** Test-only: a pause after each durable line, so a test can SIGKILL the process at that exact point. */
  static final String DELAY_ENV = "ANCHORWATCH_TEST_JOURNAL_DELAY_MS";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final AtomicFiles io;
  private final long delayMillis;

  public Journal(Path file, AtomicFiles io) {
    this.file = file;
    this.io = io;
    long d = 0;
    try {
      d = Long.parseLong(System.getenv().getOrDefault(DELAY_ENV, "0"));
    } catch (NumberFormatException ignored) {
      // no pause
    }
    this.delayMillis = d;
  }

  public Path file() {
    return file;
  }

  public void record(String event, int step, String detail) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("ts", Instant.now().toString());
    n.put("event", event);
    n.put("step", step);
    if (detail != null) n.put("detail", detail);
    write(n);
  }

  private void write(ObjectNode n) throws IOException {
    io.appendLine(file, JSON.writeValueAsString(n));
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The step this half is about to change: location and certificate, so restore can check a backup against them. */
  public void intent(Step s) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("ts", Instant.now().toString());
    n.put("event", "intent");
    n.put("step", s.index());
    n.put("detail", s.location());
    n.put("location", s.location());
    n.put("store", s.store());
    n.put("sha256", s.sha256());
    write(n);
  }

  /** The verified backup of a step, with the file attributes restore will put back (checked against the manifest). */
  public void backedUp(Step s, StoreChanges.Capture c) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("ts", Instant.now().toString());
    n.put("event", "backed-up");
    n.put("step", s.index());
    if (c.mode() != null) n.put("mode", c.mode());
    if (c.owner() != null) n.put("owner", c.owner());
    if (c.group() != null) n.put("group", c.group());
    if (c.trust() != null) n.put("trust", c.trust());
    write(n);
  }

  /** Events as written; a torn last line (crash mid-write) is ignored. */
  public static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      try {
        out.add(JSON.readTree(line));
      } catch (IOException torn) {
        break;
      }
    }
    return out;
  }
}
