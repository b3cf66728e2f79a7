package org.anchorwatch.install;

import java.nio.file.Path;
import java.util.Map;

/**
 * A user's home and XDG folders. XDG variables describe this process's user, so they are
 * honoured only when {@code home} is that user's own $HOME (not under --home DIR), the rule
 * discovery follows too.
 */
record UserDirs(Path home, Map<String, String> env) {

  static UserDirs of(Path home, Map<String, String> env) {
    Path h = home != null ? home : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    return new UserDirs(h.toAbsolutePath().normalize(), env);
  }

  Path xdgConfig() {
    return xdg("XDG_CONFIG_HOME", ".config");
  }

  Path xdgData() {
    return xdg("XDG_DATA_HOME", ".local/share");
  }

  /** "~/x" and "${XDG_CONFIG_HOME}/x" from locations.json to a path under this home. */
  Path expand(String location) {
    if (location.startsWith("~/")) return home.resolve(location.substring(2));
    if (location.startsWith("${XDG_CONFIG_HOME}/")) return xdgConfig().resolve(location.substring("${XDG_CONFIG_HOME}/".length()));
    return Path.of(location);
  }

  private Path xdg(String var, String fallback) {
    String v = env.get(var);
    boolean ownHome = home.toString().equals(env.get("HOME"));
    return ownHome && v != null && v.startsWith("/") ? Path.of(v) : home.resolve(fallback);
  }
}
