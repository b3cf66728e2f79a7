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
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop's proxy setting, read as Chromium reads it: GNOME through the real gsettings tool
 * (GLib's keyfile backend stands in for the session's dconf database, same schema, same tool),
 * KDE from a real kioslaverc, and the environment where the desktop has no setting.
 */
class GnomeProxyTest {
  @TempDir Path home;
  Map<String, String> env;

  @BeforeEach
  void setUp() {
    env = new HashMap<>(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString(),
        "GSETTINGS_BACKEND", "keyfile", "XDG_CURRENT_DESKTOP", "ubuntu:GNOME"));
  }

  private void gnome(String keyfile) throws Exception {
    Path f = Files.createDirectories(home.resolve(".config/glib-2.0/settings")).resolve("keyfile");
    Files.writeString(f, keyfile);
  }

  private ProxyRoute route(String host) throws AnchorwatchException {
    return SystemProxy.route(host, env, GnomeProxy.GSETTINGS);
  }

  private void assertRefused(String host, String why) {
    assertThatThrownBy(() -> route(host)).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.PROBE_PROXY);
      assertThat(e.getMessage()).contains(why);
    });
  }

  @Test
  void manualModeUsesTheHttpsProxyAndTheIgnoreHostsAndWinsOverTheEnvironment() throws Exception {
    Tools.onPath("gsettings").orElseThrow(() -> new AssertionError("gsettings (libglib2.0-bin): scripts/ensure-test-deps.sh"));
    gnome("[system/proxy]\nmode='manual'\nignore-hosts=['localhost', '*.corp.example', '10.0.0.1']\n\n"
        + "[system/proxy/https]\nhost='proxy.example'\nport=3128\n\n[system/proxy/http]\nhost='other.example'\nport=8080\n");
    env.put("https_proxy", "http://gnome-terminal-helpfully-set-this:1"); // ignored: the setting wins, as in Chromium
    assertThat(route("news.example")).isEqualTo(new ProxyRoute.HttpConnect("proxy.example", 3128));
    assertThat(route("wiki.corp.example")).isEqualTo(ProxyRoute.DIRECT);
    assertThat(route("10.0.0.1")).isEqualTo(ProxyRoute.DIRECT);
  }

  @Test
  void aLoneSocksProxyServesHttpsAndAnHttpOnlyRuleLeavesHttpsDirect() throws Exception {
    gnome("[system/proxy]\nmode='manual'\n\n[system/proxy/socks]\nhost='127.0.0.1'\nport=9050\n");
    assertThat(route("example.com")).isEqualTo(new ProxyRoute.Socks5("127.0.0.1", 9050));
    gnome("[system/proxy]\nmode='manual'\n\n[system/proxy/http]\nhost='web.example'\nport=8080\n");
    assertThat(route("example.com")).isEqualTo(ProxyRoute.DIRECT);
  }

  @Test
  void noneIsDirectEvenWithProxyVariablesAndAutoIsRefused() throws Exception {
    gnome("[system/proxy]\nmode='none'\n");
    env.put("all_proxy", "socks5://127.0.0.1:1");
    assertThat(route("example.com")).isEqualTo(ProxyRoute.DIRECT);
    gnome("[system/proxy]\nmode='auto'\nautoconfig-url='http://wpad/wpad.dat'\n");
    assertRefused("example.com", "automatic");
  }

  @Test
  void manualWithoutARuleFallsBackToTheEnvironmentAndUnevaluatedExceptionsAreRefused() throws Exception {
    gnome("[system/proxy]\nmode='manual'\n");
    env.put("HTTPS_PROXY", "127.0.0.1:3128");
    assertThat(route("example.com")).isEqualTo(new ProxyRoute.HttpConnect("127.0.0.1", 3128));
    gnome("[system/proxy]\nmode='manual'\nignore-hosts=['192.168.0.0/16', '<local>']\n\n[system/proxy/https]\nhost='p'\nport=1\n");
    assertThat(route("192.168.4.2")).isEqualTo(ProxyRoute.DIRECT);
    assertThat(route("intranet")).isEqualTo(ProxyRoute.DIRECT);
    assertThat(route("192.169.0.1")).isEqualTo(new ProxyRoute.HttpConnect("p", 1));
    gnome("[system/proxy]\nmode='manual'\nignore-hosts=['192.168.0.0/99']\n\n[system/proxy/https]\nhost='p'\nport=1\n");
    assertRefused("example.com", "does not evaluate");
  }

  @Test
  void kdeReadsKioslavercAndRefusesWhatItCannotReproduce() throws Exception {
    env.put("XDG_CURRENT_DESKTOP", "KDE");
    Path rc = Files.createDirectories(home.resolve(".config")).resolve("kioslaverc");
    assertThat(route("example.com")).isEqualTo(ProxyRoute.DIRECT); // no kioslaverc, no variables
    Files.writeString(rc, "[Proxy Settings]\nProxyType=1\nhttpsProxy=http://kde-proxy.example 3128\nNoProxyFor=.lan,localhost\n");
    assertThat(route("example.com")).isEqualTo(new ProxyRoute.HttpConnect("kde-proxy.example", 3128));
    assertThat(route("printer.lan")).isEqualTo(ProxyRoute.DIRECT);
    Files.writeString(rc, "[Proxy Settings]\nProxyType=2\nProxy Config Script=http://wpad/wpad.dat\n");
    assertRefused("example.com", "not reproducible");
  }

  @Test
  void desktopsAreRecognisedAsChromiumRecognisesThem() {
    assertThat(SystemProxy.desktop(Map.of("XDG_CURRENT_DESKTOP", "X-Cinnamon"))).isEqualTo(SystemProxy.Desktop.GSETTINGS);
    assertThat(SystemProxy.desktop(Map.of("XDG_CURRENT_DESKTOP", "KDE"))).isEqualTo(SystemProxy.Desktop.KDE);
    assertThat(SystemProxy.desktop(Map.of("XDG_CURRENT_DESKTOP", "XFCE"))).isEqualTo(SystemProxy.Desktop.NONE);
    assertThat(SystemProxy.desktop(Map.of("DESKTOP_SESSION", "plasma"))).isEqualTo(SystemProxy.Desktop.KDE);
    assertThat(SystemProxy.desktop(Map.of("GNOME_DESKTOP_SESSION_ID", "this-is-deprecated"))).isEqualTo(SystemProxy.Desktop.GSETTINGS);
    assertThat(SystemProxy.desktop(Map.of())).isEqualTo(SystemProxy.Desktop.NONE);
  }

  @Test
  void gvariantTextIsUnquotedAndListsSplit() {
    assertThat(GnomeProxy.text("'it\\'s'")).isEqualTo("it's");
    assertThat(GnomeProxy.list("['a', 'b\\'c', \"d\"]")).isEqualTo(List.of("a", "b'c", "d"));
    assertThat(GnomeProxy.list("@as []")).isEmpty();
  }
}
