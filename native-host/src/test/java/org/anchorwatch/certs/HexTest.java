package org.anchorwatch.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HexTest {
  private static final String HASH = "00ff10a9b4c7d8e9f0123456789abcdef00112233445566778899aabbccddeeff";

  @Test
  void hexInAnyCaseWithOrWithoutColonsBecomesLowercaseHex() {
    String h = HASH.substring(0, 64);
    assertThat(Hex.normalise(h, 32)).contains(h);
    assertThat(Hex.normalise("  " + h.toUpperCase() + "\n", 32)).contains(h);
    assertThat(Hex.normalise(String.join(":", h.split("(?<=\\G..)")), 32)).contains(h);
    assertThat(Hex.of(new byte[] {0, (byte) 0xAB, 0x7f})).isEqualTo("00ab7f");
  }

  @Test
  void base64OfTheRightLengthBecomesHex() {
    byte[] raw = HexFormat.of().parseHex(HASH.substring(0, 40));
    assertThat(Hex.normalise(Base64.getEncoder().encodeToString(raw), 20)).contains(HASH.substring(0, 40));
    assertThat(Hex.normalise(Base64.getEncoder().encodeToString(raw), 32)).isEmpty();
  }

  /** Every non-hex character around the digit ranges' edges is refused, whatever its position. */
  @Test
  void anythingButHexDigitsIsRefused() {
    for (char c : new char[] {'g', 'z', '/', '@', '`', 'G', ' ', '-', '\u00e9'}) {
      String bad = String.valueOf(c).repeat(64);
      assertThat(Hex.normalise(bad, 32)).as(bad).isEmpty();
      String oneBad = "a".repeat(63) + c;
      assertThat(Hex.normalise(oneBad, 32)).as(oneBad).isEmpty();
    }
    // the edges of the accepted ranges themselves are digits
    assertThat(Hex.normalise("09af".repeat(16), 32)).contains("09af".repeat(16));
  }

  @Test
  void wrongLengthsAndNullAreRefused() {
    assertThat(Hex.normalise(null, 32)).isEmpty();
    assertThat(Hex.normalise("ab".repeat(31), 32)).isEmpty();
    assertThat(Hex.normalise("ab".repeat(33), 32)).isEmpty();
    assertThat(Hex.normalise("", 32)).isEmpty();
  }
}
