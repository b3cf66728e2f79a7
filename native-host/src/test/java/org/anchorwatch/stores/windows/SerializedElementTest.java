package org.anchorwatch.stores.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.DerKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The parser against elements and registry Blob values a real crypt32 (Wine 8) wrote. */
class SerializedElementTest {

  @ParameterizedTest
  @CsvSource({
      "kz-isca, kz-isca-cu-root, Anchorwatch test ISCA",
      "edellroot, edellroot-lm-root, eDellRoot",
      "superfish, superfish-lm-disallowed, 'Superfish, Inc.'"})
  void elementAndRegistryBlobCarryTheCertificateItsThumbprintAndFriendlyName(String cert, String prefix, String name) throws Exception {
    byte[] der = WinFixtures.der(cert);
    for (byte[] bytes : new byte[][] {WinFixtures.element(prefix), WinFixtures.blob(prefix)}) {
      SerializedElement e = SerializedElement.parse(bytes);
      assertThat(e.certificate()).isEqualTo(der);
      assertThat(e.friendlyName()).contains(name);
      assertThat(e.property(SerializedElement.SHA1_HASH)).hasValueSatisfying(sha1 -> assertThat(sha1).isEqualTo(CertParser.digest("SHA-1", der)));
      assertThat(e.properties()).allSatisfy(p -> assertThat(p.reserved()).isEqualTo(1));
      assertThat(SerializedElement.verified(bytes, DerKeys.sha256(der)).certificate()).isEqualTo(der);
    }
  }

  @Test
  void anElementForAnotherCertificateFailsVerification() {
    byte[] kz = WinFixtures.element(WinFixtures.KZ_ELEMENT);
    String dell = DerKeys.sha256(WinFixtures.der(WinFixtures.DELL));
    assertThatThrownBy(() -> SerializedElement.verified(kz, dell))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_FAILED));
  }

  @Test
  void damagedElementsAreStoreCorrupt() {
    byte[] good = WinFixtures.element(WinFixtures.KZ_ELEMENT);
    assertCorrupt(Arrays.copyOf(good, good.length - 1)); // certificate value cut short
    assertCorrupt(Arrays.copyOf(good, 5)); // header cut off
    assertCorrupt(new byte[0]); // no certificate at all
    byte[] twice = Arrays.copyOf(good, good.length * 2);
    System.arraycopy(good, 0, twice, good.length, good.length);
    assertCorrupt(twice); // two certificates
    byte[] huge = good.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1); // length 0xffffffff
    assertCorrupt(huge);
  }

  @Property(tries = 300)
  void arbitraryBytesNeverCrashTheParser(@ForAll byte[] bytes) {
    try {
      SerializedElement.parse(bytes);
    } catch (AnchorwatchException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT);
    }
  }

  private static void assertCorrupt(byte[] bytes) {
    assertThatThrownBy(() -> SerializedElement.parse(bytes))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT));
  }
}
