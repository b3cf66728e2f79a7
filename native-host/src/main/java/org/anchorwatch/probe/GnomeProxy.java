package org.anchorwatch.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * The GNOME-family proxy setting (GSettings schema org.gnome.system.proxy), read the way
 * Chromium's SettingGetterImplGSettings does: "none" is a valid direct configuration; "auto" is a
 * PAC script or WPAD (refused: not reproducible); "manual" uses the https proxy for https pages,
 * else SOCKS (a SOCKS proxy alone serves every scheme); the http proxy never serves https ("enabled"
 * and "use-same-proxy" are ignored, as Chromium ignores them); ignore-hosts bypasses. Read with the real gsettings tool of
 * this user's session, so the answer comes from the same dconf database the browser reads. A
 * missing schema means no GSettings configuration: the environment applies (empty result).
 */
final class GnomeProxy {
  static final Path GSETTINGS = Path.of("/usr/bin/gsettings");
  private static final String SCHEMA = "org.gnome.system.proxy";

  private GnomeProxy() {}

  static Optional<ProxyRoute> route(String targetHost, Map<String, String> env, Path gsettings) throws AnchorwatchException {
    Map<String, String> s = read(env, gsettings);
    if (s == null) return Optional.empty();
    String mode = text(s.get(SCHEMA + " mode"));
    switch (mode) {
      case "none" -> {
        return Optional.of(ProxyRoute.DIRECT);
      }
      case "auto" -> throw new AnchorwatchException(ErrorCode.PROBE_PROXY,
          "the desktop's proxy setting is automatic (a PAC script or auto-detection), which the probe cannot reproduce");
      case "manual" -> {
        // falls through to the rules below
      }
      default -> {
        return Optional.empty(); // an unrecognised mode is no configuration: the environment applies
      }
    }
    Optional<String> https = server(s, "https");
    Optional<String> socks = server(s, "socks");
    Optional<String> http = server(s, "http");
    Optional<String> ftp = server(s, "ftp");
    long specified = List.of(https, socks, http, ftp).stream().filter(Optional::isPresent).count();
    if (specified == 0) return Optional.empty(); // manual without a usable rule: the environment applies
    Boolean bypass = Bypass.patterns(targetHost, list(s.get(SCHEMA + " ignore-hosts")));
    if (bypass == null) {
      throw new AnchorwatchException(ErrorCode.PROBE_PROXY, "the desktop's proxy exceptions use a form the probe does not evaluate");
    }
    if (bypass) return Optional.of(ProxyRoute.DIRECT);
    if (socks.isPresent() && specified == 1) return Optional.of(SystemProxy.parse(socks.get(), "the desktop's SOCKS proxy", "socks5"));
    if (https.isPresent()) return Optional.of(SystemProxy.parse(https.get(), "the desktop's HTTPS proxy", "http"));
    if (socks.isPresent()) return Optional.of(SystemProxy.parse(socks.get(), "the desktop's SOCKS proxy", "socks5"));
    return Optional.of(ProxyRoute.DIRECT); // per-scheme rules with none for https and no fallback: https goes direct
  }

  private static Optional<String> server(Map<String, String> s, String child) {
    String host = text(s.get(SCHEMA + "." + child + " host"));
    if (host.isEmpty()) return Optional.empty();
    String port = s.getOrDefault(SCHEMA + "." + child + " port", "0").trim();
    return Optional.of(port.equals("0") ? host : host + ":" + port);
  }

  /**
   * Every key of the schema and its children in one call; null when this session has no such
   * schema. A gsettings that cannot be run or does not answer leaves the setting unknown.
   */
  static Map<String, String> read(Map<String, String> env, Path gsettings) throws AnchorwatchException {
    if (!Files.isExecutable(gsettings)) {
      throw new AnchorwatchException(ErrorCode.PROBE_PROXY, "the desktop keeps the proxy setting in GSettings and " + gsettings + " is missing");
    }
    try {
      ProcessBuilder pb = new ProcessBuilder(gsettings.toString(), "list-recursively", SCHEMA).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      byte[] out = p.getInputStream().readNBytes(64 * 1024);
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AnchorwatchException(ErrorCode.PROBE_PROXY, "gsettings did not answer");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        if (text.contains("No such schema")) return null;
        throw new AnchorwatchException(ErrorCode.PROBE_PROXY, "gsettings failed: " + text.strip());
      }
      Map<String, String> m = new HashMap<>();
      for (String line : text.split("\n")) {
        String[] f = line.split(" ", 3);
        if (f.length == 3) m.put(f[0] + " " + f[1], f[2]);
      }
      return m;
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.PROBE_PROXY, "cannot run gsettings: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AnchorwatchException(ErrorCode.PROBE_PROXY, "interrupted reading the desktop's proxy setting");
    }
  }

  /** A GVariant string as gsettings prints it ('value', with \' and \\ escapes); "" for anything else. */
  static String text(String gvariant) {
    if (gvariant == null) return "";
    String v = gvariant.trim();
    if (v.length() < 2 || !(v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) return "";
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < v.length() - 1; i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length() - 1) c = v.charAt(++i);
      sb.append(c);
    }
    return sb.toString();
  }

  /** A GVariant string array as gsettings prints it (['a', 'b'] or @as []). */
  static List<String> list(String gvariant) {
    List<String> out = new ArrayList<>();
    if (gvariant == null) return out;
    String v = gvariant.trim();
    int i = v.indexOf('[');
    while (i >= 0 && i < v.length()) {
      int start = -1;
      char quote = 0;
      for (int j = i; j < v.length(); j++) {
        char c = v.charAt(j);
        if (start < 0 && (c == '\'' || c == '"')) {
          start = j;
          quote = c;
        } else if (start >= 0 && c == '\\') {
          j++;
        } else if (start >= 0 && c == quote) {
          out.add(text(v.substring(start, j + 1)));
          i = j + 1;
          start = -2;
          break;
        }
      }
      if (start != -2) break;
    }
    return out;
  }
}
