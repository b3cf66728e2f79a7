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
