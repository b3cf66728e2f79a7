package org.anchorwatch.certs;

/**
 * SHA-256 and SHA-1 (FIPS 180-4) of whole byte arrays: the fingerprints by which certificates and
 * keys are named and matched. Written here instead of taken from the JDK or Bouncy Castle, for
 * resident memory alone (docs/PERFORMANCE.md, issue 11): the JDK's digests come through the
 * provider framework (~80 classes) and read words through byte-array VarHandles, whose set-up is
 * the only thing left on the host's routine path that loads the lambda runtime (~50 more classes
 * and a spun class); Bouncy Castle's digest constructors initialise its services registrar, which
 * loads java.util.logging and streams. A host that scans at start keeps every class it loaded for
 * the browser's lifetime. Nothing here is secret (certificates are public), so constant-time code
 * is not needed. ShaTest holds both functions to the JDK's MessageDigest on the FIPS examples and
 * on random inputs of every length around the block boundaries.
 */
public final class Sha {
  private Sha() {}

  private static final int[] K256 = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
      0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
      0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
      0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
      0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

  public static byte[] sha256(byte[] data) {
    int[] h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    int[] w = new int[64];
    byte[] padded = pad(data);
    for (int off = 0; off < padded.length; off += 64) {
      for (int t = 0; t < 16; t++) w[t] = word(padded, off + 4 * t);
      for (int t = 16; t < 64; t++) {
        int s0 = Integer.rotateRight(w[t - 15], 7) ^ Integer.rotateRight(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        int s1 = Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
      }
      int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (int t = 0; t < 64; t++) {
        int t1 = hh + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25))
            + ((e & f) ^ (~e & g)) + K256[t] + w[t];
        int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
      }
      h[0] += a;
      h[1] += b;
      h[2] += c;
      h[3] += d;
      h[4] += e;
      h[5] += f;
      h[6] += g;
      h[7] += hh;
    }
    return bytes(h);
  }

  public static byte[] sha1(byte[] data) {
    int[] h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    int[] w = new int[80];
    byte[] padded = pad(data);
    for (int off = 0; off < padded.length; off += 64) {
      for (int t = 0; t < 16; t++) w[t] = word(padded, off + 4 * t);
      for (int t = 16; t < 80; t++) w[t] = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
      int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
      for (int t = 0; t < 80; t++) {
        int f;
        int k;
        if (t < 20) {
          f = (b & c) | (~b & d);
          k = 0x5a827999;
        } else if (t < 40) {
          f = b ^ c ^ d;
          k = 0x6ed9eba1;
        } else if (t < 60) {
          f = (b & c) | (b & d) | (c & d);
          k = 0x8f1bbcdc;
        } else {
          f = b ^ c ^ d;
          k = 0xca62c1d6;
        }
        int temp = Integer.rotateLeft(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = Integer.rotateLeft(b, 30);
        b = a;
        a = temp;
      }
      h[0] += a;
      h[1] += b;
      h[2] += c;
      h[3] += d;
      h[4] += e;
    }
    return bytes(h);
  }

  /** The message, a 1 bit, zeros, and its length in bits as 64 bits big-endian, to a multiple of 64 bytes. */
  private static byte[] pad(byte[] data) {
    int blocks = (data.length + 8) / 64 + 1;
    byte[] p = new byte[blocks * 64];
    System.arraycopy(data, 0, p, 0, data.length);
    p[data.length] = (byte) 0x80;
    long bits = (long) data.length * 8;
    for (int i = 0; i < 8; i++) p[p.length - 1 - i] = (byte) (bits >>> (8 * i));
    return p;
  }

  private static int word(byte[] b, int i) {
    return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
  }

  private static byte[] bytes(int[] h) {
    byte[] out = new byte[h.length * 4];
    for (int i = 0; i < h.length; i++) {
      out[4 * i] = (byte) (h[i] >>> 24);
      out[4 * i + 1] = (byte) (h[i] >>> 16);
      out[4 * i + 2] = (byte) (h[i] >>> 8);
      out[4 * i + 3] = (byte) h[i];
    }
    return out;
  }
}
