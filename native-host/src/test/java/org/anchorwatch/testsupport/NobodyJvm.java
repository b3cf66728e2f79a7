package org.anchorwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a test's main class in a JVM as {@code nobody} (uid 65534): for the checks root's
 * CAP_DAC_OVERRIDE makes untestable in the test JVM itself (a directory of mode 000). nobody can
 * reach neither root's Maven repository nor a checkout in a private directory, so the class path
 * is first copied to a world-readable place under {@code scratch}.
 */
public final class NobodyJvm {
  private NobodyJvm() {}

  public static Unprivileged.Result run(Path scratch, Class<?> main, String... args) {
    try {
      Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path cp = Files.createDirectories(scratch.resolve("nobody-cp"));
      Path home = Files.createDirectories(scratch.resolve("nobody-home"));
      Unprivileged.chownToNobody(home);
      List<String> entries = new ArrayList<>();
      int i = 0;
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        Path from = Path.of(entry);
        if (!Files.exists(from)) continue;
        Path to = cp.resolve(i++ + "-" + from.getFileName());
        copyReadable(from, to);
        entries.add(to.toString());
      }
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", String.join(java.io.File.pathSeparator, entries), main.getName()));
      cmd.addAll(List.of(args));
      return Unprivileged.asNobody(home, Map.of(), cmd);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyReadable(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
          Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }
}
