package org.anchorwatch.stores;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the certificates out of a JKS keystore (magic 0xFEEDFEED: Debian's and the JDK's
 * cacerts) without {@link java.security.KeyStore}. Why: the JDK's keystore parses every
 * certificate into an X509CertImpl, decodes every public key (loading the EC provider and its
 * curve table), logs a security event per certificate and keeps each one in a soft cache of 750
 * entries that only a full collection clears. The host scans cacerts at start and keeps
 * running for the browser's lifetime: that path cost ~200 classes and ~1 MB of heap for data the
 * scan reads as bytes anyway (docs/PERFORMANCE.md, issue 11). Writing a keystore (cleanup) still
 * goes through KeyStore ({@link Keystores}), which keeps the format and password.
 *
 * <p>The format is the one sun.security.provider.JavaKeyStore reads: magic, version 1 or 2, a
 * count, then per entry a tag (1 private key with its chain, 2 trusted certificate), the alias,
 * the creation time in ms, and the certificate(s) (version 2: each preceded by its type), and a
 * 20-byte keyed SHA-1 at the end. That digest is not checked: KeyStore with a null password does
 * not check it either, and the scan loads every store that way when "changeit" and "" fail
 * ({@link Keystores}); the password guards nothing for a trust store whose password is public.
 * Aliases are lower-cased (Locale.ENGLISH) and a repeated alias replaces the earlier entry, as
 * JavaKeyStore does, so both readers list the same entries.
 */
public final class JksFile {
  static final int MAGIC = 0xFEEDFEED;
  private static final int TRAILER = 20;

  private JksFile() {}

  /** One entry: a trusted certificate, or the first certificate of a private key's chain (null if it has none). */
  public record Entry(String alias, long createdMillis, boolean trusted, byte[] certDer) {}

  public static boolean isJks(byte[] bytes) {
    return bytes.length >= 4 && readInt(bytes) == MAGIC;
  }

  /** The entries in file order (a repeated alias keeps the first one's place and the last one's entry). */
  public static List<Entry> read(byte[] bytes) throws IOException {
    if (!isJks(bytes)) throw new IOException("not a JKS keystore (bad magic number)");
    if (bytes.length < 12 + TRAILER) throw new EOFException("truncated JKS keystore");
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 4, bytes.length - 4 - TRAILER));
    int version = in.readInt();
    if (version != 1 && version != 2) throw new IOException("unsupported JKS version " + version);
    int count = in.readInt();
    if (count < 0) throw new IOException("negative JKS entry count");
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      int tag = in.readInt();
      String alias = in.readUTF().toLowerCase(Locale.ENGLISH);
      long created = in.readLong();
      Entry e = switch (tag) {
        case 1 -> keyEntry(in, version, alias, created);
        case 2 -> new Entry(alias, created, true, certificate(in, version));
        default -> throw new IOException("unrecognized JKS entry tag " + tag);
      };
      entries.put(alias, e); // a repeated alias: the last one counts
    }
    if (in.available() != 0) throw new IOException("trailing data in JKS keystore");
    return new ArrayList<>(entries.values());
  }

  private static Entry keyEntry(DataInputStream in, int version, String alias, long created) throws IOException {
    skip(in, length(in)); // the protected key: not ours to read
    int certs = in.readInt();
    if (certs < 0) throw new IOException("negative chain length in JKS entry " + alias);
    byte[] first = null;
    for (int c = 0; c < certs; c++) {
      byte[] der = certificate(in, version);
      if (c == 0) first = der;
    }
    return new Entry(alias, created, false, first);
  }

  private static byte[] certificate(DataInputStream in, int version) throws IOException {
    if (version == 2) {
      String type = in.readUTF();
      if (!type.equals("X.509")) throw new IOException("unsupported certificate type " + type);
    }
    byte[] der = new byte[length(in)];
    in.readFully(der);
    return der;
  }

  /** A length field, checked against what is left so that a corrupt one cannot ask for gigabytes. */
  private static int length(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) throw new EOFException("JKS field of " + n + " bytes runs past the end");
    return n;
  }

  private static void skip(DataInputStream in, int n) throws IOException {
    if (in.skipBytes(n) != n) throw new EOFException("truncated JKS keystore");
  }

  private static int readInt(byte[] b) {
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }
}
