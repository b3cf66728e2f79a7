package org.anchorwatch.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.anchorwatch.config.AtomicWrite;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small file operations the installer needs: atomic 0644 writes and content hashes. */
final class ManifestFiles {
  private ManifestFiles() {}

  /**
   * Temp file in the same folder, synced, mode 0644 (browsers run as the user, but a system
   * install must stay readable), then renamed over the target: a browser never reads half a file.
   */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    AtomicWrite.replace(target, content);
  }

  /** SHA-256 of the file's bytes, or null when there is no regular file. */
  static String hashOf(Path file) throws IOException {
    return Files.isRegularFile(file) ? sha256(Files.readAllBytes(file)) : null;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks SHA-256", e);
    }
  }
}
