package org.anchorwatch.stores.windows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * A crypt32 serialized certificate element, as {@code CertSerializeCertificateStoreElement}
 * writes it and as the registry keeps it in each certificate's {@code Blob} value: a run of
 * little-endian {@code (property id, reserved, length)} headers, each followed by {@code length}
 * value bytes, the certificate itself being property 32. Parsed here so a backup can be checked
 * against the certificate's SHA-256 before crypt32 is asked to restore it. Layout confirmed on
 * Wine's crypt32 (fixtures under src/test/resources/fixtures/windows); not yet on real Windows.
 */
public record SerializedElement(List<Property> properties) {
  /** CERT_CERT_PROP_ID: "reserved" in wincrypt.h, used by crypt32 for the encoded certificate. */
  public static final int CERT = 32;
  public static final int SHA1_HASH = 3;
  public static final int FRIENDLY_NAME = 11;
  private static final int HEADER = 12;

  public record Property(int id, int reserved, byte[] value) {}

  public SerializedElement {
    properties = List.copyOf(properties);
  }

  public static SerializedElement parse(byte[] bytes) throws AnchorwatchException {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Property> props = new ArrayList<>();
    int certs = 0;
    while (in.hasRemaining()) {
      if (in.remaining() < HEADER) throw corrupt("a property header is cut off at byte " + in.position());
      int id = in.getInt();
      int reserved = in.getInt();
      long length = Integer.toUnsignedLong(in.getInt());
      if (length > in.remaining()) throw corrupt("property " + id + " claims " + length + " bytes, " + in.remaining() + " left");
      byte[] value = new byte[(int) length];
      in.get(value);
      if (id == CERT) certs++;
      props.add(new Property(id, reserved, value));
    }
    if (certs != 1) throw corrupt("expected exactly one certificate (property 32), found " + certs);
    return new SerializedElement(props);
  }

  public Optional<byte[]> property(int id) {
    return properties.stream().filter(p -> p.id() == id).map(Property::value).findFirst();
  }

  public byte[] certificate() {
    return property(CERT).orElseThrow();
  }

  /** CERT_FRIENDLY_NAME_PROP_ID holds a NUL-terminated UTF-16LE string. */
  public Optional<String> friendlyName() {
    return property(FRIENDLY_NAME).map(v -> {
      String s = new String(v, StandardCharsets.UTF_16LE);
      int nul = s.indexOf('\0');
      return nul < 0 ? s : s.substring(0, nul);
    });
  }

  /**
   * Parses and checks that the element carries exactly the certificate with this SHA-256: what a
   * restore must know before it hands the bytes to crypt32.
   */
  public static SerializedElement verified(byte[] bytes, String sha256) throws AnchorwatchException {
    SerializedElement e = parse(bytes);
    String actual = Hex.of(CertParser.digest("SHA-256", e.certificate()));
    if (!actual.equals(sha256)) {
      throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "the saved element holds certificate " + actual + ", not " + sha256);
    }
    return e;
  }

  private static AnchorwatchException corrupt(String why) {
    return new AnchorwatchException(ErrorCode.STORE_CORRUPT, "serialized certificate element: " + why);
  }
}
