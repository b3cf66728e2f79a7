package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.stores.Trust;
import org.anchorwatch.stores.nss.NssStore;
import org.anchorwatch.stores.nss.NssTestDb;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual command shown beside an NSS step: run for real with Mozilla's certutil, it must do
 * what the step does; on Windows, where `certutil` is another program, none is shown.
 */
class NssFallbackCommandTest {
  @TempDir Path tmp;

  @Test
  void noCommandOnWindowsWhereCertutilIsAnotherProgram() {
    Path db = tmp.resolve("profile");
    assertThat(Planner.nssCommand("Windows 11", db, "Evil", false)).isEmpty();
    assertThat(Planner.nssCommand("Windows Server 2022", db, "Evil", true)).isEmpty();
    assertThat(Planner.nssCommand("Linux", db, "Evil", false)).isPresent();
    assertThat(Planner.nssCommand("Mac OS X", db, "Evil", true)).isPresent();
  }

  @Test
  void theDeleteCommandRemovesTheCertificate() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("del")).add("Evil Root", "C,,", TestCerts.root("Fallback Evil"))
        .add("Other", "C,,", TestCerts.root("Fallback Other"));
    run(Planner.nssCommand("Linux", db.dir, "Evil Root", false));
    assertThat(new NssStore(db.dir).list().entries()).extracting(e -> e.attributes().get("nickname")).containsExactly("Other");
  }

  @Test
  void theDistrustCommandKeepsTheCertificateWithNoTrust() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("dis")).add("Evil Root", "C,C,C", TestCerts.root("Fallback Evil"))
        .add("Other", "C,,", TestCerts.root("Fallback Other"));
    run(Planner.nssCommand("Linux", db.dir, "Evil Root", true));
    Map<String, Trust> trust = new java.util.HashMap<>();
    for (StoreEntry e : new NssStore(db.dir).list().entries()) trust.put(e.attributes().get("nickname"), e.trust());
    assertThat(trust).containsEntry("Evil Root", Trust.DISTRUSTED).containsEntry("Other", Trust.TRUSTED);
  }

  /** Runs the shown command line through sh, exactly as a person would paste it, with the real certutil. */
  private static void run(Optional<String> command) throws Exception {
    assertThat(command).isPresent();
    Path certutil = Tools.requireCertutil();
    // the shown line names plain `certutil`; make sure the one on PATH is the NSS tool we checked
    String path = certutil.getParent() + ":" + System.getenv("PATH");
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command.get()).redirectErrorStream(true);
    pb.environment().put("PATH", path);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(command.get() + "\n" + out).isZero();
  }
}
