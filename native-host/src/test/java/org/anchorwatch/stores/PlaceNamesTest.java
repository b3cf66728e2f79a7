package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Place's folder-name rules are loops (no regex at host start); here they are held to the regexes they replace. */
class PlaceNamesTest {
  private static final Pattern PROFILE = Pattern.compile("^[a-z0-9]{8}\\.(.+)$");
  private static final Pattern JDK_VERSION = Pattern.compile("(?<![0-9])(1\\.(\\d+)|\\d+)(?:[.\\-+_]|$)");

  private static String profileByRegex(String dir) {
    Matcher m = PROFILE.matcher(dir);
    return m.matches() ? m.group(1) : dir;
  }

  private static String versionByRegex(String dir) {
    Matcher m = JDK_VERSION.matcher(dir);
    return m.find() ? (m.group(2) != null ? m.group(2) : m.group(1)) : null;
  }

  @Test
  void realFolderNames() {
    assertThat(Place.profileName("abcd1234.default-esr")).isEqualTo("default-esr");
    assertThat(Place.profileName("ABCD1234.default")).isEqualTo("ABCD1234.default");
    assertThat(Place.profileName("abcd1234.")).isEqualTo("abcd1234.");
    for (String[] c : List.of(new String[] {"java-17-openjdk-amd64", "17"}, new String[] {"jdk-21.0.2+13", "21"},
        new String[] {"17.0.9-tem", "17"}, new String[] {"java-1.8.0-openjdk", "8"}, new String[] {"temurin-25-jdk-amd64", "25"},
        new String[] {"openjdk", null}, new String[] {"jdk1.8.0_292", "8"}, new String[] {"x64jdk", null})) {
      assertThat(Place.jdkVersion(c[0])).as(c[0]).isEqualTo(c[1]).isEqualTo(versionByRegex(c[0]));
    }
  }

  @Test
  void sameAnswersAsTheRegexesOnGeneratedNames() {
    String alphabet = "0123456789011111....--++__abjdkz\n\r\u0085\u2028 A";
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(14);
      if (i % 3 == 0) { // profile-shaped: 8 characters, a dot, a tail
        for (int k = 0; k < 8; k++) b.append("ab09z1q" .charAt(r.nextInt(7)));
        b.append('.');
      }
      for (int k = 0; k < len; k++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      String s = b.toString();
      assertThat(Place.profileName(s)).as("profile of %s", s.replace("\n", "\\n")).isEqualTo(profileByRegex(s));
      assertThat(Place.jdkVersion(s)).as("version of %s", s.replace("\n", "\\n")).isEqualTo(versionByRegex(s));
    }
  }
}
