package org.anchorwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of Chromium's "system" proxy mode that GnomeProxyTest leaves out: every desktop
 * marker, where KDE keeps kioslaverc and each of its modes, the environment's order of variables
 * and their spellings, proxy URL forms, and the bypass patterns. Real files under a temp home.
 */
class DesktopProxyTest {
  @TempDir Path home;

  private static void refused(ThrowingRoute r, String message) {
    assertThatThrownBy(r::get).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.PROBE_PROXY);
      assertThat(e.getMessage()).isEqualTo(message);
    });
  }

  @FunctionalInterface
  interface ThrowingRoute {
    Object get() throws AnchorwatchException;
  }

  @Test
  void everyDesktopMarkerChromiumKnows() {
    for (String d : List.of("GNOME", "Unity", "X-Cinnamon", "Pantheon", "Deepin", "UKUI")) {
      assertThat(SystemProxy.desktop(Map.of("XDG_CURRENT_DESKTOP", d))).as(d).isEqualTo(SystemProxy.Desktop.GSETTINGS);
    }
    assertThat(SystemProxy.desktop(Map.of("XDG_CURRENT_DESKTOP", "LXQt", "DESKTOP_SESSION", "gnome"))).isEqualTo(SystemProxy.Desktop.NONE);
    assertThat(SystemProxy.desktop(Map.of("XDG_CURRENT_DESKTOP", "Sway: KDE"))).isEqualTo(SystemProxy.Desktop.KDE);
    for (String s : List.of("gnome", "MATE", "deepin")) {
      assertThat(SystemProxy.desktop(Map.of("DESKTOP_SESSION", s))).as(s).isEqualTo(SystemProxy.Desktop.GSETTINGS);
    }
    assertThat(SystemProxy.desktop(Map.of("DESKTOP_SESSION", "kde-plasma"))).isEqualTo(SystemProxy.Desktop.KDE);
    for (String s : List.of("xubuntu", "xfce4", "lxde-xfce")) {
      assertThat(SystemProxy.desktop(Map.of("DESKTOP_SESSION", s, "KDE_FULL_SESSION", "true"))).as(s).isEqualTo(SystemProxy.Desktop.NONE);
    }
    assertThat(SystemProxy.desktop(Map.of("DESKTOP_SESSION", "sway", "KDE_FULL_SESSION", "true"))).isEqualTo(SystemProxy.Desktop.KDE);
    assertThat(SystemProxy.desktop(Map.of("XDG_CURRENT_DESKTOP", "Hyprland"))).isEqualTo(SystemProxy.Desktop.NONE);
  }

  @Test
  void kioslavercIsFoundUnderKdehomeThenAnAbsoluteXdgConfigHomeThenHome() {
    assertThat(KdeProxy.file(Map.of("KDEHOME", "/k", "XDG_CONFIG_HOME", "/x", "HOME", "/h"))).contains(Path.of("/k/share/config/kioslaverc"));
    assertThat(KdeProxy.file(Map.of("KDEHOME", " ", "XDG_CONFIG_HOME", "/x", "HOME", "/h"))).contains(Path.of("/x/kioslaverc"));
    assertThat(KdeProxy.file(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/h"))).contains(Path.of("/h/.config/kioslaverc"));
    assertThat(KdeProxy.file(Map.of("HOME", " "))).isEmpty();
    assertThat(KdeProxy.file(Map.of())).isEmpty();
  }

  private Map<String, String> kde(String kioslaverc) throws Exception {
    Path dir = Files.createDirectories(home.resolve(".config"));
    if (kioslaverc != null) Files.writeString(dir.resolve("kioslaverc"), kioslaverc);
    return new HashMap<>(Map.of("XDG_CURRENT_DESKTOP", "KDE", "HOME", home.toString(), "https_proxy", "http://env.example:1"));
  }

  @Test
  void kdeModes() throws Exception {
    assertThat(SystemProxy.route("a.example", kde(null))).as("no file: the environment").isEqualTo(new ProxyRoute.HttpConnect("env.example", 1));
    assertThat(SystemProxy.route("a.example", kde("[Proxy Settings]\nNoProxyFor=x\n"))).as("no type: the environment")
        .isEqualTo(new ProxyRoute.HttpConnect("env.example", 1));
    assertThat(SystemProxy.route("a.example", kde("[Proxy Settings]\nProxyType=0\n"))).isEqualTo(ProxyRoute.DIRECT);
    assertThat(SystemProxy.route("a.example", kde("[Proxy Settings]\nProxyType=1\n"))).as("manual without a proxy").isEqualTo(ProxyRoute.DIRECT);
    assertThat(SystemProxy.route("a.example", kde("[Proxy Settings]\nProxyType=1\nsocksProxy=socks://127.0.0.1 1080\n")))
        .isEqualTo(new ProxyRoute.Socks5("127.0.0.1", 1080));
    assertThat(SystemProxy.route("a.example", kde("[Proxy Settings]\nProxyType=1\nhttpsProxy=p.example:8080\nsocksProxy=s:1\n")))
        .isEqualTo(new ProxyRoute.HttpConnect("p.example", 8080));
    assertThat(SystemProxy.route("a.example", kde("[Proxy Settings]\nProxyType=1\nReversedException=false\nhttpsProxy[$e]=http://p 3\n")))
        .isEqualTo(new ProxyRoute.HttpConnect("p", 3));
    assertThat(SystemProxy.route("a.example", kde("[Other]\nProxyType=1\n[Proxy Settings]\n  ProxyType = 0\n[More]\nProxyType=1\n")))
        .isEqualTo(ProxyRoute.DIRECT);
    Map<String, String> reversed = kde("[Proxy Settings]\nProxyType=1\nReversedException=true\nhttpsProxy=p:1\n");
    refused(() -> SystemProxy.route("a.example", reversed),
        "KDE's proxy exceptions are reversed, which the probe does not reproduce");
    for (String type : List.of("2", "3", "4")) {
      Map<String, String> env = kde("[Proxy Settings]\nProxyType=" + type + "\n");
      refused(() -> SystemProxy.route("a.example", env),
          "KDE's proxy setting (type " + type + ": a PAC script, auto-detection or environment names) is not reproducible by the probe");
    }
  }

  @Test
  void anUnreadableKioslavercIsRefused() throws Exception {
    Map<String, String> env = kde(null);
    Files.createDirectories(home.resolve(".config/kioslaverc"));
    assertThatThrownBy(() -> SystemProxy.route("a.example", env)).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.PROBE_PROXY);
      assertThat(e.getMessage()).startsWith("cannot read " + home.resolve(".config/kioslaverc"));
    });
  }

  @Test
  void theEnvironmentInChromiumsOrderWithEitherSpelling() throws Exception {
    assertThat(SystemProxy.fromEnvironment("a", Map.of("all_proxy", "http://all:1", "https_proxy", "http://https:2")))
        .isEqualTo(new ProxyRoute.HttpConnect("all", 1));
    assertThat(SystemProxy.fromEnvironment("a", Map.of("all_proxy", " ", "HTTPS_PROXY", "https2:2"))).isEqualTo(new ProxyRoute.HttpConnect("https2", 2));
    assertThat(SystemProxy.fromEnvironment("a", Map.of("SOCKS_SERVER", "s:5", "socks_version", "5"))).isEqualTo(new ProxyRoute.Socks5("s", 5));
    assertThat(SystemProxy.fromEnvironment("a", Map.of("socks_server", "s"))).isEqualTo(new ProxyRoute.Socks5("s", 1080));
    assertThat(SystemProxy.fromEnvironment("a.corp", Map.of("SOCKS_SERVER", "s:5", "NO_PROXY", "corp"))).isEqualTo(ProxyRoute.DIRECT);
    assertThat(SystemProxy.fromEnvironment("a.corp", Map.of("all_proxy", "p:1", "no_proxy", "*"))).isEqualTo(ProxyRoute.DIRECT);
    assertThat(SystemProxy.fromEnvironment("a.example", Map.of("all_proxy", "p:1", "no_proxy", "corp"))).isEqualTo(new ProxyRoute.HttpConnect("p", 1));
    refused(() -> SystemProxy.fromEnvironment("a", Map.of("SOCKS_SERVER", "s:5", "SOCKS_VERSION", "4")),
        "SOCKS_VERSION=4 names a SOCKS4 proxy, which the probe cannot reproduce");
    assertThat(SystemProxy.fromEnvironment("a", Map.of("http_proxy", "http://only-http:1"))).isEqualTo(ProxyRoute.DIRECT);
  }

  @Test
  void proxyUrlsDefaultPortsAndWhatCannotBeReproduced() throws Exception {
    assertThat(SystemProxy.parse("http://p", "v")).isEqualTo(new ProxyRoute.HttpConnect("p", 80));
    assertThat(SystemProxy.parse("HTTP://p:81", "v")).isEqualTo(new ProxyRoute.HttpConnect("p", 81));
    assertThat(SystemProxy.parse("socks5h://s", "v")).isEqualTo(new ProxyRoute.Socks5("s", 1080));
    assertThat(SystemProxy.parse("socks://s:9", "v")).isEqualTo(new ProxyRoute.Socks5("s", 9));
    refused(() -> SystemProxy.parse("http://under_score:1", "all_proxy"), "all_proxy names no proxy host");
    refused(() -> SystemProxy.parse("http://a b:1", "all_proxy"), "all_proxy is not a proxy URL");
    refused(() -> SystemProxy.parse("http://", "all_proxy"), "all_proxy is not a proxy URL");
    refused(() -> SystemProxy.parse("socks4://s:1", "all_proxy"), "all_proxy uses a socks4 proxy, which the probe cannot reproduce");
  }

  @Test
  void bypassSuffixesAndPatterns() {
    assertThat(Bypass.suffixes("a.Example.COM", List.of(" *.example.com "))).isTrue();
    assertThat(Bypass.suffixes("example.com", List.of(".example.com"))).isTrue();
    assertThat(Bypass.suffixes("badexample.com", List.of("example.com"))).isFalse();
    assertThat(Bypass.suffixes("x", List.of("", " "))).isFalse();
    assertThat(Bypass.patterns("[::1]", List.of("::1"))).isTrue();
    assertThat(Bypass.patterns("host.example", List.of("*.example:443"))).isTrue();
    assertThat(Bypass.patterns("host.example", List.of("*.example:80"))).isFalse();
    assertThat(Bypass.patterns("host.example", List.of(".example"))).isTrue();
    assertThat(Bypass.patterns("host.example", List.of("h*.example"))).isTrue();
    assertThat(Bypass.patterns("host.example", List.of("x*.example"))).isFalse();
    assertThat(Bypass.patterns("[2001:db8::5]", List.of("[2001:db8::5]:443"))).isTrue();
    assertThat(Bypass.patterns("10.1.2.3", List.of("10.0.0.0/8"))).isTrue();
    assertThat(Bypass.patterns("11.1.2.3", List.of("10.0.0.0/8"))).isFalse();
    assertThat(Bypass.patterns("10.1.2.3", List.of("10.1.2.2/32"))).isFalse();
    assertThat(Bypass.patterns("10.1.2.3", List.of("10.1.2.2/31"))).isTrue();
    assertThat(Bypass.patterns("2001:db8::1", List.of("[2001:db8::]/32"))).isTrue();
    assertThat(Bypass.patterns("10.1.2.3", List.of("2001:db8::/32"))).isFalse();
    assertThat(Bypass.patterns("intranet.corp", List.of("10.0.0.0/8"))).isFalse();
    assertThat(Bypass.patterns("10.1.2.3", List.of("10.0.0.0/33"))).isNull();
    assertThat(Bypass.patterns("10.1.2.3", List.of("10.0.0.0/x"))).isNull();
    assertThat(Bypass.patterns("10.1.2.3", List.of("name/8"))).isNull();
    assertThat(Bypass.patterns("10.1.2.3", List.of("<local>"))).isFalse();
    assertThat(Bypass.patterns("intranet", List.of("", "<local>"))).isTrue();
    assertThat(Bypass.literal("1.2.3")).isNull();
    assertThat(Bypass.literal("999.1.1.1")).isNull();
  }
}
