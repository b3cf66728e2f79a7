package org.anchorwatch.stores.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The committed crypt32 fixtures (made by src/test/fixtures-src/windows/regenerate.sh under Wine):
 * look-alike Kazakh ISCA, eDellRoot and Superfish roots, their serialized elements and the
 * registry Blob values crypt32 stored for them.
 */
public final class WinFixtures {
  private WinFixtures() {}

  public static final String KZ = "kz-isca";
  public static final String DELL = "edellroot";
  public static final String SUPERFISH = "superfish";
  public static final String KZ_ELEMENT = "kz-isca-cu-root";
  public static final String DELL_ELEMENT = "edellroot-lm-root";
  public static final String SUPERFISH_ELEMENT = "superfish-lm-disallowed";

  public static byte[] bytes(String name) {
    try (InputStream in = WinFixtures.class.getResourceAsStream("/fixtures/windows/" + name)) {
      if (in == null) throw new IllegalStateException("missing fixture " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] der(String cert) {
    return bytes(cert + ".der");
  }

  public static byte[] element(String prefix) {
    return bytes(prefix + ".element");
  }

  public static byte[] blob(String prefix) {
    return bytes(prefix + ".blob");
  }
}
