package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plan says per location on a temp Debian layout: rebuilds, instructions, install dates, and what "gone" means. */
class PlannerTest {
  @TempDir Path tmp;
  CleanupFixture fx;
  TestCerts.Issued evil;

  @BeforeEach
  void setUp() throws Exception {
    fx = new CleanupFixture(tmp);
    evil = TestCerts.root("Planner Evil Root");
    fx.deny("Planner Evil", evil);
  }

  private CleanupService system() throws Exception {
    return fx.service(List.of(), true);
  }

  private String script() {
    return fx.base.resolve("fake-update-ca-certificates.sh").toString();
  }

  @Test
  void aBundleCopyNoRemovalWouldRegenerateGetsTheRebuildAsInstructions() throws Exception {
    fx.debian();
    // appended to the generated bundle by hand: no anchor of it exists, so no rebuild in this plan removes it
    Files.writeString(fx.at("/etc/ssl/certs/ca-certificates.crt"), evil.pem(), StandardOpenOption.APPEND);
    Plan plan = system().plan(evil.sha256(), false);
    assertThat(plan.steps()).singleElement().satisfies(s -> {
      assertThat(s.action()).isEqualTo("instructions");
      assertThat(s.commands()).containsExactly("sudo " + script() + " extract");
      assertThat(s.caveats()).extracting(Caveat::code).containsExactly(Caveat.GENERATED_FILE);
      assertThat(s.installedAt()).isNull();
    });
    assertThat(plan.rebuild()).isNull();
    assertThat(plan.caveats()).isEmpty();
    assertThat(plan.needsElevation()).isFalse();
  }

  @Test
  void aLocalAnchorIsDeletedWithTheRebuildAndASudoFallback() throws Exception {
    fx.debian();
    Path anchor = evil.writePem(fx.at("/usr/local/share/ca-certificates/evil.crt"));
    Files.setLastModifiedTime(anchor, FileTime.from(Instant.parse("2022-02-02T02:02:02Z")));
    Plan plan = system().plan(evil.sha256(), false);
    assertThat(plan.steps()).singleElement().satisfies(s -> {
      assertThat(s.action()).isEqualTo("delete");
      assertThat(s.details()).containsEntry("distro", "debian").containsEntry("path", anchor.toString());
      assertThat(s.commands()).containsExactly("sudo rm " + anchor);
      assertThat(s.installedAt()).isEqualTo("2022-02-02T02:02:02Z");
    });
    assertThat(plan.rebuild()).isEqualTo(script() + " extract");
    assertThat(plan.caveats()).isEmpty();
    assertThat(plan.aftercareSince()).isEqualTo("2022-02-02T02:02:02Z");
  }

  @Test
  void withoutARebuildCommandForThisRootThePlanSaysWhatToRun() throws Exception {
    fx.debian();
    Files.delete(fx.at("/etc/anchorwatch/rebuild.json"));
    evil.writePem(fx.at("/usr/local/share/ca-certificates/evil.crt"));
    Plan plan = system().plan(evil.sha256(), false);
    assertThat(plan.caveats()).singleElement().satisfies(c -> {
      assertThat(c.code()).isEqualTo(Caveat.NO_REBUILD);
      assertThat(c.args()).containsExactly("/usr/sbin/update-ca-certificates");
      assertThat(c.text()).endsWith("run: /usr/sbin/update-ca-certificates");
    });
    assertThat(plan.rebuild()).isEqualTo("/usr/sbin/update-ca-certificates");
  }

  @Test
  void theOpenSslDefaultBundleBelongsToNoDistroAndGetsTheDebianRebuildAsInstructions() throws Exception {
    Files.createDirectories(fx.at("/etc/ssl"));
    Files.writeString(fx.at("/etc/ssl/cert.pem"), evil.pem());
    Plan plan = system().plan(evil.sha256(), false);
    assertThat(plan.steps()).singleElement().satisfies(s -> {
      assertThat(s.action()).isEqualTo("instructions");
      assertThat(s.details()).doesNotContainKey("distro");
      assertThat(s.commands()).containsExactly("sudo /usr/sbin/update-ca-certificates");
    });
  }

