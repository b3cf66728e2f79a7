package org.anchorwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The host jar leaves out what the host never runs of Bouncy Castle (native-host/pom.xml: bcpkix
 * is test-only; bcprov's JCA providers are filtered out of the shaded jar), because the class
 * loader keeps the jar's whole directory on every host's heap. Tests compile against the full
 * libraries, so a main-source use of a left-out package would pass the unit suite and fail only
 * in the packaged host: this test names it at once. (Uses reached only inside Bouncy Castle are
 * checked with jdeps when the filter changes: docs/PERFORMANCE.md, round 2.)
 */
class ShadedBouncyCastleTest {
  private static final Path MAIN = Path.of("src/main/java");
  /** Packages of bcpkix/bcutil and bcprov's providers; none of them is in the host jar. */
  private static final Pattern LEFT_OUT = Pattern.compile(
      "\\borg\\.bouncycastle\\.(jcajce|jce|pqc\\.jcajce|cert|cms|operator|pkcs|pkix|openssl|tsp|est|its|oer|dvcs|cmc|crmf|eac|mime|mozilla)\\b"
          + "|\\bBouncyCastle(PQC)?Provider\\b|\\bSecurity\\.(add|insert)Provider");

  @Test
  void mainSourcesUseNothingTheHostJarLeavesOut() throws IOException {
    List<String> uses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Matcher m = LEFT_OUT.matcher(Files.readString(f));
        while (m.find()) uses.add(MAIN.relativize(f) + ": " + m.group());
      }
    }
    assertThat(uses).isEmpty();
  }

  @Test
  void thePatternRecognisesALeftOutUse() {
    assertThat(LEFT_OUT.matcher("import org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider;").find()).isTrue();
    assertThat(LEFT_OUT.matcher("import org.bouncycastle.cert.X509CertificateHolder;").find()).isTrue();
    assertThat(LEFT_OUT.matcher("Security.addProvider(p)").find()).isTrue();
    assertThat(LEFT_OUT.matcher("import org.bouncycastle.asn1.x509.Certificate;").find()).isFalse();
  }
}
