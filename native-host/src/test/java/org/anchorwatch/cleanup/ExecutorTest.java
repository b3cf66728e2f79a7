package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor's contract on a real anchor directory: refuse stale plans, journal every transition, verify by rescanning. */
class ExecutorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  CleanupFixture fx;
  TestCerts.Issued evil;
  Path anchors;

  @BeforeEach
  void setUp() throws Exception {
    fx = new CleanupFixture(tmp);
    evil = TestCerts.root("Executor Evil Root");
    fx.deny("Executor Evil", evil);
    anchors = tmp.resolve("anchors");
    evil.writePem(anchors.resolve("a.pem"));
  }

  private CleanupService service() throws Exception {
    return fx.service(List.of("pem:" + anchors), false);
  }

  /** The anchor dir's service with a store layer that fails on purpose (fault injection). */
  private CleanupService with(StoreChanges changes) throws Exception {
    return fx.service(fx.options(List.of("pem:" + anchors), false), changes, new AtomicFiles());
  }

  private Path journalDir() {
    return fx.dirs().state().resolve("journal");
  }

  private static List<String> events(Path journal) throws Exception {
    return Journal.read(journal).stream().map(e -> e.path("event").asText()).toList();
  }

  private Path onlyJournal() throws Exception {
    try (Stream<Path> s = Files.list(journalDir())) {
      return s.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
  }

  @Test
  void aCopyAddedSinceThePlanMakesItStaleAndNothingIsRemoved() throws Exception {
    CleanupService svc = service();
    Plan plan = svc.plan(evil.sha256(), false);
    evil.writePem(anchors.resolve("b.pem")); // the certificate is still there, so only the signature can tell
    assertThatThrownBy(() -> svc.applyConfirmedByPerson(plan, e -> {}))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_STALE));
    assertThat(anchors.resolve("a.pem")).exists();
    assertThat(anchors.resolve("b.pem")).exists();
    // refused before the journal: no operation was started
    if (Files.isDirectory(journalDir())) {
      try (Stream<Path> s = Files.list(journalDir())) {
        assertThat(s.toList()).isEmpty();
      }
    }
  }

  @Test
  void theSignatureIsEveryStepsStoreLocationCertificateAndActionInAnyOrderButNotElevation() {
    Step a = step(0, "pem:/x", "/x/a.pem", "ab", "delete", false);
    Step b = step(1, "pem:/x", "/x/b.pem", "ab", "delete", false);
    List<String> sig = Executor.signature(plan(a, b));
    assertThat(sig).containsExactly("pem:/x|/x/a.pem|ab|delete", "pem:/x|/x/b.pem|ab|delete");
    assertThat(Executor.signature(plan(step(0, "pem:/x", "/x/b.pem", "ab", "delete", true), step(1, "pem:/x", "/x/a.pem", "ab", "delete", false))))
        .isEqualTo(sig);
    assertThat(Executor.signature(plan(a, step(1, "pem:/x", "/x/b.pem", "ab", "distrust", false)))).isNotEqualTo(sig);
    assertThat(Executor.signature(plan(a, step(1, "pem:/x", "/x/b.pem", "cd", "delete", false)))).isNotEqualTo(sig);
    assertThat(Executor.signature(plan(a, step(1, "pem:/y", "/x/b.pem", "ab", "delete", false)))).isNotEqualTo(sig);
    assertThat(Executor.signature(plan(a))).isNotEqualTo(sig);
  }

  static Step step(int i, String store, String location, String sha, String action, boolean elevation) {
    return new Step(i, store, "pem", "Anchors", "added", location, sha, action, elevation, "b", List.of(), null, List.of(), Map.of("path", location));
  }

  static Plan plan(Step... steps) {
    return new Plan("p", "2026-11-27T00:00:00Z", new Plan.Target("q", "ab", "cd", "s", "i", "n", null), "delete", List.of(steps), false,
        null, List.of(), null);
  }

  @Test
  void aSuccessfulApplySavesThePlanAndJournalsEveryTransitionInOrder() throws Exception {
    evil.writePem(anchors.resolve("b.pem"));
    CleanupService svc = service();
    Plan plan = svc.plan(evil.sha256(), false);
    List<ProgressEvent> progress = new ArrayList<>();
    ApplyResult r = svc.applyConfirmedByPerson(plan, progress::add);

    assertThat(r.backupId()).isEqualTo(r.operationId());
    assertThat(r.backupDir()).isEqualTo(fx.dirs().data().resolve("backups").resolve(r.operationId()).toString());
    assertThat(r.steps()).extracting(StepStatus::status).containsExactly("removed", "removed");
    assertThat(r.verify().clean()).isTrue();
    assertThat(r.elevation()).isNull();
    assertThat(r.elevationCommands()).isEmpty();
    Path journal = journalDir().resolve(r.operationId() + ".jsonl");
    assertThat(events(journal)).containsExactly("begin", "intent", "intent", "backed-up", "backed-up", "removed", "removed",
        "verified", "verified", "done");
    List<JsonNode> lines = Journal.read(journal);
    assertThat(lines.get(0).path("detail").asText()).isEqualTo(plan.planId());
    assertThat(lines.get(9).path("detail").asText()).isEqualTo("clean");
    assertThat(lines.subList(1, 3)).extracting(e -> e.path("step").asInt()).containsExactly(0, 1);
    assertThat(lines.get(5).path("detail").asText()).isEqualTo("delete");

    // the plan as it was applied, for doctor after a crash
    Plan saved = JSON.readValue(journalDir().resolve(r.operationId() + ".plan.json").toFile(), Plan.class);
    assertThat(saved.planId()).isEqualTo(plan.planId());
    assertThat(Executor.signature(saved)).isEqualTo(Executor.signature(plan));

    assertThat(progress).extracting(ProgressEvent::phase).containsExactly("validate", "backup", "backup", "remove", "remove", "verify", "done");
    assertThat(progress).filteredOn(p -> p.phase().equals("remove")).extracting(ProgressEvent::step).containsExactly(0, 1);
    assertThat(progress.get(progress.size() - 1).status()).isEqualTo("clean");
    assertThat(progress).filteredOn(p -> p.phase().equals("verify")).singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo("clean"));
  }

  @Test
  void aReissuedRootWithTheSameKeyIsStillTrustedSoTheResultIsNotClean() throws Exception {
    TestCerts.Issued reissued = TestCerts.reissue(evil);
    assertThat(reissued.sha256()).isNotEqualTo(evil.sha256());
    Path other = Files.createDirectories(tmp.resolve("other"));
    reissued.writePem(other.resolve("reissued.pem"));
    CleanupService svc = fx.service(List.of("pem:" + anchors, "pem:" + other), false);
    Plan plan = svc.plan(evil.sha256(), false); // by certificate: only a.pem is a step
    assertThat(plan.steps()).extracting(Step::location).containsExactly(anchors.resolve("a.pem").toString());
    List<ProgressEvent> progress = new ArrayList<>();
    ApplyResult r = svc.applyConfirmedByPerson(plan, progress::add);
    assertThat(anchors.resolve("a.pem")).doesNotExist();
    assertThat(r.verify().clean()).isFalse();
    assertThat(r.verify().remaining()).singleElement().satisfies(i -> {
      assertThat(i.location()).isEqualTo(other.resolve("reissued.pem").toString());
      assertThat(i.sha256()).isEqualTo(reissued.sha256());
    });
    assertThat(r.verify().sha256()).isEqualTo(evil.sha256());
    assertThat(r.verify().spkiSha256()).isEqualTo(evil.spkiSha256());
    List<JsonNode> lines = Journal.read(journalDir().resolve(r.operationId() + ".jsonl"));
    // the step itself was removed and verified; the operation as a whole is not clean
    assertThat(lines).extracting(e -> e.path("event").asText()).contains("verified").doesNotContain("still-present");
    assertThat(lines.get(lines.size() - 1).path("detail").asText()).isEqualTo("remaining 1");
    assertThat(progress.get(progress.size() - 1).status()).isEqualTo("remaining");
    assertThat(progress).filteredOn(p -> p.phase().equals("verify")).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("1 location(s) still trust it"));
  }

  @Test
  void bothCopiesOfTheSameCertificateAreCountedOnceEach() throws Exception {
    evil.writePem(anchors.resolve("b.pem"));
    CleanupService svc = service();
    VerifyResult v = svc.verify(evil.sha256());
    assertThat(v.clean()).isFalse();
    assertThat(v.remaining()).extracting(i -> i.location())
        .containsExactlyInAnyOrder(anchors.resolve("a.pem").toString(), anchors.resolve("b.pem").toString());
  }

  @Test
  void aStoreThatRefusesIsJournaledAsFailedAndStillPresent() throws Exception {
    CleanupService svc = with(new StoreChanges(new AtomicFiles()) {
      @Override
      public void apply(Step s) throws AnchorwatchException {
        throw new AnchorwatchException(ErrorCode.REMOVE_FAILED, "read-only file system");
      }
    });
    List<ProgressEvent> progress = new ArrayList<>();
    ApplyResult r = svc.applyConfirmedByPerson(svc.plan(evil.sha256(), false), progress::add);
    List<JsonNode> lines = Journal.read(journalDir().resolve(r.operationId() + ".jsonl"));
    assertThat(lines).extracting(e -> e.path("event").asText()).containsExactly("begin", "intent", "backed-up", "failed", "still-present", "done");
    assertThat(lines.get(3).path("detail").asText()).contains("read-only");
    assertThat(lines.get(5).path("detail").asText()).isEqualTo("remaining 1");
    assertThat(progress).filteredOn(p -> p.phase().equals("remove")).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo("failed");
      assertThat(p.message()).contains("read-only");
    });
  }

  @Test
  void aStoreThatChangedUnderTheBackupKeepsItsOwnErrorAndTheJournalSaysAborted() throws Exception {
    CleanupService svc = with(new StoreChanges(new AtomicFiles()) {
      @Override
      public Capture capture(Step s) throws AnchorwatchException {
        throw new AnchorwatchException(ErrorCode.PLAN_STALE, "changed between the check and the backup");
      }
    });
    assertThatThrownBy(() -> svc.applyConfirmedByPerson(svc.plan(evil.sha256(), false), e -> {}))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_STALE));
    assertThat(anchors.resolve("a.pem")).exists();
    assertThat(events(onlyJournal())).containsExactly("begin", "intent", "aborted");
  }

  @Test
  void aJournalThatCannotBeWrittenStopsBeforeAnyChange() throws Exception {
    AtomicFiles failing = new AtomicFiles() {
      @Override
      public void appendLine(Path file, String line) throws java.io.IOException {
        throw new java.io.IOException("No space left on device");
      }
    };
    CleanupService svc = fx.service(fx.options(List.of("pem:" + anchors), false), new StoreChanges(failing), failing);
    assertThatThrownBy(() -> svc.applyConfirmedByPerson(svc.plan(evil.sha256(), false), e -> {}))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_FAILED))
        .hasMessageContaining("nothing was removed");
    assertThat(anchors.resolve("a.pem")).exists();
  }

  @Test
  void stepsThatChangeNothingAreReportedWithTheirInstructions() throws Exception {
    // a bundle with two certificates: the host does not edit it, it says how
    Files.writeString(anchors.resolve("a.pem"), evil.pem() + TestCerts.root("Bundle Neighbour").pem());
    CleanupService svc = service();
    Plan plan = svc.plan(evil.sha256(), false);
    assertThat(plan.actionable()).isEmpty();
    ApplyResult r = svc.applyConfirmedByPerson(plan, e -> {});
    assertThat(r.backupId()).isNull();
    assertThat(r.backupDir()).isNull();
    assertThat(r.steps()).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo("instructions");
      assertThat(s.message()).isEqualTo(String.join("\n", plan.steps().get(0).commands())).isNotEmpty();
    });
    assertThat(r.verify().clean()).isFalse();
  }

  @Test
  void rebuildRunsEachDistroCommandAndJournalsItsExitCodeAndOutput() throws Exception {
    Path ok = script("ok.sh", "echo rebuilt; exit 0");
    Path fails = script("fails.sh", "head -c 5000 /dev/zero | tr '\\0' x; exit 4");
    Files.createDirectories(fx.at("/etc/anchorwatch"));
    Files.writeString(fx.at("/etc/anchorwatch/rebuild.json"), "{\"debian\": [\"" + ok + "\"], \"fedora\": [\"" + fails + "\"]}");
    CleanupService svc = service();
    Journal journal = new Journal(tmp.resolve("rebuild.jsonl"), new AtomicFiles());
    List<ProgressEvent> progress = new ArrayList<>();
    Set<String> distros = new LinkedHashSet<>(List.of("debian", "fedora", "arch"));
    List<ApplyResult.RebuildRun> runs = new Executor(svc.context()).rebuild(journal, distros, progress::add);
    assertThat(runs).extracting(ApplyResult.RebuildRun::distro).containsExactly("debian", "fedora", "arch");
    assertThat(runs.get(0).exitCode()).isZero();
    assertThat(runs.get(0).output()).isEqualTo("rebuilt\n");
    assertThat(runs.get(0).command()).isEqualTo(ok.toString());
    assertThat(runs.get(1).exitCode()).isEqualTo(4);
    assertThat(runs.get(1).output()).hasSize(4000).matches("x+");
    assertThat(runs.get(2).exitCode()).isEqualTo(-1);
    assertThat(runs.get(2).output()).startsWith("not run: not this machine's root");
    assertThat(runs.get(2).command()).isEqualTo("/usr/bin/trust extract-compat");
    List<JsonNode> lines = Journal.read(journal.file());
    assertThat(lines).extracting(e -> e.path("event").asText()).containsExactly("rebuilt", "rebuild-failed");
    assertThat(lines.get(0).path("detail").asText()).isEqualTo(ok + " → 0");
    assertThat(progress).extracting(ProgressEvent::status).containsExactly("ok", "failed");
  }

  @Test
  void aTestStandInRunsWithTheCallersEnvironmentNotTheCleanOneOfBuiltInCommands() throws Exception {
    // the clean environment (PATH reset, LC_ALL=C) is for the distro's own commands run as root; a
    // stand-in under a test root is neither, and the difference shows in what it sees
    Path env = script("env.sh", "echo \"${LC_ALL:-unset}|$PATH\"");
    Files.createDirectories(fx.at("/etc/anchorwatch"));
    Files.writeString(fx.at("/etc/anchorwatch/rebuild.json"), "{\"debian\": [\"" + env + "\"]}");
    List<ApplyResult.RebuildRun> runs = new Executor(service().context()).rebuild(new Journal(tmp.resolve("j.jsonl"), new AtomicFiles()),
        Set.of("debian"), e -> {});
    String expected = System.getenv().getOrDefault("LC_ALL", "unset") + "|" + System.getenv("PATH");
    assertThat(expected).isNotEqualTo("C|/usr/sbin:/usr/bin:/sbin:/bin");
    assertThat(runs).singleElement().satisfies(r -> assertThat(r.output()).isEqualTo(expected + "\n"));
  }

  @Test
  void aRebuildCommandThatCannotStartIsReportedNotThrown() throws Exception {
    Files.createDirectories(fx.at("/etc/anchorwatch"));
    Files.writeString(fx.at("/etc/anchorwatch/rebuild.json"), "{\"debian\": [\"" + tmp.resolve("missing-command") + "\"]}");
    CleanupService svc = service();
    List<ApplyResult.RebuildRun> runs = new Executor(svc.context()).rebuild(new Journal(tmp.resolve("j.jsonl"), new AtomicFiles()),
        Set.of("debian"), e -> {});
    assertThat(runs).singleElement().satisfies(r -> {
      assertThat(r.exitCode()).isEqualTo(-1);
      assertThat(r.output()).startsWith("cannot run: ");
    });
  }

  private Path script(String name, String body) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}
