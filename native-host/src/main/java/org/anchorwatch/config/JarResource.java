package org.anchorwatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A data file packed beside the classes (the bundled blocklist, the extension ids, the version),
 * read from the jar through a ZipFile that is closed again, not through the class loader. The
 * class loader would keep the jar open for the life of the process, and with it the jar's
 * central directory on the heap: ~0.7 MB for the ~6 000 entries of the shaded jar, for a host
 * whose classes all come from the class-data archive and which otherwise never opens the jar
 * (docs/PERFORMANCE.md, issue 11). Run from a class folder (tests), the class loader reads it.
 */
public final class JarResource {
  private JarResource() {}

  /** The bytes of {@code absoluteName} ("/org/..."), or null when there is no such file. */
  public static byte[] read(Class<?> anchor, String absoluteName) throws IOException {
    Path jar = jarOf(anchor);
    if (jar != null) {
      try (ZipFile z = new ZipFile(jar.toFile())) {
        ZipEntry e = z.getEntry(absoluteName.substring(1));
        if (e == null) return null;
        try (InputStream in = z.getInputStream(e)) {
          return in.readAllBytes();
        }
      }
    }
    try (InputStream in = anchor.getResourceAsStream(absoluteName)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  /** The jar {@code c} was loaded from, or null (a class folder, or no code source). */
  static Path jarOf(Class<?> c) {
    CodeSource cs = c.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) return null;
    try {
      Path p = Path.of(cs.getLocation().toURI());
      return p.getFileName() != null && p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p) ? p : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
