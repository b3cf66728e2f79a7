package org.anchorwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `scan` in-process on temp PEM stores: exit codes, the text report line by line, JSON, store errors. */
class ScanCommandTest {
  @TempDir Path dir;
  CliRun cli;
  Path store;
  Path policy;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(Files.createDirectories(dir.resolve("home")));
    store = Files.createDirectories(dir.resolve("store"));
    policy = dir.resolve("policy.json");
  }

  int scan(String... more) {
    String[] args = new String[6 + more.length];
    System.arraycopy(new String[] {"scan", "--no-default-stores", "--store", "pem:" + store, "--policy", policy.toString()}, 0, args, 0, 6);
    System.arraycopy(more, 0, args, 6, more.length);
    return cli.run(args);
  }

  void deny(String entries) throws Exception {
    Files.writeString(policy, "{\"deny\":[" + entries + "]}");
  }

  static String entry(String name, TestCerts.Issued c, String tier, String notes) {
    return "{\"name\":\"" + name + "\",\"id\":\"id-" + tier + "\",\"category\":\"cat-" + tier + "\",\"spkiSha256\":\"" + c.spkiSha256()
        + "\",\"tier\":\"" + tier + "\"" + (notes == null ? "" : ",\"notes\":\"" + notes + "\"") + "}";
  }

  @Test
  void aCleanStoreExitsZeroAndSaysSo() throws Exception {
    deny("");
    assertThat(scan()).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains("Trust stores (1):").contains("0 certificates  [explicit pem store]\n\nNo blocklisted or locally added roots found.\n\nSummary: ")
        .contains("Summary: 1 stores (0 unreadable), 0 certificates, 0 blocked, 0 notice. Blocklist ")
        .doesNotContain("INTERCEPTION").doesNotContain("Findings");
    assertThat(cli.err).isEmpty();
  }

  @Test
  void aBlockedRootExitsThreeWithItsStoryAndEveryLocation() throws Exception {
    TestCerts.Issued evil = TestCerts.root("CN=Scan Evil Root");
    Path file = evil.writePem(dir.resolve("outside/evil.pem"));
    Files.createSymbolicLink(store.resolve("link.pem"), file);
    deny(entry("Scan Evil", evil, "interception", "seen in the wild"));

    assertThat(scan()).isEqualTo(Cli.EXIT_BLOCKED);
    String o = cli.out;
    assertThat(o).contains("Findings (1 certificates, ")
        .contains("  BLOCKED  Scan Evil  (id-interception; interception root: whoever holds its key can read this machine's TLS traffic, severity ")
        .contains("    why: seen in the wild\n")
        .contains("    subject: " + evil.subject() + "\n")
        .contains("    sha256:  " + evil.sha256() + "\n    spki:    " + evil.spkiSha256() + "\n")
        .contains("    installed in:\n      - " + store.resolve("link.pem"))
        .contains("INTERCEPTION ROOTS PRESENT: Scan Evil")
        .contains(", 1 blocked, 0 notice.");
    assertThat(o).contains("      - " + store.resolve("link.pem") + "  [explicit pem store]\n          (a link to " + file + ")\n");
  }

  @Test
  void aLinkFromAnotherStoreIsFoldedIntoTheFileItReaches() throws Exception {
    TestCerts.Issued evil = TestCerts.root("CN=Folded Evil");
    Path file = evil.writePem(store.resolve("evil.pem"));
    Path links = Files.createDirectories(dir.resolve("links"));
    Files.createSymbolicLink(links.resolve("abcd1234.0"), file);
    deny(entry("Folded", evil, "interception", null));
    assertThat(scan("--store", "pem:" + links)).isEqualTo(Cli.EXIT_BLOCKED);
    assertThat(cli.out).contains("Findings (1 certificates, 1 locations):")
        .contains("      - " + file + "  [explicit pem store]\n          also reached through " + links.resolve("abcd1234.0") + "\n");
  }

  @Test
  void everyTierIsExplainedAndBlockedComesFirst() throws Exception {
    TestCerts.Issued d = TestCerts.root("CN=Tier Distrusted");
    TestCerts.Issued l = TestCerts.root("CN=Tier Leaf");
    TestCerts.Issued s = TestCerts.root("CN=Tier Sunset");
    TestCerts.Issued t = TestCerts.root("CN=Tier Test");
    TestCerts.Issued other = TestCerts.root("CN=Someone Added This");
    for (TestCerts.Issued c : new TestCerts.Issued[] {other, s, d, l, t}) c.writePem(store.resolve(c.sha256() + ".pem"));
    deny(String.join(",", entry("D", d, "distrusted", null), entry("L", l, "leaf", null), entry("S", s, "sunset", null), entry("T", t, "test", null)));

    assertThat(scan()).isEqualTo(Cli.EXIT_BLOCKED);
    String o = cli.out;
    assertThat(o).contains("distrusted or compromised CA (cat-distrusted)")
        .contains("a leaked or misissued server certificate, never a legitimate trust anchor (cat-leaf)")
        .contains("a CA browsers phase out by issuance date: newer certificates from it are refused, older ones still work")
        .contains("(id-test; test entry, severity info)")
        .contains("  NOTICE   " + other.subject() + "\n    why: a root added to a trust store that is not on the blocklist; if you did not add it, find out who did.")
        .contains("Trust stores (1):").contains(" 5 certificates  [")
        .contains("Findings (5 certificates, 5 locations):")
        .contains("Summary: 1 stores (0 unreadable), 5 certificates, 3 blocked, 2 notice. Blocklist ")
        .doesNotContain("INTERCEPTION ROOTS PRESENT").doesNotContain("    why: null");
    int firstBlocked = o.indexOf("  BLOCKED  ");
    assertThat(firstBlocked).isPositive().isLessThan(o.indexOf("  NOTICE   "));
    assertThat(o.lastIndexOf("  BLOCKED  ")).isLessThan(o.indexOf("  NOTICE   "));
  }

  @Test
  void anInspectionProductIsNamed() throws Exception {
    deny("");
    TestCerts.root("CN=mitmproxy,O=mitmproxy").writePem(store.resolve("mitm.pem"));
    assertThat(scan()).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains(" 1 certificate  [")
        .contains("    TLS inspection by mitmproxy (debugging)\n")
        .contains("    why: mitmproxy generates this root on each install to read encrypted traffic; remove it if you did not choose that.")
        .contains("Findings (1 certificates, 1 locations):").contains("0 blocked, 1 notice.");
  }

  @Test
  void jsonIsOneDocumentWithStoreErrorsAndTheSameExitCode() throws Exception {
    TestCerts.Issued evil = TestCerts.root("CN=Json Evil");
    evil.writePem(store.resolve("evil.pem"));
    deny(entry("Json Evil", evil, "interception", null));
    assertThat(scan("--json", "--store", "pem:" + dir.resolve("missing"))).isEqualTo(Cli.EXIT_BLOCKED);
    JsonNode doc = cli.json();
    assertThat(doc.path("stores")).hasSize(2);
    assertThat(doc.at("/stores/1/error/code").asText()).isEqualTo("STORE_NOT_FOUND");
    assertThat(doc.at("/summary/blocked").asInt()).isEqualTo(1);
    assertThat(doc.at("/findings/0/sha256").asText()).isEqualTo(evil.sha256());
    assertThat(cli.err).isEmpty();
  }

  @Test
  void anUnreadableStoreIsReportedInTheText() throws Exception {
    deny("");
    assertThat(scan("--store", "pem:" + dir.resolve("missing"))).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains("ERROR STORE_NOT_FOUND: ").contains("Summary: 2 stores (1 unreadable)");
  }

  @Test
  void aBadPolicyNamedOnTheCommandLineIsAnErrorOnStderr() throws Exception {
    Files.writeString(policy, "{\"deny\":[{\"name\":\"x\"}]}");
    assertThat(scan()).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.err).startsWith("anchorwatch: BAD_POLICY: ").contains("needs exactly one of spkiSha256, sha256");
    assertThat(cli.out).isEmpty();
  }

  @Test
  void aBadPerUserPolicyIsShownAndIgnored() throws Exception {
    Path own = Files.createDirectories(Path.of(cli.env.get("HOME"), ".config/anchorwatch")).resolve("policy.json");
    Files.writeString(own, "{\"deny\":[{\"name\":\"x\"}]}");
    assertThat(cli.run("scan", "--no-default-stores", "--store", "pem:" + store)).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains("Policy problem (ignored file): ").contains("needs exactly one of spkiSha256, sha256");
  }

  @Test
  void anUnknownStoreTypeIsAUsageErrorOnStderr() throws Exception {
    deny("");
    assertThat(scan("--store", "floppy:/dev/fd0")).isEqualTo(Cli.EXIT_USAGE);
    assertThat(cli.err).startsWith("anchorwatch: UNKNOWN_STORE_TYPE: ");
    assertThat(cli.out).isEmpty();
  }

  @Test
  void blockedGroupsComeBeforeNoticesWhateverTheStoreOrder() throws Exception {
    TestCerts.Issued evil = TestCerts.root("CN=Order Evil");
    TestCerts.root("CN=Order Added").writePem(store.resolve("a-added.pem"));
    evil.writePem(store.resolve("b-evil.pem"));
    deny(entry("Order Evil", evil, "interception", null));
    assertThat(scan()).isEqualTo(Cli.EXIT_BLOCKED);
    assertThat(cli.out.indexOf("  BLOCKED  Order Evil")).isPositive().isLessThan(cli.out.indexOf("  NOTICE   CN=Order Added"));
  }

  @Test
  void aShippedRootBrowsersPhaseOutIsInfoNotAnAlert() throws Exception {
    // a real shipped root on the sunset tier, copied (read only) from this machine's ca-certificates package
    Path shipped = Path.of("/usr/share/ca-certificates/mozilla/Entrust_Root_Certification_Authority_-_G2.crt");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(shipped), "needs the ca-certificates package");
    Path root = dir.resolve("root");
    Path copy = Files.createDirectories(root.resolve("usr/share/ca-certificates/mozilla")).resolve(shipped.getFileName());
    Files.copy(shipped, copy);
    Files.createDirectories(root.resolve("etc/ssl/certs"));
    Files.writeString(root.resolve("etc/ca-certificates.conf"), "mozilla/" + shipped.getFileName() + "\n");
    Files.copy(shipped, root.resolve("etc/ssl/certs/ca-certificates.crt"));
    deny("");
    assertThat(cli.run("scan", "--root", root.toString(), "--policy", policy.toString())).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains("  INFO     Entrust Root Certification Authority - G2  (sunset-entrust-43df5774; a CA browsers phase out")
        .containsPattern(", 0 blocked, 0 notice, [1-9]\\d* info\\. Blocklist ");
  }
}
