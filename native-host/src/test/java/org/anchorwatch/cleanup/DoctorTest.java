package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery in-process: the operation "dies" right after journal line N (see CrashingFiles),
 * on a real anchor directory holding the same blocklisted root twice; doctor, run on the same
 * records as the next process would, must find each copy in place or removed with a verified backup.
 */
class DoctorTest {
  @TempDir Path tmp;
  TestCerts.Issued evil;

  @BeforeEach
  void setUp() {
    evil = TestCerts.root("Doctor Evil Root");
  }

  /** One temp machine: two copies of the evil root in one anchor dir. */
  private final class Machine {
    final CleanupFixture fx;
    final Path anchors;
    final CrashingFiles io;
    final CleanupService svc;

    Machine(String name, int crashAfter) throws Exception {
      fx = new CleanupFixture(Files.createDirectories(tmp.resolve(name)));
      fx.deny("Doctor Evil", evil);
      anchors = fx.base.resolve("anchors");
      evil.writePem(anchors.resolve("a.pem"));
      evil.writePem(anchors.resolve("b.pem"));
      io = new CrashingFiles(crashAfter);
      svc = fx.service(fx.options(List.of("pem:" + anchors), false), new StoreChanges(io), io);
    }

    /** Applies until the crash; returns the operation id (the journal's name). */
    String crashedApply() throws Exception {
      Plan plan = svc.plan(evil.sha256(), false);
      assertThatThrownBy(() -> svc.applyConfirmedByPerson(plan, e -> {})).isInstanceOf(CrashingFiles.Crash.class);
      return journal().getFileName().toString().replace(".jsonl", "");
    }

    Path journalDir() {
      return fx.dirs().state().resolve("journal");
    }

    Path journal() throws Exception {
      try (Stream<Path> s = Files.list(journalDir())) {
        return s.filter(p -> p.toString().endsWith(".jsonl") && !p.getFileName().toString().startsWith("restore-")).findFirst().orElseThrow();
      }
    }

    List<String> events() throws Exception {
      return Journal.read(journal()).stream().map(e -> e.path("event").asText()).toList();
    }

    Path backup(String op) {
      return fx.dirs().data().resolve("backups").resolve(op);
    }
  }

  @Test
  void afterACrashAtEveryJournalLineEachCopyIsInPlaceOrRemovedWithAVerifiedBackup() throws Exception {
    // begin, intent ×2, backed-up ×2, removed ×2, verified ×2 (done is line 10: nothing left to repair)
    List<String> expectedLast = List.of("begin", "intent", "intent", "backed-up", "backed-up", "removed", "removed", "verified", "verified");
    for (int n = 1; n <= 9; n++) {
      Machine m = new Machine("crash" + n, n);
      String op = m.crashedApply();
      assertThat(m.events()).as("line " + n).hasSize(n).last().isEqualTo(expectedLast.get(n - 1));

      Doctor.Report report = m.svc.doctor();
      assertThat(report.journalsChecked()).isEqualTo(1);
      assertThat(report.unfinishedRestores()).isEmpty();
      Doctor.Repair repair = report.repaired().get(0);
      assertThat(report.repaired()).hasSize(1);
      assertThat(repair.operationId()).isEqualTo(op);
      boolean aGone = !Files.exists(m.anchors.resolve("a.pem"));
      boolean bGone = !Files.exists(m.anchors.resolve("b.pem"));
      assertThat(aGone).as("line " + n).isEqualTo(n >= 6);
      assertThat(bGone).as("line " + n).isEqualTo(n >= 7);
      assertThat(repair.backupVerified()).as("line " + n).isEqualTo(n >= 4);
      if (n == 1) {
        // no intent yet: this half had not claimed any location
        assertThat(repair.steps()).isEmpty();
      } else if (n == 2) {
        // only the first location had been claimed (its intent journaled) when the process died
        assertThat(repair.steps()).extracting(Doctor.StepOutcome::step).containsExactly(0);
        assertThat(repair.steps()).extracting(Doctor.StepOutcome::outcome).containsExactly("in-place");
      } else {
        assertThat(repair.steps()).extracting(Doctor.StepOutcome::step).containsExactly(0, 1);
        assertThat(repair.steps()).extracting(Doctor.StepOutcome::outcome).containsExactly(
            aGone ? "removed-with-backup" : "in-place", bGone ? "removed-with-backup" : "in-place");
        assertThat(repair.steps().get(0).location()).isEqualTo(m.anchors.resolve("a.pem").toString());
      }
      assertThat(repair.steps()).extracting(Doctor.StepOutcome::outcome).doesNotContain("backup-missing");
      if (aGone) {
        assertThat(repair.backupId()).isEqualTo(op);
        assertThat(repair.actions()).contains("undo with: anchorwatch restore " + op);
        m.svc.restore(op, Set.of(), e -> {});
        assertThat(m.anchors.resolve("a.pem")).exists();
        assertThat(m.anchors.resolve("b.pem")).exists();
      } else {
        assertThat(repair.backupId()).isNull();
        assertThat(repair.actions()).contains("nothing had been removed");
      }
      List<JsonNode> closed = Journal.read(m.journal());
      assertThat(closed.get(closed.size() - 1).path("event").asText()).isEqualTo("done");
      assertThat(closed.get(closed.size() - 1).path("detail").asText()).isEqualTo("recovered by doctor");
      // closed: a second doctor has nothing to repair
      assertThat(m.svc.doctor().repaired()).as("line " + n).isEmpty();
    }
  }

