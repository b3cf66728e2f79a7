package org.anchorwatch.stores.nss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.sun.jna.Pointer;
import java.nio.file.Path;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A null headed for libnss3 is stopped in Java (NSS would dereference it and kill the JVM). The
 * guard's own logic is checked against a recording stand-in for the library (so a missing check
 * fails the test instead of crashing it); the end-to-end case runs a real session on a real
 * cert9.db and checks the error, the untouched database and that NSS was shut down cleanly.
 */
class NssGuardTest {
  @TempDir Path tmp;

  @Test
  void aNullNeverReachesTheLibraryAndTheCallIsNamed() {
    NssLibrary raw = mock(NssLibrary.class);
    NssLibrary nss = NssGuard.wrap(raw);
    Pointer p = new Pointer(0x1000);

    assertThatThrownBy(() -> nss.CERT_ChangeCertTrust(p, p, null)).isInstanceOf(NssGuard.NullArgument.class)
        .hasMessageContaining("argument 3 of CERT_ChangeCertTrust").hasMessageContaining("CertTrust");
    assertThatThrownBy(() -> nss.SEC_DeletePermCertificate(null)).isInstanceOf(NssGuard.NullArgument.class)
        .hasMessageContaining("null pointer for argument 1 of SEC_DeletePermCertificate");
    assertThatThrownBy(() -> nss.CERT_DecodeTrustString(new NssLibrary.CertTrust(), null)).isInstanceOf(NssGuard.NullArgument.class);
    assertThatThrownBy(() -> nss.PK11_ListCertsInSlot(null)).isInstanceOf(NssGuard.NullArgument.class);
    verifyNoInteractions(raw);
  }

  @Test
  void everythingElsePassesThroughUnchanged() {
    NssLibrary raw = mock(NssLibrary.class);
    NssLibrary nss = NssGuard.wrap(raw);
    Pointer p = new Pointer(0x1000);
    NssLibrary.CertTrust t = new NssLibrary.CertTrust();
    when(raw.CERT_ChangeCertTrust(p, p, t)).thenReturn(-1);
    when(raw.PK11_GetInternalKeySlot()).thenReturn(p);
    when(raw.CERT_NewTempCertificate(any(), any(), isNull(), anyInt(), anyInt())).thenReturn(p);
    when(raw.PORT_GetError()).thenThrow(new IllegalStateException("from the library"));

    assertThat(nss.CERT_ChangeCertTrust(p, p, t)).isEqualTo(-1);
    assertThat(nss.PK11_GetInternalKeySlot()).isSameAs(p);
    // the nickname of a temporary certificate is optional in NSS, and marked so
    assertThat(nss.CERT_NewTempCertificate(p, new NssLibrary.SecItem(), null, 0, 1)).isSameAs(p);
    assertThatThrownBy(nss::PORT_GetError).isInstanceOf(IllegalStateException.class).hasMessage("from the library");
    verify(raw).CERT_ChangeCertTrust(p, p, t);
  }

  @Test
  void aNullInARealSessionIsAnInternalErrorAndNssStaysUsable() throws Exception {
    TestCerts.Issued root = TestCerts.root("Guarded Root");
    NssTestDb db = NssTestDb.create(tmp.resolve("db")).add("guarded", "C,,", root);

    assertThatThrownBy(() -> Nss.open(db.dir, Nss.Mode.WRITE, s -> {
      s.delete(null);
      return null;
    })).isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining(db.dir.toString()).hasMessageContaining("SEC_DeletePermCertificate");
    assertThatThrownBy(() -> Nss.open(db.dir, Nss.Mode.WRITE, s -> {
      s.changeTrust(null, NssTrust.DISTRUST);
      return null;
    })).isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("CERT_ChangeCertTrust");

    // nothing changed, and NSS was shut down: the next session opens and reads normally
    assertThat(db.certutilList()).containsEntry("guarded", "C,,");
    assertThat(new NssStore(db.dir).list().entries()).singleElement()
        .satisfies(e -> assertThat(e.attributes()).containsEntry("trust", "C,,"));
  }
}
