package org.anchorwatch.stores.nss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NssNativeTest {
  @TempDir Path tmp;

  @Test
  void missingLibnss3IsNssUnavailableAndNamesThePackage() {
    assertThatThrownBy(() -> NssNative.load("anchorwatch-no-such-nss3", "nspr4"))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NSS_UNAVAILABLE))
        .hasMessageContaining("libnss3");
  }

  @Test
  void errorNumbersGetTheirNssNames() throws Exception {
    // NSS registers its error table in NSS_Initialize; before the first one the names are unknown.
    new NssStore(NssTestDb.create(tmp.resolve("db")).dir).list();
    NssNative n = NssNative.get();
    assertThat(n.nspr().PR_ErrorToName(-8174)).isEqualTo("SEC_ERROR_BAD_DATABASE");
    assertThat(n.nspr().PR_ErrorToName(-8053)).isEqualTo("SEC_ERROR_BUSY");
  }

  @Test
  void nestedSessionsAreRefusedInsteadOfSilentlyReadingTheOuterDatabase() throws Exception {
    NssTestDb a = NssTestDb.create(tmp.resolve("a"));
    NssTestDb b = NssTestDb.create(tmp.resolve("b"));
    assertThatThrownBy(() -> Nss.open(a.dir, Nss.Mode.READ, s -> Nss.open(b.dir, Nss.Mode.READ, NssSession::certs)))
        .isInstanceOf(IllegalStateException.class);
    // the outer session was still shut down properly
    assertThat(new NssStore(b.dir).list().entries()).isEmpty();
  }

  /**
   * A leaked reference makes NSS_Shutdown fail (SEC_ERROR_BUSY); NSS can then never be initialised
   * again in that process. The next read must fail with a clear INTERNAL error, logged to stderr,
   * never list stale or empty results. Runs in a child JVM so this JVM's NSS stays usable.
   */
  @Test
  void afterAFailedShutdownLaterReadsFailClearly() {
    NssTestDb a = NssTestDb.create(tmp.resolve("a")).add("a", "C,,", TestCerts.root("A"));
    NssTestDb b = NssTestDb.create(tmp.resolve("b")).add("b", "C,,", TestCerts.root("B"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    Tools.Result r = Tools.run(java, "-cp", System.getProperty("java.class.path"),
        NssLeakProbe.class.getName(), a.dir.toString(), b.dir.toString());

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("leaked true")
        .contains("anchorwatch: NSS could not be shut down after opening " + a.dir + " (SEC_ERROR_BUSY")
        .contains("first session returned")
        .contains("second session failed INTERNAL")
        .contains("restart Anchorwatch")
        .doesNotContain("second session listed");
  }
}
