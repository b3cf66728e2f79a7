package org.anchorwatch.probe;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Chromium's "system" proxy mode on Linux, reproduced as its ProxyConfigServiceLinux does it
 * (net/proxy_resolution/proxy_config_service_linux.cc): the desktop decides where the setting
 * lives. GNOME-family desktops keep it in GSettings ({@link GnomeProxy}, which wins over the
 * environment: gnome-terminal sets http_proxy even in "auto" mode), KDE in kioslaverc
 * ({@link KdeProxy}); when the desktop has no setting (or it cannot be read as a configuration)
 * the environment the browser passed on applies: all_proxy, then https_proxy, then SOCKS_SERVER,
 * with no_proxy. A configuration the host cannot reproduce (PAC, WPAD, KDE's indirect modes)
 * refuses with PROBE_PROXY rather than guess: a guessed route could leak.
 */
public final class SystemProxy {
  private SystemProxy() {}

  /** Where a desktop keeps the proxy setting Chromium follows. */
  enum Desktop { GSETTINGS, KDE, NONE }

  public static ProxyRoute route(String targetHost, Map<String, String> env) throws AnchorwatchException {
    return route(targetHost, env, GnomeProxy.GSETTINGS);
  }

  static ProxyRoute route(String targetHost, Map<String, String> env, Path gsettings) throws AnchorwatchException {
    Optional<ProxyRoute> fromDesktop = switch (desktop(env)) {
      case GSETTINGS -> GnomeProxy.route(targetHost, env, gsettings);
      case KDE -> KdeProxy.route(targetHost, env);
      case NONE -> Optional.empty();
    };
    return fromDesktop.isPresent() ? fromDesktop.get() : fromEnvironment(targetHost, env);
  }

  /**
   * base::nix::GetDesktopEnvironment, reduced to what proxy configuration needs: XDG_CURRENT_DESKTOP
   * tokens first, then DESKTOP_SESSION, then the old GNOME/KDE session markers.
   */
  static Desktop desktop(Map<String, String> env) {
    String current = env.getOrDefault("XDG_CURRENT_DESKTOP", "");
    for (String token : current.split(":")) {
      switch (token.trim()) {
        case "GNOME", "Unity", "X-Cinnamon", "Pantheon", "Deepin", "UKUI" -> {
          return Desktop.GSETTINGS;
        }
        case "KDE" -> {
          return Desktop.KDE;
        }
        case "XFCE", "LXQt" -> {
          return Desktop.NONE;
        }
        default -> {
          // next token
        }
      }
    }
    String session = env.getOrDefault("DESKTOP_SESSION", "").toLowerCase(Locale.ROOT);
    if (session.equals("gnome") || session.equals("mate") || session.equals("deepin")) return Desktop.GSETTINGS;
    if (session.startsWith("kde") || session.equals("plasma")) return Desktop.KDE;
    if (session.startsWith("xubuntu") || session.contains("xfce")) return Desktop.NONE;
    if (env.containsKey("GNOME_DESKTOP_SESSION_ID")) return Desktop.GSETTINGS;
    if (env.containsKey("KDE_FULL_SESSION")) return Desktop.KDE;
    return Desktop.NONE;
  }

  /** Chromium's GetConfigFromEnv for an https URL: all_proxy, https_proxy, SOCKS_SERVER; no_proxy suffixes. */
  static ProxyRoute fromEnvironment(String targetHost, Map<String, String> env) throws AnchorwatchException {
    for (String v : List.of("all_proxy", "https_proxy")) {
      Optional<String> value = var(env, v);
      if (value.isPresent()) return bypassed(targetHost, env) ? ProxyRoute.DIRECT : parse(value.get(), v, "http");
    }
    Optional<String> socks = var(env, "SOCKS_SERVER");
    if (socks.isPresent()) {
      if ("4".equals(env.get("SOCKS_VERSION"))) {
        throw new AnchorwatchException(ErrorCode.PROBE_PROXY, "SOCKS_VERSION=4 names a SOCKS4 proxy, which the probe cannot reproduce");
      }
      return bypassed(targetHost, env) ? ProxyRoute.DIRECT : parse(socks.get(), "SOCKS_SERVER", "socks5");
    }
    return ProxyRoute.DIRECT;
  }

  /** base::Environment::GetVar: the name as given, else in the other case. */
  private static Optional<String> var(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      String other = name.equals(name.toLowerCase(Locale.ROOT)) ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
      v = env.get(other);
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** "http://host:port", "socks5://host:port", "socks5h://...", or a bare "host:port" in the default scheme. */
  static ProxyRoute parse(String value, String var, String defaultScheme) throws AnchorwatchException {
    URI u;
    try {
      u = URI.create(value.contains("://") ? value : defaultScheme + "://" + value);
    } catch (IllegalArgumentException e) {
      throw new AnchorwatchException(ErrorCode.PROBE_PROXY, var + " is not a proxy URL");
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    if (u.getHost() == null) throw new AnchorwatchException(ErrorCode.PROBE_PROXY, var + " names no proxy host");
    return switch (scheme) {
      case "http" -> new ProxyRoute.HttpConnect(u.getHost(), u.getPort() > 0 ? u.getPort() : 80);
      case "socks5", "socks5h", "socks" -> new ProxyRoute.Socks5(u.getHost(), u.getPort() > 0 ? u.getPort() : 1080);
      default -> throw new AnchorwatchException(ErrorCode.PROBE_PROXY,
          var + " uses a " + scheme + " proxy, which the probe cannot reproduce");
    };
  }

  static ProxyRoute parse(String value, String var) throws AnchorwatchException {
    return parse(value, var, "http");
  }

  /** no_proxy: "*", or comma-separated host suffixes (".example.com" and "example.com" both match subdomains). */
  static boolean bypassed(String host, Map<String, String> env) {
    return var(env, "no_proxy").map(list -> Bypass.suffixes(host, List.of(list.split(",")))).orElse(false);
  }
}
