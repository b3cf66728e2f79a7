package org.anchorwatch.config;

import java.nio.file.Path;
import java.util.Map;

/** Per-user XDG directories: state (logs, journal), data (backups), config (policy). */
public record AppDirs(Path config, Path data, Path state) {

  public static AppDirs fromEnv(Map<String, String> env) {
    Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    return new AppDirs(
        xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("anchorwatch"),
        xdg(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve("anchorwatch"),
        xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("anchorwatch"));
  }

  private static Path xdg(Map<String, String> env, String var, Path fallback) {
    String v = env.get(var);
    return v == null || v.isBlank() || !v.startsWith("/") ? fallback : Path.of(v);
  }
}