  @Test
  void aRemovalTheCrashLeftUnjournaledIsRecordedByDoctor() throws Exception {
    CleanupFixture fx = new CleanupFixture(Files.createDirectories(tmp.resolve("m")));
    fx.deny("Doctor Evil", evil);
    Path anchors = fx.base.resolve("anchors");
    evil.writePem(anchors.resolve("a.pem"));
    AtomicFiles io = new AtomicFiles();
    // the store changed, then the process died before journaling it
    StoreChanges dying = new StoreChanges(io) {
      @Override
      public void apply(Step s) throws org.anchorwatch.errors.AnchorwatchException {
        super.apply(s);
        throw new CrashingFiles.Crash("after removing step " + s.index());
      }
    };
    CleanupService svc = fx.service(fx.options(List.of("pem:" + anchors), false), dying, io);
    Plan plan = svc.plan(evil.sha256(), false);
    assertThatThrownBy(() -> svc.applyConfirmedByPerson(plan, e -> {})).isInstanceOf(CrashingFiles.Crash.class);
    assertThat(anchors.resolve("a.pem")).doesNotExist();

    Doctor.Repair repair = svc.doctor().repaired().get(0);
    assertThat(repair.steps()).singleElement().satisfies(s -> {
      assertThat(s.lastEvent()).isEqualTo("backed-up");
      assertThat(s.outcome()).isEqualTo("removed-with-backup");
    });
    Path journal = fx.dirs().state().resolve("journal").resolve(repair.operationId() + ".jsonl");
    List<JsonNode> lines = Journal.read(journal);
    assertThat(lines).extracting(e -> e.path("event").asText()).containsExactly("begin", "intent", "backed-up", "removed", "done");
    assertThat(lines.get(3).path("detail").asText()).isEqualTo("doctor: found removed after the crash");
    assertThat(lines.get(3).path("step").asInt()).isZero();
  }

  @Test
  void aRemovedCopyWhoseBackupIsGoneRaisesTheAlarm() throws Exception {
    Machine m = new Machine("alarm", 6);
    String op = m.crashedApply();
    Files.delete(m.backup(op).resolve("manifest.json"));
    Doctor.Repair repair = m.svc.doctor().repaired().get(0);
    assertThat(repair.backupVerified()).isFalse();
    assertThat(repair.steps()).extracting(Doctor.StepOutcome::outcome).containsExactly("backup-missing", "in-place");
    assertThat(repair.steps()).extracting(Doctor.StepOutcome::lastEvent).containsExactly("removed", "backed-up");
  }

  @Test
  void aLostBackupIsReportedByEveryRunUntilThePersonAcknowledgesIt() throws Exception {
    Machine m = new Machine("lost", 6);
    String op = m.crashedApply();
    Files.delete(m.backup(op).resolve("manifest.json"));
    Doctor.Report first = m.svc.doctor();
    assertThat(first.repaired()).hasSize(1);
    assertThat(m.events()).endsWith("lost").doesNotContain("done");
    for (Doctor.Report r : List.of(first, m.svc.doctor(), m.svc.doctor())) {
      assertThat(r.lostBackups()).singleElement().satisfies(l -> {
        assertThat(l.operationId()).isEqualTo(op);
        assertThat(l.steps()).singleElement().satisfies(s -> {
          assertThat(s.step()).isZero();
          assertThat(s.outcome()).isEqualTo("backup-missing");
          assertThat(s.location()).isEqualTo(first.repaired().get(0).steps().get(0).location());
        });
        assertThat(l.advice()).endsWith("anchorwatch doctor --acknowledge " + op);
      });
    }
    assertThat(m.svc.doctor().repaired()).isEmpty(); // the bookkeeping is not redone
    assertThat(m.svc.acknowledgeLostBackup("../" + op)).isFalse();
    assertThat(m.svc.acknowledgeLostBackup(op + "x")).isFalse();
    assertThat(m.svc.acknowledgeLostBackup(op)).isTrue();
    assertThat(m.events()).endsWith("lost", "acknowledged");
    Doctor.Report after = m.svc.doctor();
    assertThat(after.lostBackups()).isEmpty();
    assertThat(after.repaired()).isEmpty();
    assertThat(m.svc.acknowledgeLostBackup(op)).isFalse(); // once is enough, and nothing else is written
    assertThat(m.events()).endsWith("lost", "acknowledged");
  }

