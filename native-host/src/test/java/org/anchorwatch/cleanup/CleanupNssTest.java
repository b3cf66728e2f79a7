package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cleanup against real NSS databases made with certutil; certutil -L confirms every state. */
class CleanupNssTest {
  @TempDir Path tmp;
  CleanupFixture fx;
  Path db;
  TestCerts.Issued evil;
  TestCerts.Issued keep;

  @BeforeEach
  void setUp() throws Exception {
    fx = new CleanupFixture(tmp);
    db = Files.createDirectories(fx.home.resolve(".pki/nssdb"));
    certutil("-N", "-d", "sql:" + db, "--empty-password");
    evil = TestCerts.root("NSS Evil Root");
    keep = TestCerts.root("NSS Keep Root");
    certutil("-A", "-d", "sql:" + db, "-n", "Evil Root (test) ü", "-t", "CT,C,c", "-i", evil.writePem(tmp.resolve("evil.pem")).toString());
    certutil("-A", "-d", "sql:" + db, "-n", "Keep Root", "-t", "C,,", "-i", keep.writePem(tmp.resolve("keep.pem")).toString());
    fx.deny("NSS Evil", evil);
  }

  private static String certutil(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = Tools.requireCertutil().toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    return Tools.run(cmd).ok().output();
  }

  private String listing() {
    return certutil("-L", "-d", "sql:" + db);
  }

  private CleanupService service() throws Exception {
    return fx.service(List.of("nss:" + db), false);
  }

