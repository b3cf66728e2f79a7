package org.anchorwatch.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.blocklist.TestSigning;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signed organisation policy under a temp --root, verified with the key the administrator put in /etc/anchorwatch/org-keys. */
class OrgPolicyScanTest {
  @TempDir Path root;
  TestCerts.Issued corp;
  TestCerts.Issued other;
  ScanOptions opts;

  @BeforeEach
  void setUp() throws Exception {
    corp = TestCerts.root("CN=Org Denied Root");
    other = TestCerts.root("CN=Org Allowed Root");
    corp.writePem(root.resolve("store/corp.pem"));
    other.writePem(root.resolve("store/other.pem"));
    opts = new ScanOptions(false, List.of("pem:" + root.resolve("store")), root, root.resolve("home/u"), null, Map.of());
  }

  private String policy() {
    return "{\"deny\":[{\"name\":\"Denied by the organisation\",\"spkiSha256\":\"" + corp.spkiSha256() + "\"}],"
        + "\"allow\":[{\"name\":\"Our proxy\",\"spkiSha256\":\"" + other.spkiSha256() + "\"}]}";
  }

  private void installOrgKey(String keyName, String mode) throws Exception {
    Path dir = Files.createDirectories(root.resolve("etc/anchorwatch/org-keys"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    // the file name is the key id the signer names (anchorwatch blocklist sign --kind policy --key ID=FILE)
    Path k = Files.writeString(dir.resolve(keyName + ".pem"), TestSigning.publicPem(keyName));
    Files.setPosixFilePermissions(k, PosixFilePermissions.fromString(mode));
  }

  private void writeSignedPolicy(byte[] doc) throws Exception {
    Files.write(root.resolve("etc/anchorwatch/policy.signed"), doc);
  }

  private ScanResult scan() throws Exception {
    return new ScanService(Blocklist.bundled()).scan(opts);
  }

  /** The finding's level for the root, "none" when the scan has no finding for it (an allowed root raises nothing). */
  private static String level(ScanResult r, String subjectPart) {
    return r.findings().stream().filter(f -> f.subject().contains(subjectPart)).findFirst().map(f -> f.level()).orElse("none");
  }

  @Test
  void aVerifiedOrganisationPolicyDeniesAndAllows() throws Exception {
    ScanResult without = scan();
    assertThat(level(without, "Org Denied Root")).isEqualTo("notice");
    assertThat(level(without, "Org Allowed Root")).isEqualTo("notice");

    installOrgKey("test-untrusted", "rw-r--r--");
    writeSignedPolicy(TestSigning.signedPolicy(policy(), 1, Instant.now().plus(30, ChronoUnit.DAYS), "test-untrusted"));
    ScanResult r = scan();
    assertThat(r.summary().policyErrors()).isEmpty();
    assertThat(level(r, "Org Denied Root")).isEqualTo("blocked");
    assertThat(level(r, "Org Allowed Root")).isEqualTo("none");
    assertThat(r.anyBlocked()).isTrue();
  }

  @Test
  void refusedSignedPoliciesAreReportedAndApplyNothing() throws Exception {
    installOrgKey("test-untrusted", "rw-r--r--");
    Files.writeString(root.resolve("etc/anchorwatch/policy.json"), "{\"deny\":[]}"); // unsigned local policy keeps working alongside
    record Case(String why, byte[] doc, String keyMode, String expected) {}
    Instant later = Instant.now().plus(30, ChronoUnit.DAYS);
    List<Case> cases = List.of(
        new Case("signed by a key the administrator did not install", TestSigning.signedPolicy(policy(), 1, later, "test-a"), "rw-r--r--", "unknown key"),
        new Case("expired", TestSigning.signedPolicy(policy(), 1, Instant.now().minus(1, ChronoUnit.DAYS), "test-untrusted"), "rw-r--r--", "expired"),
        new Case("a blocklist document is not a policy", TestSigning.signed(TestSigning.bundledJson(), 5, later, List.of(), "test-untrusted"), "rw-r--r--", "not a policy"),
        new Case("a key file others can write is not trusted", TestSigning.signedPolicy(policy(), 1, later, "test-untrusted"), "rw-rw-rw-", "no organisation key"));
    for (Case c : cases) {
      installOrgKey("test-untrusted", c.keyMode());
      writeSignedPolicy(c.doc());
      ScanResult r = scan();
      assertThat(r.summary().policyErrors()).as(c.why()).singleElement().asString().contains("refused").contains(c.expected());
      assertThat(r.anyBlocked()).as(c.why()).isFalse();
    }
  }
}