  /** Fault injection: the journal refuses the "lost" lines; the alarm of that run must not depend on them. */
  @Test
  void theAlarmIsRaisedEvenWhenItsRecordCannotBeWritten() throws Exception {
    Machine m = new Machine("unwritable", 6);
    String op = m.crashedApply();
    Files.delete(m.backup(op).resolve("manifest.json"));
    AtomicFiles refusing = new AtomicFiles() {
      @Override
      public void appendLine(Path file, String line) throws java.io.IOException {
        if (line.contains("\"event\":\"lost\"")) throw new java.io.IOException("disk full");
        super.appendLine(file, line);
      }
    };
    CleanupService svc = m.fx.service(m.fx.options(List.of("pem:" + m.anchors), false), new StoreChanges(refusing), refusing);
    assertThat(svc.doctor().lostBackups()).extracting(Doctor.LostBackup::operationId).containsExactly(op);
    assertThat(m.events()).doesNotContain("lost", "done"); // left open: the next run repairs and records again
    assertThat(m.svc.doctor().lostBackups()).extracting(Doctor.LostBackup::operationId).containsExactly(op);
    assertThat(m.events()).endsWith("lost");
  }

  @Test
  void onlyALostBackupCanBeAcknowledged() throws Exception {
    Machine m = new Machine("fine", 6);
    String op = m.crashedApply(); // its backup is intact
    assertThat(m.svc.acknowledgeLostBackup(op)).isFalse(); // still interrupted: doctor has not closed it
    assertThat(m.svc.doctor().lostBackups()).isEmpty();
    assertThat(m.events()).endsWith("done");
    assertThat(m.svc.acknowledgeLostBackup(op)).isFalse();
    assertThat(m.events()).endsWith("done");
  }

  @Test
  void aJournalWithoutItsPlanIsClosedAsInterruptedBeforeAnyStep() throws Exception {
    Machine m = new Machine("noplan", 1);
    String op = m.crashedApply();
    Files.delete(m.journalDir().resolve(op + ".plan.json"));
    Doctor.Repair repair = m.svc.doctor().repaired().get(0);
    assertThat(repair.operationId()).isEqualTo(op);
    assertThat(repair.backupId()).isNull();
    assertThat(repair.steps()).isEmpty();
    assertThat(repair.actions()).containsExactly("closed: interrupted before any step");
    assertThat(m.events()).containsExactly("begin", "aborted");
    Doctor.Report again = m.svc.doctor();
    assertThat(again.repaired()).isEmpty();
    assertThat(again.unfinishedRestores()).isEmpty(); // an operation's journal is never taken for a restore's
  }

  @Test
  void leftoverTempFilesOfAnInterruptedWriteAreDeletedAndNothingElse() throws Exception {
    Machine m = new Machine("temp", 5);
    String op = m.crashedApply();
    Path leftover = Files.writeString(m.anchors.resolve(".a.pem123.tmp"), "half");
    Path inBackup = Files.writeString(m.backup(op).resolve(".manifest.json99.tmp"), "half");
    Path notOurs = Files.writeString(m.anchors.resolve("notes.tmp"), "keep");
    Path dotDir = Files.createDirectories(m.anchors.resolve(".cache.tmp"));
    Doctor.Repair repair = m.svc.doctor().repaired().get(0);
    assertThat(leftover).doesNotExist();
    assertThat(inBackup).doesNotExist();
    assertThat(notOurs).exists();
    assertThat(dotDir).exists();
    assertThat(repair.actions()).contains("deleted leftover " + leftover, "deleted leftover " + inBackup);
  }

