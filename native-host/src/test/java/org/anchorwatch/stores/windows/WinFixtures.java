package org.anchorwatch.stores.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The committed crypt32 fixtures (made by src/test/fixtures-src/windows/regenerate.sh under Wine):
 * look-alike Kazakh ISCA, eDellRoot and Superfish roots, their serialized elements and the
 * registry Blob values crypt32 stored for them.
 */
final class WinFixtures {
  private WinFixtures() {}

  static final String KZ = "kz-isca";
  static final String DELL = "edellroot";
  static final String SUPERFISH = "superfish";
  static final String KZ_ELEMENT = "kz-isca-cu-root";
  static final String DELL_ELEMENT = "edellroot-lm-root";
  static final String SUPERFISH_ELEMENT = "superfish-lm-disallowed";

  static byte[] bytes(String name) {
    try (InputStream in = WinFixtures.class.getResourceAsStream("/fixtures/windows/" + name)) {
      if (in == null) throw new IllegalStateException("missing fixture " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] der(String cert) {
    return bytes(cert + ".der");
  }

  static byte[] element(String prefix) {
    return bytes(prefix + ".element");
  }

  static byte[] blob(String prefix) {
    return bytes(prefix + ".blob");
  }
}
