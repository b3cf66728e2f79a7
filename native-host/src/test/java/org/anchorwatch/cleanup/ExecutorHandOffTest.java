package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.privilege.Identity;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user half's hand-off of the locations only the administrator may change, with the real
 * Elevation and a stand-in pkexec on the person's PATH that records its argv and prints the
 * administrator half's report. As root nothing is unwritable, so the test marks locations as
 * needing elevation the way a user's plan would (elevation is not part of a plan's signature).
 */
class ExecutorHandOffTest {
  @TempDir Path tmp;
  CleanupFixture fx;
  TestCerts.Issued evil;
  Path anchors;
  Path launcher;
  Path bin;
  Path argv;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(Identity.current().isRoot(), "the launcher must be root's for a command to be offered");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    fx = new CleanupFixture(Files.createDirectories(tmp.resolve("machine")));
    evil = TestCerts.root("Hand-off Evil Root");
    fx.deny("Hand-off Evil", evil);
    anchors = tmp.resolve("anchors");
    for (String n : List.of("a.pem", "b.pem", "c.pem")) evil.writePem(anchors.resolve(n));
    launcher = Files.writeString(tmp.resolve("anchorwatch"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    bin = Files.createDirectories(tmp.resolve("bin"));
    argv = tmp.resolve("argv");
  }

  private void pkexecPrinting(String report) throws Exception {
    Path p = Files.writeString(bin.resolve("pkexec"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + argv + "\necho '" + report + "'\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private CleanupService service(Map<String, String> env) throws Exception {
    fx.elevation = new Elevation(launcher, null, env, Duration.ofMinutes(1));
    return fx.service(List.of("pem:" + anchors), false);
  }

  /** The plan as a user would get it: the named locations need the administrator. */
  private static Plan elevated(Plan p, Set<String> names) {
    List<Step> steps = p.steps().stream().map(s -> names.contains(Path.of(s.location()).getFileName().toString())
        ? new Step(s.index(), s.store(), s.storeType(), s.storeLabel(), s.role(), s.location(), s.sha256(), s.action(), true, s.backup(),
            s.caveats(), s.installedAt(), s.commands(), s.details(), s.place())
        : s).toList();
    return new Plan(p.planId(), p.createdAt(), p.target(), p.mode(), steps, true, p.rebuild(), p.caveats(), p.aftercareSince());
  }

  @Test
  void theAdministratorHalfIsToldOnlyWhatToRemoveAndItsReportIsMatchedByLocation() throws Exception {
    pkexecPrinting("{\"operationId\":\"beef0001\",\"steps\":[{\"location\":\"" + anchors.resolve("b.pem")
        + "\",\"status\":\"removed\"}],\"undo\":\"sudo anchorwatch elevated-restore beef0001\"}");
    CleanupService svc = service(Map.of("DISPLAY", ":0", "PATH", bin + ":/usr/bin:/bin"));
    Plan plan = elevated(svc.plan(evil.sha256(), false), Set.of("b.pem", "c.pem"));
    List<ProgressEvent> progress = new ArrayList<>();
    ApplyResult r = svc.applyConfirmedByPerson(plan, progress::add);

    assertThat(Files.readAllLines(argv)).containsExactly(launcher.toString(), "elevated-apply", "--key", evil.sha256(), "--mode", "delete",
        "--op", r.operationId(), "--root", fx.root.toString(), "--json");
    assertThat(anchors.resolve("a.pem")).doesNotExist(); // this half's own location
    assertThat(anchors.resolve("b.pem")).exists(); // the stand-in only reports; nothing here removed it
    assertThat(r.steps()).extracting(StepStatus::location, StepStatus::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple(anchors.resolve("a.pem").toString(), "removed"),
        org.assertj.core.groups.Tuple.tuple(anchors.resolve("b.pem").toString(), "removed"),
        org.assertj.core.groups.Tuple.tuple(anchors.resolve("c.pem").toString(), "not-handled"));
    assertThat(r.steps().get(1).message()).isNull();
    assertThat(r.elevation()).satisfies(e -> {
      assertThat(e.status()).isEqualTo("ran");
      assertThat(e.command()).startsWith("sudo " + launcher + " elevated-apply --key " + evil.sha256());
      assertThat(e.problem()).isNull();
      assertThat(e.message()).isNull();
      assertThat(e.administratorOperation()).isEqualTo("beef0001");
      assertThat(e.undo()).isEqualTo("sudo anchorwatch elevated-restore beef0001");
    });
    assertThat(r.elevationCommands()).isEmpty();
    // only this half's location is in its journal and backup
    List<JsonNode> lines = Journal.read(fx.dirs().state().resolve("journal").resolve(r.operationId() + ".jsonl"));
    assertThat(lines).filteredOn(e -> e.path("event").asText().equals("intent")).singleElement()
        .satisfies(e -> assertThat(e.path("location").asText()).isEqualTo(anchors.resolve("a.pem").toString()));
    assertThat(lines).filteredOn(e -> e.path("event").asText().equals("handed-off")).singleElement()
        .satisfies(e -> assertThat(e.path("detail").asText()).isEqualTo("ran"));
    assertThat(svc.backups()).singleElement().satisfies(b -> assertThat(b.locations()).hasSize(1));
    assertThat(progress).filteredOn(p -> p.phase().equals("elevate")).extracting(ProgressEvent::step, ProgressEvent::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple(-1, "asking"), org.assertj.core.groups.Tuple.tuple(1, "removed"),
        org.assertj.core.groups.Tuple.tuple(2, "not-handled"));
  }

  @Test
  void withoutADesktopEveryAdministratorLocationGetsTheSudoCommandAndNothingIsBackedUpHere() throws Exception {
    CleanupService svc = service(Map.of("PATH", bin + ":/usr/bin:/bin"));
    Plan plan = elevated(svc.plan(evil.spkiSha256(), false), Set.of("a.pem", "b.pem", "c.pem"));
    ApplyResult r = svc.applyConfirmedByPerson(plan, e -> {});
    assertThat(r.backupId()).isNull();
    assertThat(r.backupDir()).isNull();
    String sudo = "sudo " + launcher + " elevated-apply --key " + evil.spkiSha256() + " --mode delete --op " + r.operationId() + " --root " + fx.root;
    assertThat(r.steps()).extracting(StepStatus::status).containsOnly("needs-elevation").hasSize(3);
    assertThat(r.steps()).allSatisfy(s -> assertThat(s.message()).isEqualTo("administrator rights needed; run: " + sudo));
    assertThat(r.elevationCommands()).containsExactly(sudo);
    assertThat(r.elevation()).satisfies(e -> {
      assertThat(e.status()).isEqualTo("needs-elevation");
      assertThat(e.problem()).isEqualTo("ELEVATION_UNAVAILABLE");
      assertThat(e.administratorOperation()).isNull();
      assertThat(e.undo()).isNull();
    });
    for (String n : List.of("a.pem", "b.pem", "c.pem")) assertThat(anchors.resolve(n)).exists();
    List<JsonNode> lines = Journal.read(fx.dirs().state().resolve("journal").resolve(r.operationId() + ".jsonl"));
    assertThat(lines).extracting(e -> e.path("event").asText()).containsExactly("begin", "handed-off", "done");
    assertThat(lines.get(1).path("detail").asText()).isEqualTo("needs-elevation ELEVATION_UNAVAILABLE");
  }
}
