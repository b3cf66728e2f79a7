package org.anchorwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The person's https proxy from the environment, as curl and wget read it. */
class EnvProxyTest {
  private static Proxy only(ProxySelector s, String url) {
    List<Proxy> l = s.select(URI.create(url));
    assertThat(l).hasSize(1);
    return l.get(0);
  }

  private static void via(ProxySelector s, String url, String host, int port) {
    Proxy p = only(s, url);
    assertThat(p.type()).as(url).isEqualTo(Proxy.Type.HTTP);
    InetSocketAddress a = (InetSocketAddress) p.address();
    assertThat(a.isUnresolved()).isTrue(); // the proxy resolves names, not this machine's DNS
    assertThat(a.getHostString()).isEqualTo(host);
    assertThat(a.getPort()).isEqualTo(port);
  }

  @Test
  void withoutTheVariablesTheJvmSelectorDecides() {
    assertThat(EnvProxy.selector(Map.of())).isSameAs(ProxySelector.getDefault()).isNotNull();
    assertThat(EnvProxy.selector(Map.of("https_proxy", "  "))).isNotInstanceOf(EnvProxy.class);
    assertThat(EnvProxy.selector(Map.of("http_proxy", "http://p:1"))).isNotInstanceOf(EnvProxy.class);
  }

  @Test
  void httpsProxyInEitherCaseWithOrWithoutSchemeAndPort() {
    via(EnvProxy.selector(Map.of("https_proxy", "http://proxy.corp:3128/")), "https://a.example/x", "proxy.corp", 3128);
    via(EnvProxy.selector(Map.of("HTTPS_PROXY", " proxy.corp:3129 ")), "https://a.example/x", "proxy.corp", 3129);
    via(EnvProxy.selector(Map.of("https_proxy", "http://proxy.corp")), "https://a.example/x", "proxy.corp", 8080);
    // the lower-case variable wins, as in curl; a blank one does not count
    via(EnvProxy.selector(Map.of("https_proxy", "low:1", "HTTPS_PROXY", "up:2")), "https://a.example/", "low", 1);
    via(EnvProxy.selector(Map.of("https_proxy", "", "HTTPS_PROXY", "up:2")), "https://a.example/", "up", 2);
  }

  @Test
  void noProxyExceptionsGoDirect() {
    ProxySelector s = EnvProxy.selector(Map.of("https_proxy", "p:1", "NO_PROXY", " .Example.com , internal,,"));
    assertThat(only(s, "https://example.com/")).isEqualTo(Proxy.NO_PROXY);
    assertThat(only(s, "https://a.b.EXAMPLE.com/")).isEqualTo(Proxy.NO_PROXY);
    assertThat(only(s, "https://internal/")).isEqualTo(Proxy.NO_PROXY);
    assertThat(only(s, "https://host.internal/")).isEqualTo(Proxy.NO_PROXY);
    via(s, "https://notinternal/", "p", 1);
    via(s, "https://example.com.evil.test/", "p", 1);
    via(s, "https://badexample.com/", "p", 1);

    ProxySelector all = EnvProxy.selector(Map.of("https_proxy", "p:1", "no_proxy", "*"));
    assertThat(only(all, "https://anything.test/")).isEqualTo(Proxy.NO_PROXY);
    ProxySelector none = EnvProxy.selector(Map.of("https_proxy", "p:1"));
    via(none, "https://anything.test/", "p", 1);
  }
}