  @Test
  void deleteBacksUpThenRemovesAndRestoreBringsBackNicknameAndTrust() throws Exception {
    String before = listing();
    assertThat(before).contains("Evil Root (test) ü", "CT,C,c");
    CleanupService svc = service();
    Plan plan = svc.plan(evil.sha256(), false);
    assertThat(plan.steps()).singleElement().satisfies(s -> {
      assertThat(s.action()).isEqualTo("delete");
      assertThat(s.details()).containsEntry("nickname", "Evil Root (test) ü").containsEntry("trust", "CT,C,c");
      assertThat(s.elevation()).isFalse();
      assertThat(s.caveats()).extracting(Caveat::code).contains(Caveat.RESTART_CHROMIUM);
    });
    assertThat(plan.target().entry().name()).isEqualTo("NSS Evil");

    ApplyResult r = svc.apply(plan.planId(), svc.confirm(plan.planId()), e -> {});
    assertThat(r.steps()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo("removed"));
    assertThat(r.verify().clean()).isTrue();
    assertThat(listing()).doesNotContain("Evil Root").contains("Keep Root");
    BackupManifest m = new BackupStore(fx.dirs().data().resolve("backups"), new AtomicFiles()).verify(r.backupId());
    assertThat(m.items()).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo("nss");
      assertThat(i.nickname()).isEqualTo("Evil Root (test) ü");
      assertThat(i.trust()).isEqualTo("CT,C,c");
    });

    Restorer.RestoreResult back = svc.restore(r.backupId(), Set.of(), e -> {});
    assertThat(back.steps()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo("restored"));
    // the same certificates with the same nicknames and trust strings (certutil may list them in another order)
    assertThat(listing().lines().map(String::strip).sorted().toList()).isEqualTo(before.lines().map(String::strip).sorted().toList());
    assertThat(svc.backups()).singleElement().satisfies(b -> assertThat(b.fullyRestored()).isTrue());
  }

  @Test
  void distrustKeepsTheCertificateAndUndoRestoresTheExactTrust() throws Exception {
    CleanupService svc = service();
    Plan plan = svc.plan(evil.spkiSha256(), true); // by key, as the blocklist matches
    assertThat(plan.steps()).singleElement().satisfies(s -> assertThat(s.action()).isEqualTo("distrust"));
    ApplyResult r = svc.apply(plan.planId(), svc.confirm(plan.planId()), e -> {});
    assertThat(r.verify().clean()).isTrue();
    assertThat(listing()).containsPattern("Evil Root \\(test\\) ü\\s+,,");
    svc.restore(r.backupId(), Set.of(), e -> {});
    assertThat(listing()).containsPattern("Evil Root \\(test\\) ü\\s+CT,C,c");
    // a second scan agrees: blocked again
    assertThat(svc.verify(evil.sha256()).clean()).isFalse();
  }

  @Test
  void confirmationTokensMissingReusedOrForgedAreRefused() throws Exception {
    CleanupService svc = service();
    Plan plan = svc.plan(evil.sha256(), false);
    assertThatThrownBy(() -> svc.apply(plan.planId(), null, e -> {})).satisfies(e -> code(e, ErrorCode.CONFIRMATION_REQUIRED));
    assertThatThrownBy(() -> svc.apply(plan.planId(), "forged-token", e -> {})).satisfies(e -> code(e, ErrorCode.CONFIRMATION_REQUIRED));
    assertThat(listing()).contains("Evil Root"); // nothing happened
    String token = svc.confirm(plan.planId());
    String other = svc.confirm(svc.plan(evil.sha256(), true).planId());
    assertThatThrownBy(() -> svc.apply(plan.planId(), other, e -> {})).satisfies(e -> code(e, ErrorCode.CONFIRMATION_REQUIRED));
    // a wrong guess burned the pending confirmation: even the real token is now refused
    assertThatThrownBy(() -> svc.apply(plan.planId(), token, e -> {})).satisfies(e -> code(e, ErrorCode.CONFIRMATION_REQUIRED));
    String fresh = svc.confirm(plan.planId());
    svc.apply(plan.planId(), fresh, e -> {});
    assertThatThrownBy(() -> svc.apply(plan.planId(), fresh, e -> {})).satisfies(e -> code(e, ErrorCode.PLAN_UNKNOWN));
    assertThatThrownBy(() -> svc.confirm("0123456789abcdef")).satisfies(e -> code(e, ErrorCode.PLAN_UNKNOWN));
  }

  @Test
  void aPlanMadeBeforeTheStoreChangedIsRefused() throws Exception {
    CleanupService svc = service();
    Plan plan = svc.plan(evil.sha256(), false);
    certutil("-D", "-d", "sql:" + db, "-n", "Evil Root (test) ü");
    assertThatThrownBy(() -> svc.apply(plan.planId(), svc.confirm(plan.planId()), e -> {}))
        .satisfies(e -> code(e, ErrorCode.NOT_INSTALLED));
  }

  @Test
  void aRootThatFirefoxPolicyInstallsGetsInstructionsAndACaveatEverywhere() throws Exception {
    Path policyFile = fx.at("/etc/firefox/policies/policies.json");
    evil.writePem(fx.at("/opt/corp/evil.pem"));
    Files.createDirectories(policyFile.getParent());
    Files.writeString(policyFile, "{\"policies\":{\"Certificates\":{\"Install\":[\"/opt/corp/evil.pem\"]}}}");
    CleanupService svc = fx.service(List.of("nss:" + db), true);
    Plan plan = svc.plan(evil.sha256(), false);
    assertThat(plan.steps()).extracting(Step::role, Step::action).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("added", "delete"), org.assertj.core.groups.Tuple.tuple("policy", "instructions"));
    Step policy = plan.steps().stream().filter(s -> s.role().equals("policy")).findFirst().orElseThrow();
    assertThat(policy.commands()).anyMatch(c -> c.contains(policyFile.toString()) && c.contains("Certificates"));
    assertThat(policy.details()).containsEntry("policy", policyFile.toString());
    Step nss = plan.steps().stream().filter(s -> s.storeType().equals("nss")).findFirst().orElseThrow();
    assertThat(nss.caveats()).extracting(Caveat::code).contains(Caveat.POLICY_MANAGED);
    assertThat(nss.caveats()).filteredOn(c -> c.code().equals(Caveat.POLICY_MANAGED)).singleElement()
        .satisfies(c -> assertThat(c.args()).containsExactly(policyFile.toString()));
  }

  @Test
  void unknownCertificatesAndBadHashesAreClearErrors() throws Exception {
    CleanupService svc = service();
    assertThatThrownBy(() -> svc.plan("ab".repeat(32), false)).satisfies(e -> code(e, ErrorCode.NOT_INSTALLED));
    assertThatThrownBy(() -> svc.plan("xyz", false)).satisfies(e -> code(e, ErrorCode.BAD_HASH));
  }

  static void code(Throwable e, ErrorCode c) {
    assertThat(e).isInstanceOf(AnchorwatchException.class);
    assertThat(((AnchorwatchException) e).code()).isEqualTo(c);
  }
}
