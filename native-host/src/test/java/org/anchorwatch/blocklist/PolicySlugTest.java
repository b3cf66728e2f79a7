package org.anchorwatch.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A policy entry without an id is named after its name; the loop that makes the slug gives what its two regexes gave. */
class PolicySlugTest {
  private static String byRegex(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  @Test
  void sameSlugsAsTheRegexes() {
    assertThat(Policy.slug("Corp Proxy Root (2024)")).isEqualTo("corp-proxy-root-2024");
    assertThat(Policy.slug("--")).isEmpty();
    String alphabet = "aZ09 -_.()\u00e9\u0130\u00df";
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = r.nextInt(10); k > 0; k--) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      assertThat(Policy.slug(b.toString())).as(b.toString()).isEqualTo(byRegex(b.toString()));
    }
  }
}