  @Test
  void anAnchorOutsideAnyDistroLayoutHasNoSudoCommandAndNoRebuild() throws Exception {
    Path anchors = tmp.resolve("anchors");
    Path anchor = evil.writePem(anchors.resolve("evil.pem"));
    Plan plan = fx.service(List.of("pem:" + anchors), false).plan(evil.sha256(), false);
    assertThat(plan.steps()).singleElement().satisfies(s -> {
      assertThat(s.action()).isEqualTo("delete");
      assertThat(s.commands()).isEmpty();
      assertThat(s.details()).doesNotContainKey("distro").containsEntry("path", anchor.toString());
      assertThat(s.installedAt()).isEqualTo(Files.getLastModifiedTime(anchor).toInstant().toString());
    });
    assertThat(plan.rebuild()).isNull();
  }

  @Test
  void aFileWithSeveralCertificatesNamesTheBlockToRemoveByHand() throws Exception {
    Path anchors = tmp.resolve("anchors");
    Path bundle = anchors.resolve("bundle.pem");
    Files.createDirectories(anchors);
    Files.writeString(bundle, TestCerts.root("First").pem() + TestCerts.root("Second").pem() + evil.pem());
    Plan plan = fx.service(List.of("pem:" + anchors), false).plan(evil.sha256(), false);
    assertThat(plan.steps()).singleElement().satisfies(s -> {
      String block = s.location().substring(s.location().lastIndexOf('#') + 1);
      assertThat(s.location()).isEqualTo(bundle + "#" + block);
      assertThat(s.action()).isEqualTo("instructions");
      assertThat(s.details()).containsEntry("path", bundle.toString());
      assertThat(s.commands()).singleElement().asString().contains("remove block " + block + " by hand");
    });
  }

  @Test
  void aShippedCaIsDeselectedAndHasNoInstallDate() throws Exception {
    fx.debian();
    fx.ship(evil, "Evil", true);
    Plan plan = system().plan(evil.sha256(), false);
    assertThat(plan.steps()).filteredOn(s -> s.action().equals("deselect")).singleElement().satisfies(s -> {
      assertThat(s.installedAt()).isNull();
      assertThat(s.details()).containsEntry("entry", "mozilla/Evil.crt").containsEntry("conf", fx.at("/etc/ca-certificates.conf").toString());
    });
    assertThat(plan.aftercareSince()).isNull();
  }

  @Test
  void aShippedCaTheSelectionLeavesOutIsNotTrustedButASelectedOneIs() throws Exception {
    fx.debian();
    evil.writePem(fx.at("/usr/share/ca-certificates/mozilla/Evil.crt")); // shipped, not in the selection file
    assertThat(system().verify(evil.sha256()).clean()).isTrue();
    fx.ship(evil, "Evil", true);
    VerifyResult selected = system().verify(evil.sha256());
    assertThat(selected.clean()).isFalse();
    assertThat(selected.remaining()).extracting(i -> i.role()).contains("distro");
  }

  @Test
  void aPlanByKeyHasNoCertificateHashAndVerifyByKeyToo() throws Exception {
    Path anchors = tmp.resolve("anchors");
    evil.writePem(anchors.resolve("evil.pem"));
    CleanupService svc = fx.service(List.of("pem:" + anchors), false);
    Plan byKey = svc.plan(evil.spkiSha256(), false);
    assertThat(byKey.target().sha256()).isNull();
    assertThat(byKey.target().spkiSha256()).isEqualTo(evil.spkiSha256());
    assertThat(byKey.target().subject()).contains("Planner Evil Root");
    Plan byCert = svc.plan(evil.sha256(), false);
    assertThat(byCert.target().sha256()).isEqualTo(evil.sha256());

    VerifyResult v = svc.verify(evil.spkiSha256());
    assertThat(v.sha256()).isNull();
    assertThat(v.spkiSha256()).isEqualTo(evil.spkiSha256());
    assertThat(v.clean()).isFalse();
    VerifyResult c = svc.verify(evil.sha256());
    assertThat(c.sha256()).isEqualTo(evil.sha256());
    assertThat(c.spkiSha256()).isEqualTo(evil.spkiSha256());

    // gone from every store: both spellings are checked
    String gone = TestCerts.root("Gone").sha256();
    VerifyResult g = svc.verify(gone);
    assertThat(g.clean()).isTrue();
    assertThat(g.sha256()).isEqualTo(gone);
    assertThat(g.spkiSha256()).isEqualTo(gone);
  }
}
