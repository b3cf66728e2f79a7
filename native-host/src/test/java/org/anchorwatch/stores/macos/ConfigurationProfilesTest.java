package org.anchorwatch.stores.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.anchorwatch.stores.DerKeys;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;

/**
 * Profile-installed roots from `profiles show -output stdout-xml`. The XML is written here to the
 * payload format of Apple's Configuration Profile Reference (not captured from a real Mac).
 */
class ConfigurationProfilesTest {
  final byte[] kz = TestCerts.root("CN=Information Security Certification Authority, C=KZ").der();
  final byte[] other = TestCerts.root("CN=Wi-Fi Root").der();

  static String plist(String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        + "<plist version=\"1.0\">" + body + "</plist>";
  }

  String profiles() {
    String kzData = Base64.getMimeEncoder().encodeToString(kz);
    String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(other) + "\n-----END CERTIFICATE-----\n";
    return plist("<dict><key>_computerlevel</key><array>"
        + "<dict><key>ProfileDisplayName</key><string>Qaznet Security</string><key>ProfileIdentifier</key><string>kz.gov.qaznet</string>"
        + "<key>ProfileItems</key><array>"
        + "<dict><key>PayloadType</key><string>com.apple.security.root</string><key>PayloadContent</key><data>" + kzData + "</data></dict>"
        + "<dict><key>PayloadType</key><string>com.apple.wifi.managed</string><key>PayloadContent</key><dict>"
        + "<key>Password</key><data>c2VjcmV0</data></dict></dict>"
        + "</array></dict>"
        + "<dict><key>ProfileIdentifier</key><string>corp.wifi</string><key>ProfileItems</key><array>"
        + "<dict><key>PayloadType</key><string>com.apple.security.pem</string><key>PayloadContent</key><dict><key>Certificate</key><data>"
        + Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)) + "</data></dict></dict>"
        + "</array></dict></array></dict>");
  }

  @Test
  void certificatePayloadsAreFoundWithTheirProfileName() {
    Map<String, String> m = ConfigurationProfiles.parse(profiles().getBytes(StandardCharsets.UTF_8));
    assertThat(m).containsOnly(Map.entry(DerKeys.sha256(kz), "Qaznet Security"), Map.entry(DerKeys.sha256(other), "corp.wifi"));
  }

  @Test
  void noOutputBrokenXmlAndExternalEntitiesGiveNothingAndLoadNothing() {
    assertThat(ConfigurationProfiles.parse(new byte[0])).isEmpty();
    assertThat(ConfigurationProfiles.parse("<plist><dict>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE plist [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
        + "<plist><dict><key>ProfileDisplayName</key><string>&x;</string><key>PayloadType</key><string>com.apple.security.root</string>"
        + "<key>PayloadContent</key><data>" + Base64.getEncoder().encodeToString(kz) + "</data></dict></plist>";
    assertThat(ConfigurationProfiles.parse(xxe.getBytes(StandardCharsets.UTF_8))).containsOnly(Map.entry(DerKeys.sha256(kz), ""));
  }

  @Test
  void aMacStoreMarksProfileRootsForTheCleanupPlan() throws Exception {
    FakeSecurityApi sec = new FakeSecurityApi();
    sec.settings(kz, SecurityApi.DOMAIN_ADMIN);
    MacStore store = new MacStore(() -> sec, MacLocations.location("domain/admin").orElseThrow(), "/Users/t",
        () -> ConfigurationProfiles.parse(profiles().getBytes(StandardCharsets.UTF_8)));
    assertThat(store.list().entries()).singleElement().extracting(StoreEntry::attributes)
        .satisfies(a -> assertThat(a).containsEntry("profile", "Qaznet Security"));
  }
}
