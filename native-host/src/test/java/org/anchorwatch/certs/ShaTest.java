package org.anchorwatch.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The host's own SHA-256 and SHA-1 give the JDK's bytes: FIPS 180 examples, every length around the block boundaries, random data. */
class ShaTest {
  @Test
  void fipsExamples() {
    assertThat(Hex.of(Sha.sha256("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Hex.of(Sha.sha256(new byte[0])))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Hex.of(Sha.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    assertThat(Hex.of(Sha.sha1("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    assertThat(Hex.of(Sha.sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    byte[] million = new byte[1_000_000];
    java.util.Arrays.fill(million, (byte) 'a');
    assertThat(Hex.of(Sha.sha256(million))).isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    assertThat(Hex.of(Sha.sha1(million))).isEqualTo("34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  }

  @Test
  void sameBytesAsTheJdkForEveryLengthUpTo300AndRandomLargerOnes() throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    SplittableRandom r = new SplittableRandom(180_4);
    for (int i = 0; i < 600; i++) {
      int len = i <= 300 ? i : r.nextInt(70_000);
      byte[] data = new byte[len];
      for (int k = 0; k < len; k++) data[k] = (byte) r.nextInt(256);
      assertThat(Sha.sha256(data)).as("SHA-256 of %d bytes", len).isEqualTo(sha256.digest(data));
      assertThat(Sha.sha1(data)).as("SHA-1 of %d bytes", len).isEqualTo(sha1.digest(data));
      assertThat(CertParser.digest("SHA-256", data)).isEqualTo(sha256.digest(data));
    }
  }
}