  @Test
  void aSystemAnchorRemovedBeforeTheRebuildGetsTheRebuildReRunOnce() throws Exception {
    for (int n : new int[] {4, 5}) { // 4: removed, not rebuilt; 5: the rebuild had run
      CleanupFixture fx = new CleanupFixture(Files.createDirectories(tmp.resolve("deb" + n)));
      fx.deny("Doctor Evil", evil);
      fx.debian();
      Path anchor = evil.writePem(fx.at("/usr/local/share/ca-certificates/evil.crt"));
      fx.rebuildNow();
      CrashingFiles io = new CrashingFiles(n);
      CleanupService svc = fx.service(fx.options(List.of(), true), new StoreChanges(io), io);
      Plan plan = svc.plan(evil.sha256(), false);
      assertThatThrownBy(() -> svc.applyConfirmedByPerson(plan, e -> {})).isInstanceOf(CrashingFiles.Crash.class);
      assertThat(anchor).doesNotExist();
      assertThat(fx.rebuildCalls()).hasSize(n == 4 ? 0 : 1);
      Doctor.Repair repair = svc.doctor().repaired().get(0);
      assertThat(fx.rebuildCalls()).as("crash after line " + n).hasSize(1);
      if (n == 4) {
        assertThat(repair.actions()).anyMatch(a -> a.startsWith("re-ran ") && a.contains("fake-update-ca-certificates.sh") && a.endsWith(" → 0"));
      } else {
        assertThat(repair.actions()).noneMatch(a -> a.startsWith("re-ran "));
      }
    }
  }

  @Test
  void anInterruptedRestoreIsReportedUntilALaterRestoreOfTheSameBackupFinishes() throws Exception {
    Machine m = new Machine("restore", 0); // the apply runs to the end
    Plan plan = m.svc.plan(evil.sha256(), false);
    String op = m.svc.applyConfirmedByPerson(plan, e -> {}).backupId();
    // the restore dies after its first "restored" line
    CrashingFiles io = new CrashingFiles(2);
    CleanupService restoring = m.fx.service(m.fx.options(List.of("pem:" + m.anchors), false), new StoreChanges(io), io);
    assertThatThrownBy(() -> restoring.restore(op, Set.of(), e -> {})).isInstanceOf(CrashingFiles.Crash.class);
    Doctor.Report report = m.svc.doctor();
    assertThat(report.repaired()).isEmpty();
    assertThat(report.journalsChecked()).isEqualTo(1); // restore journals are not operations
    assertThat(report.unfinishedRestores()).singleElement().satisfies(u -> {
      assertThat(u.backupId()).isEqualTo(op);
      assertThat(u.advice()).isEqualTo("run again: anchorwatch restore " + op);
      assertThat(Path.of(u.journal()).getFileName().toString()).startsWith("restore-" + op + "-");
    });
    Path unfinished = Path.of(report.unfinishedRestores().get(0).journal());

    m.svc.restore(op, Set.of(), e -> {});
    assertThat(m.svc.doctor().unfinishedRestores()).isEmpty();
    // a finished restore older than the interrupted one does not cover it
    Files.setLastModifiedTime(unfinished, FileTime.from(Instant.now().plusSeconds(3600)));
    assertThat(m.svc.doctor().unfinishedRestores()).extracting(Doctor.UnfinishedRestore::backupId).containsExactly(op);
  }

  @Test
  void noJournalDirectoryMeansNothingToCheck() throws Exception {
    Machine m = new Machine("empty", 0);
    Doctor.Report r = m.svc.doctor();
    assertThat(r.repaired()).isEmpty();
    assertThat(r.unfinishedRestores()).isEmpty();
    assertThat(r.journalsChecked()).isZero();
    assertThat(m.journalDir()).doesNotExist(); // doctor creates no records of its own
  }

  @Test
  void anEmptyJournalFromACrashBeforeItsFirstLineIsCountedButNeedsNothing() throws Exception {
    Machine m = new Machine("blank", 0);
    Files.createDirectories(m.journalDir());
    Files.write(m.journalDir().resolve("0123456789abcdef01234567.jsonl"), new byte[0]);
    Doctor.Report r = m.svc.doctor();
    assertThat(r.journalsChecked()).isEqualTo(1);
    assertThat(r.repaired()).isEmpty();
    assertThat(m.anchors.resolve("a.pem")).exists();
  }

  @Test
  void twoReportsAddUp() {
    Doctor.Repair a = new Doctor.Repair("a", null, true, List.of(), List.of());
    Doctor.Repair b = new Doctor.Repair("b", null, true, List.of(), List.of());
    Doctor.UnfinishedRestore u = new Doctor.UnfinishedRestore("c", "j", "x");
    Doctor.Report sum = new Doctor.Report(List.of(a), List.of(), 2).plus(new Doctor.Report(List.of(b), List.of(u), 3));
    assertThat(sum.repaired()).containsExactly(a, b);
    assertThat(sum.unfinishedRestores()).containsExactly(u);
    assertThat(sum.journalsChecked()).isEqualTo(5);
  }
}
