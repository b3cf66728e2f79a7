package org.anchorwatch.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The person's proxy for https as command-line tools read it (https_proxy / HTTPS_PROXY, with
 * no_proxy exceptions); without those, the JVM's own selector (https.proxyHost, or the desktop's
 * settings with java.net.useSystemProxies). The JDK client ignores the variables by itself.
 */
public final class EnvProxy extends ProxySelector {
  private final InetSocketAddress proxy;
  private final List<String> noProxy;

  private EnvProxy(InetSocketAddress proxy, List<String> noProxy) {
    this.proxy = proxy;
    this.noProxy = noProxy;
  }

  public static ProxySelector selector(Map<String, String> env) {
    String v = first(env, "https_proxy", "HTTPS_PROXY");
    ProxySelector fallback = ProxySelector.getDefault();
    if (v == null) return fallback != null ? fallback : ProxySelector.of(null);
    URI u = URI.create(v.contains("://") ? v : "http://" + v);
    int port = u.getPort() > 0 ? u.getPort() : 8080;
    String np = first(env, "no_proxy", "NO_PROXY");
    List<String> exceptions = np == null ? List.of()
        : List.of(np.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).stream().filter(s -> !s.isEmpty()).toList();
    return new EnvProxy(InetSocketAddress.createUnresolved(u.getHost(), port), exceptions);
  }

  @Override
  public List<Proxy> select(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    for (String n : noProxy) {
      String suffix = n.startsWith(".") ? n : "." + n;
      if (n.equals("*") || host.equals(n.replaceFirst("^\\.", "")) || host.endsWith(suffix)) return List.of(Proxy.NO_PROXY);
    }
    return List.of(new Proxy(Proxy.Type.HTTP, proxy));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // nothing to fall back to: the person chose this proxy
  }

  private static String first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) return v.trim();
    }
    return null;
  }
}
