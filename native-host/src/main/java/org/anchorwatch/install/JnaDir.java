package org.anchorwatch.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anchorwatch.install.InstallDoctor.Finding;

/**
 * Where JNA unpacks its native library and whether that can work: the packaged launcher ships the
 * library (jna.boot.library.path + jna.nounpack) and needs nothing; otherwise JNA writes to
 * jna.tmpdir or $XDG_CACHE_HOME/JNA/temp (~/.cache/JNA/temp) and loads from there, which fails
 * on a read-only folder or a noexec mount (a known trap, Graylog2/documentation#365).
 */
final class JnaDir {
  private JnaDir() {}

  static Optional<Finding> finding(Map<String, String> env) {
    if (Boolean.getBoolean("jna.nounpack")) return Optional.empty();
    return finding(folder(env), Path.of("/proc/self/mounts"));
  }

  static Path folder(Map<String, String> env) {
    String t = System.getProperty("jna.tmpdir");
    if (t != null) return Path.of(t);
    String cache = env.get("XDG_CACHE_HOME");
    Path base = cache != null && cache.startsWith("/") ? Path.of(cache) : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
    return base.resolve("JNA/temp");
  }

  /** The folder (or its nearest existing parent) must be writable and its mount not noexec. */
  static Optional<Finding> finding(Path folder, Path mounts) {
    Path existing = folder.toAbsolutePath();
    while (existing != null && !Files.isDirectory(existing)) existing = existing.getParent();
    if (existing == null || !Files.isWritable(existing)) return Optional.of(problem(folder, "not writable"));
    String options = mountOptions(existing, mounts);
    if (List.of(options.split(",")).contains("noexec")) return Optional.of(problem(folder, "on a noexec mount"));
    return Optional.empty();
  }

  /** Options of the longest mount point that holds {@code p} ("" when unknown). */
  private static String mountOptions(Path p, Path mounts) {
    String best = "";
    String options = "";
    try {
      for (String line : Files.readAllLines(mounts)) {
        String[] f = line.split(" ");
        if (f.length < 4) continue;
        String point = f[1].replace("\\040", " ");
        if (p.startsWith(point) && point.length() >= best.length()) {
          best = point;
          options = f[3];
        }
      }
    } catch (IOException e) {
      return "";
    }
    return options;
  }

  private static Finding problem(Path folder, String why) {
    return new Finding(InstallProblem.JNA_DIR_UNUSABLE, null, folder.toString(), folder + " is " + why, InstallProblem.JNA_DIR_UNUSABLE.fix(""));
  }
}
