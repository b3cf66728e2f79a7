package org.anchorwatch.probe;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Chromium's "system" proxy mode on Linux, as far as the host can reproduce it: the environment
 * the browser passed on (https_proxy, all_proxy, no_proxy; the host inherits the browser's
 * environment). A desktop session may instead keep the setting in GNOME or KDE configuration the
 * host does not read: then the route is unknown and the probe refuses rather than guess.
 */
public final class SystemProxy {
  private SystemProxy() {}

  /** Variables Chromium's Linux proxy config service reads, in its order of preference for https. */
  static final List<String> PROXY_VARS = List.of("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY");
  /** Set in desktop sessions whose own proxy settings override the environment. */
  static final List<String> DESKTOP_VARS = List.of("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "GNOME_DESKTOP_SESSION_ID", "KDE_FULL_SESSION");

  public static ProxyRoute route(String targetHost, Map<String, String> env) throws AnchorwatchException {
    for (String v : PROXY_VARS) {
      String value = env.get(v);
      if (value != null && !value.isBlank()) return bypassed(targetHost, env) ? ProxyRoute.DIRECT : parse(value.trim(), v);
    }
    for (String v : DESKTOP_VARS) {
      if (env.get(v) != null && !env.get(v).isBlank()) {
        throw new AnchorwatchException(ErrorCode.PROBE_PROXY,
            "the browser uses the system proxy settings of the desktop (" + v + "), which the host cannot read");
      }
    }
    return ProxyRoute.DIRECT;
  }

  /** "http://host:port", "socks5://host:port", "socks5h://...", or a bare "host:port" (HTTP). */
  static ProxyRoute parse(String value, String var) throws AnchorwatchException {
    URI u;
    try {
      u = URI.create(value.contains("://") ? value : "http://" + value);
    } catch (IllegalArgumentException e) {
      throw new AnchorwatchException(ErrorCode.PROBE_PROXY, var + " is not a proxy URL");
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    if (u.getHost() == null) throw new AnchorwatchException(ErrorCode.PROBE_PROXY, var + " names no proxy host");
    return switch (scheme) {
      case "http" -> new ProxyRoute.HttpConnect(u.getHost(), u.getPort() > 0 ? u.getPort() : 80);
      case "socks5", "socks5h" -> new ProxyRoute.Socks5(u.getHost(), u.getPort() > 0 ? u.getPort() : 1080);
      default -> throw new AnchorwatchException(ErrorCode.PROBE_PROXY,
          var + " uses a " + scheme + " proxy, which the probe cannot reproduce");
    };
  }

  /** no_proxy: "*", or comma-separated host suffixes (".example.com" and "example.com" both match subdomains). */
  static boolean bypassed(String host, Map<String, String> env) {
    String list = env.getOrDefault("no_proxy", env.get("NO_PROXY"));
    if (list == null) return false;
    String h = host.toLowerCase(Locale.ROOT);
    for (String raw : list.split(",")) {
      String e = raw.trim().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) continue;
      if (e.equals("*")) return true;
      String bare = e.startsWith(".") ? e.substring(1) : e;
      if (h.equals(bare) || h.endsWith("." + bare)) return true;
    }
    return false;
  }
}
