package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** PemStore's p11-kit rules are loops (no regex in the host); here they are held to the regexes they replace. */
class P11KitTest {
  private static final String OBJECT = "[p11-kit-object-v1]";
  private static final Pattern DISTRUSTED = Pattern.compile("(?s).*\\bx-distrusted:\\s*true\\b.*");

  @Test
  void realObjects() {
    String trusted = OBJECT + "\nlabel: \"A\"\ntrusted: true\n-----BEGIN CERTIFICATE-----\n";
    String distrusted = OBJECT + "\nlabel: \"B\"\nx-distrusted: true\n-----BEGIN CERTIFICATE-----\n";
    String[] parts = P11Kit.split("# preamble\n" + trusted + distrusted, OBJECT);
    assertThat(parts).hasSize(3);
    assertThat(P11Kit.distrusted(parts[1])).isFalse();
    assertThat(P11Kit.distrusted(parts[2])).isTrue();
    assertThat(P11Kit.distrusted("nox-distrusted: true")).isFalse();
    assertThat(P11Kit.distrusted("x-distrusted:\ttruely")).isFalse();
  }

  @Test
  void sameAnswersAsTheRegexesOnGeneratedText() {
    String[] pieces = {OBJECT, "x-distrusted:", "x-distrusted: ", "true", "false", " ", "\t", "\n", "\u000B", "a", "_", "-", "\u00e9", "1", ":",
        "x", "[p11-kit", "-object-v1]", ""};
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = r.nextInt(9); k > 0; k--) b.append(pieces[r.nextInt(pieces.length)]);
      String s = b.toString();
      assertThat(P11Kit.split(s, OBJECT)).as("split of %s", s).containsExactly(s.split(Pattern.quote(OBJECT)));
      assertThat(P11Kit.distrusted(s)).as("distrusted in %s", s).isEqualTo(DISTRUSTED.matcher(s).matches());
    }
  }
}
