package org.anchorwatch.privilege;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who this process runs as. The administrator half changes its behaviour on a real uid of 0
 * (it refuses every input a user could have prepared), so the answer must come from the kernel,
 * not from the environment ($USER, $HOME, $SUDO_UID are the caller's to set).
 */
public record Identity(int realUid, int effectiveUid) {
  /** A platform without POSIX uids (Windows): never "root" here; elevation there is the OS's business. */
  public static final Identity NOT_POSIX = new Identity(-1, -1);

  public boolean isRoot() {
    return realUid == 0 || effectiveUid == 0;
  }

  public static Identity current() {
    // /proc/self/status "Uid:  real  effective  saved  fs" (Linux); no JNA needed on the hot path
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("Uid:")) return parseUidLine(line);
      }
    } catch (IOException | RuntimeException notLinux) {
      // fall through
    }
    try {
      // macOS and other POSIX systems without /proc: the owner of a file we just created is our euid
      Path probe = Files.createTempFile("anchorwatch-id", ".tmp");
      try {
        int uid = (Integer) Files.getAttribute(probe, "unix:uid");
        return new Identity(uid, uid);
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return NOT_POSIX;
    }
  }

  static Identity parseUidLine(String line) {
    // the first two whitespace-separated fields, without split's regex (a host reads this when it
    // has a host.json, and java.util.regex would stay resident for its life: stores.DirListing)
    String[] f = new String[2];
    int n = 0;
    int i = 4;
    while (n < 2) {
      while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
      int start = i;
      while (i < line.length() && !Character.isWhitespace(line.charAt(i))) i++;
      if (start == i) throw new NumberFormatException("Uid line with fewer than two fields: " + line);
      f[n++] = line.substring(start, i);
    }
    return new Identity(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
  }
}
