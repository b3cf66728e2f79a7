package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.anchorwatch.testsupport.HostProcess;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real anchorwatch process is SIGKILLed right after each journal line of a removal (NSS
 * database + anchor file); `anchorwatch doctor` must then leave every certificate either in place
 * or removed with a verified backup — never lost — and `restore` must bring it back.
 */
class CleanupCrashIT {
  private static final int DELAY_MS = 300;
  @TempDir Path tmp;

  @Test
  void killedAtEveryJournalStepNothingIsLost() throws Exception {
    int lines = 10; // begin, 2×intent, 2×backed-up, 2×removed, 2×verified, done
    List<String> seen = new ArrayList<>();
    for (int killAfter = 1; killAfter <= lines; killAfter++) {
      Path base = Files.createDirectories(tmp.resolve("run" + killAfter));
      Machine m = new Machine(base);
      Process p = m.start("remove", m.evil.sha256(), "--yes");
      Path journal = waitForLines(m.journalDir(), killAfter, p);
      p.destroyForcibly(); // SIGKILL on Linux
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      List<String> events = Files.readAllLines(journal);
      seen.add(killAfter + ":" + events.get(events.size() - 1).replaceAll(".*\"event\":\"([a-z-]+)\".*", "$1"));

      Process doctor = m.start("doctor", "--json");
      String report = new String(doctor.getInputStream().readAllBytes());
      assertThat(doctor.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(doctor.exitValue()).as(report).isZero();
      assertThat(report).doesNotContain("backup-missing");

      boolean inNss = m.nssListing().contains("Crash Evil");
      boolean inDir = Files.exists(m.anchor);
      String opId = journal.getFileName().toString().replace(".jsonl", "");
      Path backup = m.backups().resolve(opId);
      if (!inNss || !inDir) {
        assertThat(backup.resolve("manifest.json")).as("removed at kill point " + killAfter + " without a backup").exists();
        Process restore = m.start("restore", opId);
        String out = new String(restore.getInputStream().readAllBytes());
        assertThat(restore.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(restore.exitValue()).as(out).isZero();
        assertThat(m.nssListing()).contains("Crash Evil");
        assertThat(m.nssListing()).containsPattern("Crash Evil\\s+C,,");
        assertThat(m.anchor).exists();
      }
      // the journal is closed: a second doctor finds nothing to repair
      Process again = m.start("doctor");
      String second = new String(again.getInputStream().readAllBytes());
      again.waitFor(60, TimeUnit.SECONDS);
      assertThat(second).startsWith("Nothing to repair");
    }
    assertThat(seen).hasSize(lines);
    // the kills really landed on every kind of journal step
    assertThat(seen.stream().map(x -> x.substring(x.indexOf(':') + 1)).distinct())
        .containsExactlyInAnyOrder("begin", "intent", "backed-up", "removed", "verified", "done");
  }

  @Test
  void aRestoreKilledHalfWayIsReportedAndFinishesWhenRunAgain() throws Exception {
    Machine m = new Machine(Files.createDirectories(tmp.resolve("restore")));
    Process remove = m.start("remove", m.evil.sha256(), "--yes");
    remove.getInputStream().readAllBytes();
    assertThat(remove.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(remove.exitValue()).isZero();
    String op;
    try (Stream<Path> s = Files.list(m.backups())) {
      op = s.findFirst().orElseThrow().getFileName().toString();
    }
    m.restoreDelay = true;
    Process restore = m.start("restore", op);
    // begin-restore, then one "restored" line: kill between the two locations
    Path journal = waitForLines(m.journalDir(), 2, restore, "restore-");
    restore.destroyForcibly();
    assertThat(restore.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readAllLines(journal).get(1)).contains("\"event\":\"restored\"");
    m.restoreDelay = false;
    Process doctor = m.start("doctor");
    String report = new String(doctor.getInputStream().readAllBytes());
    doctor.waitFor(60, TimeUnit.SECONDS);
    assertThat(report).contains("Interrupted restore of backup " + op, "anchorwatch restore " + op);
    Process again = m.start("restore", op);
    String out = new String(again.getInputStream().readAllBytes());
    assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(again.exitValue()).as(out).isZero();
    assertThat(m.nssListing()).containsPattern("Crash Evil\\s+C,,");
    assertThat(m.anchor).exists();
    Process clean = m.start("doctor");
    assertThat(new String(clean.getInputStream().readAllBytes())).startsWith("Nothing to repair");
  }

  private static Path waitForLines(Path dir, int n, Process p) throws Exception {
    return waitForLines(dir, n, p, "");
  }

  private static Path waitForLines(Path dir, int n, Process p, String prefix) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          for (Path j : s.filter(f -> f.toString().endsWith(".jsonl") && f.getFileName().toString().startsWith(prefix)).toList()) {
            if (Files.readAllLines(j).size() >= n) return j;
          }
        }
      }
      if (!p.isAlive()) throw new AssertionError("remove exited before journal line " + n + ": " + new String(p.getInputStream().readAllBytes()));
      Thread.sleep(20);
    }
    throw new AssertionError("journal never reached " + n + " lines");
  }

  /** A home with an NSS database and an anchor dir holding the same blocklisted root. */
  private static final class Machine {
    final Path base;
    final Path home;
    final Path db;
    final Path anchor;
    final Path policy;
    final TestCerts.Issued evil = TestCerts.root("Crash Evil Root");
    boolean restoreDelay;

    Machine(Path base) throws Exception {
      this.base = base;
      home = Files.createDirectories(base.resolve("home"));
      db = Files.createDirectories(home.resolve(".pki/nssdb"));
      String certutil = Tools.requireCertutil().toString();
      Tools.run(certutil, "-N", "-d", "sql:" + db, "--empty-password").ok();
      Tools.run(certutil, "-A", "-d", "sql:" + db, "-n", "Crash Evil", "-t", "C,,", "-i", evil.writePem(base.resolve("evil.pem")).toString()).ok();
      anchor = evil.writePem(base.resolve("anchors/evil.crt"));
      policy = Files.writeString(base.resolve("policy.json"),
          "{\"deny\":[{\"name\":\"Crash Evil\",\"spkiSha256\":\"" + evil.spkiSha256() + "\"}]}");
    }

    Process start(String... verb) throws Exception {
      List<String> cmd = new ArrayList<>(List.of(HostProcess.javaBin(), "-jar", HostProcess.jar().toString()));
      cmd.addAll(List.of(verb));
      cmd.addAll(List.of("--no-default-stores", "--store", "nss:" + db, "--store", "pem:" + anchor.getParent(), "--policy", policy.toString()));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("HOME", home.toString());
      env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
      env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
      env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
      if (verb[0].equals("remove") || restoreDelay) env.put(Journal.DELAY_ENV, Integer.toString(DELAY_MS));
      return pb.start();
    }

    Path journalDir() {
      return home.resolve(".local/state/anchorwatch/journal");
    }

    Path backups() {
      return home.resolve(".local/share/anchorwatch/backups");
    }

    String nssListing() {
      return Tools.run(Tools.requireCertutil().toString(), "-L", "-d", "sql:" + db).ok().output();
    }
  }
}
