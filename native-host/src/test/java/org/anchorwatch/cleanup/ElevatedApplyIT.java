package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anchorwatch.testsupport.HostProcess;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privileged half: steps that need administrator rights are backed up by the user's process,
 * then carried out only by `elevated-apply OP` (run here directly: the tests run as root), which
 * re-validates the saved plan and refuses a tampered one.
 */
class ElevatedApplyIT {
  @TempDir Path tmp;

  @Test
  void elevatedStepsWaitForTheElevatedRunWhichRefusesATamperedPlan() throws Exception {
    CleanupFixture fx = new CleanupFixture(tmp);
    fx.debian();
    TestCerts.Issued evil = TestCerts.root("Elevated Evil");
    fx.deny("Elevated Evil", evil);
    Path anchor = evil.writePem(fx.at("/usr/local/share/ca-certificates/evil.crt"));
    fx.rebuildNow();
    CleanupService svc = fx.service(List.of(), true);
    Plan plan = svc.plan(evil.sha256(), false);
    // as a normal user the system anchor dir is not writable; here (root) we mark it so
    List<Step> steps = plan.steps().stream().map(s -> s.action().equals("delete") ? new Step(s.index(), s.store(), s.storeType(),
        s.storeLabel(), s.role(), s.location(), s.sha256(), s.action(), true, s.backup(), s.caveats(), s.installedAt(), s.commands(),
        s.details()) : s).toList();
    Plan elevated = new Plan(plan.planId(), plan.createdAt(), plan.target(), plan.mode(), steps, true, plan.rebuild(), plan.caveats(), null);

    ApplyResult r = new Executor(svc.context()).apply(elevated, e -> {});
    assertThat(r.steps()).filteredOn(s -> s.action().equals("delete")).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo("needs-elevation"));
    assertThat(r.elevationCommands()).singleElement().asString().startsWith("sudo /opt/anchorwatch/anchorwatch elevated-apply " + r.operationId());
    assertThat(anchor).exists();
    assertThat(fx.dirs().data().resolve("backups").resolve(r.backupId()).resolve("manifest.json")).exists();

    List<String> args = new ArrayList<>(List.of(r.elevationCommands().get(0).split(" ")).subList(2, r.elevationCommands().get(0).split(" ").length));

    // tampered plan file: another location → refused, nothing changed
    Path planFile = fx.dirs().state().resolve("journal").resolve(r.operationId() + ".plan.json");
    String original = Files.readString(planFile);
    Path decoy = TestCerts.root("Decoy").writePem(fx.at("/usr/local/share/ca-certificates/decoy.crt"));
    Files.writeString(planFile, original.replace(anchor.toString(), decoy.toString()));
    Run bad = run(args);
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).contains("PLAN_STALE");
    assertThat(decoy).exists();
    assertThat(anchor).exists();

    Files.writeString(planFile, original);
    Run ok = run(args);
    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("removed");
    assertThat(anchor).doesNotExist();
    assertThat(fx.rebuildCalls()).hasSize(1);
    assertThat(svc.verify(evil.sha256()).clean()).isTrue();
    assertThat(svc.doctor().repaired()).isEmpty();
  }

  record Run(int exit, String out) {}

  private static Run run(List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(HostProcess.javaBin(), "-jar", HostProcess.jar().toString()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }
}
