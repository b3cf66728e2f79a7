package org.anchorwatch.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.scan.ScanResult;

/**
 * Finds operations a crash interrupted and reconciles them with the stores: each certificate is
 * found either still in place or removed with a verified backup (never lost, because removal is
 * journaled only after the backup verified). Interrupted bookkeeping is completed, the system
 * rebuild re-run when a system anchor was removed, and leftover temp files deleted. Undo stays
 * with `restore ID`.
 *
 * <p>A certificate found removed while its backup is gone (deleted or damaged after the fact: the
 * removal itself is journaled only after the backup verified) cannot be put back by anchorwatch.
 * That journal is closed with one "lost" event per such step instead of "done", and every later
 * doctor run reports it again, until the person says they have seen it ({@link #acknowledge}): an
 * alarm shown once and then never again is easy to miss in a terminal that scrolled away.
 */
public final class Doctor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CleanupContext cx;

  public Doctor(CleanupContext cx) {
    this.cx = cx;
  }

  /** @param outcome in-place | removed-with-backup | backup-missing (the alarm that must never happen) */
  public record StepOutcome(int step, String location, String lastEvent, String outcome) {}

  public record Repair(String operationId, String backupId, boolean backupVerified, List<StepOutcome> steps, List<String> actions) {}

  /** A restore a crash interrupted: re-running it is safe (each put-back is skipped when already done). */
  public record UnfinishedRestore(String backupId, String journal, String advice) {}

  /** An operation that removed certificates whose backup is gone: reported until acknowledged. */
  public record LostBackup(String operationId, List<StepOutcome> steps, String advice) {}

  public record Report(List<Repair> repaired, List<UnfinishedRestore> unfinishedRestores, List<LostBackup> lostBackups, int journalsChecked) {
    public Report(List<Repair> repaired, List<UnfinishedRestore> unfinishedRestores, int journalsChecked) {
      this(repaired, unfinishedRestores, List.of(), journalsChecked);
    }

    /** Two sets of records (a user's and the administrator half's) as one report. */
    public Report plus(Report other) {
      return new Report(concat(repaired, other.repaired), concat(unfinishedRestores, other.unfinishedRestores),
          concat(lostBackups, other.lostBackups), journalsChecked + other.journalsChecked);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      List<T> all = new ArrayList<>(a);
      all.addAll(b);
      return List.copyOf(all);
    }
  }

  public Report run() throws AnchorwatchException {
    Path dir = cx.dirs().existing(cx.dirs().journal()); // read as it is: a doctor run creates no records of its own
    List<Repair> repaired = new ArrayList<>();
    List<LostBackup> lost = new ArrayList<>();
    int checked = 0;
    if (!Files.isDirectory(dir)) return new Report(List.of(), List.of(), 0);
    List<Path> journals;
    try (Stream<Path> s = Files.list(dir)) {
      journals = s.filter(p -> p.getFileName().toString().endsWith(".jsonl") && !p.getFileName().toString().startsWith("restore-")).sorted().toList();
    } catch (IOException e) {
      return new Report(List.of(), List.of(), 0);
    }
    ScanResult now = null;
    for (Path j : journals) {
      checked++;
      List<JsonNode> events;
      try {
        events = Journal.read(j);
      } catch (IOException e) {
        continue;
      }
      if (events.isEmpty()) continue;
      String last = events.get(events.size() - 1).path("event").asText();
      if (last.equals("done") || last.equals("aborted") || last.equals(ACKNOWLEDGED)) continue;
      if (last.equals(LOST)) { // closed by an earlier run: reported again, nothing redone
        lost.add(lostBackup(operationId(j), events.stream().filter(e -> e.path("event").asText().equals(LOST))
            .map(e -> new StepOutcome(e.path("step").asInt(), e.path("detail").asText(), LOST, "backup-missing")).toList()));
        continue;
      }
      if (now == null) now = cx.rescan();
      Repair r = repair(j, events, now);
      repaired.add(r);
      // this run's own findings, whether or not its "lost" records reached the disk
      List<StepOutcome> missing = r.steps().stream().filter(o -> o.outcome().equals("backup-missing"))
          .map(o -> new StepOutcome(o.step(), o.location(), LOST, o.outcome())).toList();
      if (!missing.isEmpty()) lost.add(lostBackup(r.operationId(), missing));
    }
    return new Report(List.copyOf(repaired), unfinishedRestores(dir), List.copyOf(lost), checked);
  }

  static final String LOST = "lost";
  static final String ACKNOWLEDGED = "acknowledged";

  private static LostBackup lostBackup(String op, List<StepOutcome> steps) {
    return new LostBackup(op, steps, "anchorwatch cannot put these back: reinstall them from where they came from if they"
        + " are needed; to stop this report: anchorwatch doctor --acknowledge " + op);
  }

  private static String operationId(Path journal) {
    return journal.getFileName().toString().replace(".jsonl", "");
  }

  /**
   * Records that the person has seen the lost backup of {@code operationId}: later runs no longer
   * report it. False (nothing written) when no journal of that id ended with a lost backup; an id is
   * a plain file name (letters, digits, '-', '_', '.'), never a path.
   */
  public boolean acknowledge(String operationId) throws AnchorwatchException {
    if (operationId == null || !operationId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}") || operationId.startsWith("restore-")) return false;
    Path j = cx.dirs().existing(cx.dirs().journal()).resolve(operationId + ".jsonl");
    if (!Files.isRegularFile(j, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return false;
    List<JsonNode> events;
    try {
      events = Journal.read(j);
    } catch (IOException e) {
      return false;
    }
    if (events.isEmpty() || !events.get(events.size() - 1).path("event").asText().equals(LOST)) return false;
    try {
      new Journal(j, cx.io()).record(ACKNOWLEDGED, -1, "the person acknowledged the lost backup");
    } catch (IOException e) {
      throw new AnchorwatchException(org.anchorwatch.errors.ErrorCode.INTERNAL, "cannot record the acknowledgement in " + j + ": " + e.getMessage(), e);
    }
    return true;
  }

  /** restore-ID-N.jsonl journals without "done", unless a later restore of the same backup finished. */
  private List<UnfinishedRestore> unfinishedRestores(Path dir) {
    List<Path> restores;
    try (Stream<Path> s = Files.list(dir)) {
      restores = s.filter(p -> p.getFileName().toString().startsWith("restore-")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
    List<UnfinishedRestore> out = new ArrayList<>();
    for (Path j : restores) {
      if (finished(j)) continue;
      String id = backupIdOf(j);
      boolean superseded = restores.stream().anyMatch(o -> !o.equals(j) && backupIdOf(o).equals(id) && finished(o)
          && lastModified(o) >= lastModified(j));
      if (!superseded) out.add(new UnfinishedRestore(id, j.toString(), "run again: anchorwatch restore " + id));
    }
    return List.copyOf(out);
  }

  /** restore-BACKUPID-RANDOM.jsonl */
  private static String backupIdOf(Path journal) {
    String n = journal.getFileName().toString();
    int end = n.lastIndexOf('-');
    return end > 8 ? n.substring(8, end) : "";
  }

  private static boolean finished(Path journal) {
    try {
      List<JsonNode> e = Journal.read(journal);
      return !e.isEmpty() && e.get(e.size() - 1).path("event").asText().equals("done");
    } catch (IOException ex) {
      return false;
    }
  }

  private static long lastModified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private Repair repair(Path journalFile, List<JsonNode> events, ScanResult now) throws AnchorwatchException {
    String op = operationId(journalFile);
    Journal journal = new Journal(journalFile, cx.io());
    List<String> actions = new ArrayList<>();
    Plan plan;
    try {
      plan = JSON.readValue(cx.journalDir().resolve(op + ".plan.json").toFile(), Plan.class);
    } catch (IOException e) {
      record(journal, "aborted", -1, "doctor: no plan file; nothing was removed before the plan was saved");
      return new Repair(op, null, false, List.of(), List.of("closed: interrupted before any step"));
    }
    Map<Integer, String> lastByStep = new HashMap<>();
    for (JsonNode e : events) if (e.path("step").asInt() >= 0) lastByStep.put(e.path("step").asInt(), e.path("event").asText());
    boolean backupOk;
    try {
      cx.backups().verify(op);
      backupOk = true;
    } catch (AnchorwatchException e) {
      backupOk = false;
    }
    List<StepOutcome> outcomes = new ArrayList<>();
    Set<String> rebuild = new LinkedHashSet<>();
    // only the locations this half journaled an intent for are its business (the administrator
    // half keeps its own journal for the rest)
    Set<Integer> intended = new java.util.HashSet<>();
    for (JsonNode e : events) if (e.path("event").asText().equals("intent")) intended.add(e.path("step").asInt());
    for (Step s : plan.actionable()) {
      if (!intended.contains(s.index())) continue;
      String lastEvent = lastByStep.getOrDefault(s.index(), "none");
      boolean present = now.index().bySha256(s.sha256()).stream()
          .anyMatch(i -> i.location().equals(s.location()) && !i.trust().equals("distrusted"));
      String outcome = present ? "in-place" : backupOk ? "removed-with-backup" : "backup-missing";
      outcomes.add(new StepOutcome(s.index(), s.location(), lastEvent, outcome));
      if (!present && !lastEvent.equals("removed") && !lastEvent.equals("verified")) {
        record(journal, "removed", s.index(), "doctor: found removed after the crash");
      }
      if (!present && s.details().containsKey("distro")) rebuild.add(s.details().get("distro"));
    }
    if (!rebuild.isEmpty() && events.stream().noneMatch(e -> e.path("event").asText().equals("rebuilt"))) {
      for (ApplyResult.RebuildRun r : new Executor(cx).rebuild(journal, rebuild, e -> {})) {
        actions.add("re-ran " + r.command() + " → " + r.exitCode());
      }
    }
    actions.addAll(cleanTempFiles(op, plan));
    List<StepOutcome> missing = outcomes.stream().filter(o -> o.outcome().equals("backup-missing")).toList();
    if (missing.isEmpty()) {
      record(journal, "done", -1, "recovered by doctor");
    } else {
      // the journal stays open on "lost": every doctor run reports it until acknowledged
      for (StepOutcome o : missing) record(journal, LOST, o.step(), o.location());
    }
    boolean anyRemoved = outcomes.stream().anyMatch(o -> !o.outcome().equals("in-place"));
    actions.add(anyRemoved ? "undo with: anchorwatch restore " + op : "nothing had been removed");
    return new Repair(op, anyRemoved ? op : null, backupOk, List.copyOf(outcomes), List.copyOf(actions));
  }

  /** Temp files of an interrupted atomic write (".name…tmp") next to the backup and the changed files. */
  private List<String> cleanTempFiles(String op, Plan plan) throws AnchorwatchException {
    List<String> removed = new ArrayList<>();
    Set<Path> dirs = new LinkedHashSet<>();
    dirs.add(cx.backups().dir(op));
    for (Step s : plan.steps()) {
      for (String key : List.of("path", "conf", "blocklistDir")) {
        String v = s.details().get(key);
        if (v == null) continue;
        Path p = Path.of(v);
        dirs.add(Files.isDirectory(p) && !key.equals("path") ? p : p.getParent());
      }
    }
    for (Path d : dirs) {
      if (d == null || !Files.isDirectory(d)) continue;
      try (Stream<Path> s = Files.list(d)) {
        for (Path f : (Iterable<Path>) s::iterator) {
          String n = f.getFileName().toString();
          if (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(f)) {
            Files.deleteIfExists(f);
            removed.add("deleted leftover " + f);
          }
        }
      } catch (IOException ignored) {
        // a directory we cannot list has no leftovers of ours to clean
      }
    }
    return removed;
  }

  private static void record(Journal j, String event, int step, String detail) {
    try {
      j.record(event, step, detail);
    } catch (IOException ignored) {
      // reported in the repair; the next doctor run tries again
    }
  }
}
