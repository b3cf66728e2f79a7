package org.anchorwatch.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {
  @TempDir Path dir;

  @Test
  void denyAndAllowEntriesByEitherHashSpelling() throws Exception {
    CertInfo evil = CertParser.parseDer(TestCerts.root("CN=Evil Test Root").der());
    CertInfo corp = CertParser.parseDer(TestCerts.root("CN=Corp Root").der());
    String b64 = java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(corp.sha256()));
    Path f = Files.writeString(dir.resolve("p.json"), """
        {"deny":[{"name":"Evil Test Root","spkiSha256":"%s","tier":"distrusted"}],
         "allow":[{"name":"Corp","sha256":"%s"}]}""".formatted(evil.spkiSha256().toUpperCase(), b64));
    Policy p = Policy.load(f, true);
    Judge j = new Judge(Blocklist.bundled(), p);
    assertThat(j.match(evil)).get().satisfies(e -> {
      assertThat(e.name()).isEqualTo("Evil Test Root");
      assertThat(e.tier()).isEqualTo(Tier.DISTRUSTED);
      assertThat(e.source()).isEqualTo(BlocklistEntry.Source.POLICY);
      assertThat(e.id()).isEqualTo("policy-evil-test-root");
    });
    assertThat(j.allowed(corp)).isTrue();
    assertThat(j.allowed(evil)).isFalse();
    assertThat(p.sources()).containsExactly(f);
  }

  /** A deny entry keyed by the certificate hash keeps that hash (and only it); its optional fields are read. */
  @Test
  void denyByCertificateHashMatchesThatCertificateOnly() throws Exception {
    TestCerts.Issued issued = TestCerts.root("CN=Hash Denied Root");
    CertInfo evil = CertParser.parseDer(issued.der());
    CertInfo sameKeyOtherCert = CertParser.parseDer(TestCerts.reissue(issued).der());
    Path f = Files.writeString(dir.resolve("p.json"), """
        {"deny":[{"name":"  By Hash  ","sha256":"%s","id":"corp-1","category":"corp","notes":"n1",
                  "references":["https://example.test/a"]}],
         "allow":[{"name":"Corp","spkiSha256":"%s"}]}""".formatted(evil.sha256(), sameKeyOtherCert.spkiSha256()));
    Policy p = Policy.load(f, true);
    assertThat(p.deny()).singleElement().satisfies(e -> {
      assertThat(e.sha256()).isEqualTo(evil.sha256());
      assertThat(e.spkiSha256()).isNull();
      assertThat(e.name()).isEqualTo("By Hash");
      assertThat(e.id()).isEqualTo("corp-1");
      assertThat(e.category()).isEqualTo("corp");
      assertThat(e.notes()).isEqualTo("n1");
      assertThat(e.tier()).isEqualTo(Tier.INTERCEPTION);
      assertThat(e.references()).containsExactly("https://example.test/a", "local policy " + f);
    });
    assertThat(p.allowSpki()).containsExactly(sameKeyOtherCert.spkiSha256());
    assertThat(p.allowSha256()).isEmpty();
    Judge j = new Judge(Blocklist.bundled(), p);
    assertThat(j.match(evil)).get().extracting(BlocklistEntry::name).isEqualTo("By Hash");
    assertThat(j.match(evil.spkiSha256(), null)).isEmpty();
    assertThat(j.match(sameKeyOtherCert)).isEmpty();
    assertThat(j.allowed(sameKeyOtherCert)).isTrue();
    assertThat(j.allowed(null, evil.sha256())).isFalse();
  }

  @Test
  void mergedPoliciesKeepBothSidesEntriesAndSources() throws Exception {
    String a = "ab".repeat(32);
    String b = "cd".repeat(32);
    Policy one = Policy.parse(("{\"deny\":[{\"name\":\"A\",\"spkiSha256\":\"" + a + "\"}],\"allow\":[{\"sha256\":\"" + b + "\"}]}").getBytes(),
        dir.resolve("one.json"));
    Policy two = Policy.parse(("{\"deny\":[{\"name\":\"B\",\"sha256\":\"" + b + "\"}],\"allow\":[{\"spkiSha256\":\"" + a + "\"}]}").getBytes(),
        dir.resolve("two.json"));
    Policy m = one.merge(two);
    assertThat(m.deny()).extracting(BlocklistEntry::name).containsExactly("A", "B");
    assertThat(m.allowSpki()).containsExactly(a);
    assertThat(m.allowSha256()).containsExactly(b);
    assertThat(m.sources()).containsExactly(dir.resolve("one.json"), dir.resolve("two.json"));
    assertThat(m.allows(a, null)).isTrue();
    assertThat(m.allows(null, b)).isTrue();
    assertThat(m.allows(b, a)).isFalse();
  }

  /** Errors name the entry by its position in its list, so an admin can find it in a long file. */
  @Test
  void errorsNameTheBadEntrysPosition() throws Exception {
    String good = "{\"name\":\"ok\",\"spkiSha256\":\"" + "ab".repeat(32) + "\"}";
    Path deny = Files.writeString(dir.resolve("deny.json"), "{\"deny\":[" + good + "," + good + ",{\"name\":\"bad\"}]}");
    assertThatThrownBy(() -> Policy.load(deny, true)).hasMessageContaining("deny[2]");
    Path allow = Files.writeString(dir.resolve("allow.json"), "{\"allow\":[" + good + ",7]}");
    assertThatThrownBy(() -> Policy.load(allow, true)).hasMessageContaining("allow[1]");
  }

  @Test
  void allowNeverUnblocksABundledEntry() throws Exception {
    String qaznet = "b5ba8dd7f89564c2889d3d6453c84998c77824919b64ea0835aa62986591be50";
    Path f = Files.writeString(dir.resolve("p.json"), "{\"allow\":[{\"name\":\"x\",\"spkiSha256\":\"" + qaznet + "\"}]}");
    Judge j = new Judge(Blocklist.bundled(), Policy.load(f, true));
    assertThat(j.match(qaznet, null)).isPresent();
  }

  @Test
  void missingOptionalFileIsEmptyButMissingExplicitFileIsAnError() throws Exception {
    assertThat(Policy.load(dir.resolve("none.json"), false)).isEqualTo(Policy.EMPTY);
    assertThatThrownBy(() -> Policy.load(dir.resolve("none.json"), true)).isInstanceOf(AnchorwatchException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void malformedPoliciesAreStableErrors() throws Exception {
    String[] bad = {
        "not json", "[]", "{\"deny\":[{\"name\":\"n\"}]}", "{\"deny\":[{\"spkiSha256\":\"" + "ab".repeat(32) + "\"}]}",
        "{\"deny\":[{\"name\":\"n\",\"spkiSha256\":\"zz\"}]}", "{\"deny\":[{\"name\":\"n\",\"sha256\":\"" + "ab".repeat(32)
            + "\",\"spkiSha256\":\"" + "ab".repeat(32) + "\"}]}",
        "{\"deny\":[{\"name\":\"n\",\"sha256\":\"" + "ab".repeat(32) + "\",\"tier\":\"apocalyptic\"}]}", "{\"allow\":[42]}"};
    for (String text : bad) {
      Path f = Files.writeString(dir.resolve("bad.json"), text);
      assertThatThrownBy(() -> Policy.load(f, true)).as(text).isInstanceOf(AnchorwatchException.class)
          .satisfies(e -> assertThat(((AnchorwatchException) e).code()).isEqualTo(ErrorCode.BAD_POLICY));
    }
  }
}
