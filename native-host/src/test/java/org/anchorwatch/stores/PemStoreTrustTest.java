package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust read from inside PEM files (OpenSSL's TRUSTED CERTIFICATE aux lists, p11-kit objects) and
 * the "#n" block numbers cleanup later uses to name one block of a bundle.
 */
class PemStoreTrustTest {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String EMAIL = "1.3.6.1.5.5.7.3.4";

  @TempDir Path dir;

  private static String block(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private Map<String, StoreEntry> list(Path store) throws Exception {
    return new PemStore(store, PemRules.DEFAULT).list().entries().stream()
        .collect(Collectors.toMap(StoreEntry::location, e -> e));
  }

  @Test
  void auxTrustListsDecideTlsTrust() throws Exception {
    TestCerts.Issued rejected = TestCerts.root("CN=Aux Rejected");
    TestCerts.Issued emailOnly = TestCerts.root("CN=Aux Email Only");
    TestCerts.Issued tls = TestCerts.root("CN=Aux TLS");
    Path file = dir.resolve("s/bundle.pem");
    Files.createDirectories(file.getParent());
    Files.writeString(file, block("TRUSTED CERTIFICATE", TestCerts.withAuxTrust(rejected.der(), null, SERVER_AUTH))
        + block("TRUSTED CERTIFICATE", TestCerts.withAuxTrust(emailOnly.der(), EMAIL, null))
        + block("TRUSTED CERTIFICATE", TestCerts.withAuxTrust(tls.der(), SERVER_AUTH, null)));

    Map<String, StoreEntry> byLocation = list(file.getParent());
    assertThat(byLocation.get(file + "#1").trust()).isEqualTo(Trust.DISTRUSTED);
    assertThat(byLocation.get(file + "#2").trust()).isEqualTo(Trust.STORED);
    assertThat(byLocation.get(file + "#3").trust()).isEqualTo(Trust.TRUSTED);
  }

  @Test
  void p11KitObjectsAreNumberedAcrossTheFileAndCarryTheirDistrust() throws Exception {
    TestCerts.Issued a = TestCerts.root("CN=P11 First");
    TestCerts.Issued b = TestCerts.root("CN=P11 Second");
    TestCerts.Issued c = TestCerts.root("CN=P11 Third");
    Path file = dir.resolve("p/bundle.p11-kit");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# preamble\n[p11-kit-object-v1]\nclass: certificate\ntrusted: true\n" + a.pem()
        + "[p11-kit-object-v1]\nclass: x-certificate-extension\nlabel: \"no certificate here\"\n"
        + "[p11-kit-object-v1]\nclass: certificate\nx-distrusted: true\n" + b.pem() + c.pem()
        + "[p11-kit-object-v1]\nclass: certificate\ntrusted: true\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
        + "[p11-kit-object-v1]\nclass: certificate\ntrusted: true\n" + a.pem());

    Map<String, StoreEntry> byLocation = list(file.getParent());
    assertThat(byLocation.keySet()).containsExactlyInAnyOrder(file + "#1", file + "#2", file + "#3", file + "#5");
    assertThat(byLocation.get(file + "#1").trust()).isEqualTo(Trust.TRUSTED);
    assertThat(byLocation.get(file + "#2").trust()).isEqualTo(Trust.DISTRUSTED);
    assertThat(byLocation.get(file + "#3").trust()).as("the whole object is distrusted").isEqualTo(Trust.DISTRUSTED);
    assertThat(byLocation.get(file + "#5").cert().subject()).isEqualTo(a.subject());
  }
}
