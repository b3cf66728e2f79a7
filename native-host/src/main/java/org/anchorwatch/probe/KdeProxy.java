package org.anchorwatch.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * KDE's proxy setting ([Proxy Settings] in kioslaverc), as far as the probe reproduces it:
 * ProxyType 0 is direct; 1 (manual) uses httpsProxy, else socksProxy, with NoProxyFor; PAC (2),
 * auto-detection (3), the indirect environment mode (4) and reversed exception lists are refused.
 * No kioslaverc, or no ProxyType in it, is no configuration: the environment applies.
 */
final class KdeProxy {
  private KdeProxy() {}

  static Optional<ProxyRoute> route(String targetHost, Map<String, String> env) throws AnchorwatchException {
    Optional<Path> file = file(env);
    if (file.isEmpty()) return Optional.empty();
    Map<String, String> s;
    try {
      s = section(Files.readString(file.get(), StandardCharsets.UTF_8), "Proxy Settings");
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.PROBE_PROXY, "cannot read " + file.get() + ": " + e.getMessage());
    }
    String type = s.getOrDefault("ProxyType", "").trim();
    switch (type) {
      case "" -> {
        return Optional.empty();
      }
      case "0" -> {
        return Optional.of(ProxyRoute.DIRECT);
      }
      case "1" -> {
        // below
      }
      default -> throw new AnchorwatchException(ErrorCode.PROBE_PROXY,
          "KDE's proxy setting (type " + type + ": a PAC script, auto-detection or environment names) is not reproducible by the probe");
    }
    if (Boolean.parseBoolean(s.getOrDefault("ReversedException", "false").trim())) {
      throw new AnchorwatchException(ErrorCode.PROBE_PROXY, "KDE's proxy exceptions are reversed, which the probe does not reproduce");
    }
    if (Bypass.suffixes(targetHost, List.of(s.getOrDefault("NoProxyFor", "").split(",")))) return Optional.of(ProxyRoute.DIRECT);
    for (String[] k : List.of(new String[] {"httpsProxy", "http"}, new String[] {"socksProxy", "socks5"})) {
      String v = s.getOrDefault(k[0], "").trim().replace(' ', ':'); // KDE writes "http://host port"
      if (!v.isEmpty()) return Optional.of(SystemProxy.parse(v, "KDE's " + k[0], k[1]));
    }
    return Optional.of(ProxyRoute.DIRECT);
  }

  /** $KDEHOME/share/config, else $XDG_CONFIG_HOME, else ~/.config (KDE 4 and later). */
  static Optional<Path> file(Map<String, String> env) {
    String kdehome = env.get("KDEHOME");
    if (kdehome != null && !kdehome.isBlank()) return Optional.of(Path.of(kdehome, "share", "config", "kioslaverc"));
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && xdg.startsWith("/")) return Optional.of(Path.of(xdg, "kioslaverc"));
    String home = env.get("HOME");
    return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, ".config", "kioslaverc"));
  }

  static Map<String, String> section(String ini, String name) {
    Map<String, String> out = new java.util.HashMap<>();
    boolean in = false;
    for (String raw : ini.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        in = line.equals("[" + name + "]");
      } else if (in && line.contains("=")) {
        String key = line.substring(0, line.indexOf('=')).trim();
        if (key.endsWith("[$e]")) key = key.substring(0, key.length() - 4);
        out.put(key, line.substring(line.indexOf('=') + 1));
      }
    }
    return out;
  }
}
