package org.anchorwatch.probe;

import static org.anchorwatch.probe.ProbeTargetTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.anchorwatch.testsupport.TestProxy;
import org.anchorwatch.testsupport.TlsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a probe may go and how: through the browser's proxy without any lookup of its own, or
 * directly to an address that was checked. Every server and proxy here is on 127.0.0.1.
 */
class ProbeRoutesTest {
  static TlsTestServer server;

  @BeforeAll
  static void start() {
    Issued root = TestCerts.root("Routes Test Root");
    Issued leaf = TestCerts.leaf("localhost", root, "localhost", "127.0.0.1");
    server = TlsTestServer.tls(TestCerts.keyStore(leaf, root.cert()));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** A resolver that counts its lookups and answers every name with the given addresses. */
  private static final class FixedResolver implements Resolver {
    final AtomicInteger lookups = new AtomicInteger();
    final InetAddress[] answer;

    FixedResolver(String... addresses) throws Exception {
      answer = new InetAddress[addresses.length];
      for (int i = 0; i < addresses.length; i++) answer[i] = InetAddress.getByName(addresses[i]);
    }

    @Override
    public InetAddress[] resolve(String host) {
      lookups.incrementAndGet();
      return answer.clone();
    }
  }

  @Test
  void theProxySeesTheNameAndTheHostResolvesNothing() throws Exception {
    for (TestProxy.Kind kind : TestProxy.Kind.values()) {
      try (TestProxy proxy = new TestProxy(kind, server.port(), false)) {
        FixedResolver resolver = new FixedResolver("127.0.0.1");
        ProxyRoute route = kind == TestProxy.Kind.HTTP ? new ProxyRoute.HttpConnect("127.0.0.1", proxy.port())
            : new ProxyRoute.Socks5("127.0.0.1", proxy.port());
        // a name under .invalid cannot resolve locally: the chain can only have come through the proxy
        PresentedChain chain = new ProbeService(resolver).fetch(ProbeTarget.of("page.anchorwatch-test.invalid", 8443, 4000),
            new ProbePath(route, null));
        assertThat(chain.der()).hasSize(2);
        assertThat(proxy.targets()).as(kind.name()).containsExactly("page.anchorwatch-test.invalid:8443");
        assertThat(resolver.lookups.get()).as("only the proxy's own address (a literal) is looked up").isEqualTo(1);
      }
    }
  }

  @Test
  void aProxyThatRefusesIsProbeProxy() throws Exception {
    for (TestProxy.Kind kind : TestProxy.Kind.values()) {
      try (TestProxy proxy = new TestProxy(kind, server.port(), true)) {
        ProxyRoute route = kind == TestProxy.Kind.HTTP ? new ProxyRoute.HttpConnect("127.0.0.1", proxy.port())
            : new ProxyRoute.Socks5("127.0.0.1", proxy.port());
        assertCode(() -> new ProbeService().fetch(ProbeTarget.of("example.invalid", 443, 4000), new ProbePath(route, null)),
            ErrorCode.PROBE_PROXY);
      }
    }
  }

  @Test
  void aNameThatResolvesToAPrivateAddressIsRefusedUnlessTheBrowserConnectedThere() throws Exception {
    FixedResolver rebinding = new FixedResolver("127.0.0.1");
    ProbeService service = new ProbeService(rebinding);
    ProbeTarget t = ProbeTarget.of("rebind.example", server.port(), 4000);
    assertCode(() -> service.fetch(t), ErrorCode.PROBE_REFUSED);
    assertCode(() -> service.fetch(t, new ProbePath(ProxyRoute.DIRECT, InetAddress.getByName("10.1.2.3"))), ErrorCode.PROBE_REFUSED);
    // the page itself is on 127.0.0.1 (the browser said so): that one address is allowed
    PresentedChain chain = service.fetch(t, new ProbePath(ProxyRoute.DIRECT, InetAddress.getByName("127.0.0.1")));
    assertThat(chain.der()).hasSize(2);
    assertThat(rebinding.lookups.get()).as("one lookup per probe, and the checked answer is what is connected to").isEqualTo(3);
  }

  @Test
  void addressRules() throws Exception {
    InetAddress[] mixed = {InetAddress.getByName("10.0.0.7"), InetAddress.getByName("93.184.215.14"),
        InetAddress.getByName("169.254.169.254"), InetAddress.getByName("fd00::1"), InetAddress.getByName("2606:2800:21f:cb07::1")};
    assertThat(AddressPolicy.allowed("example.com", mixed, null)).extracting(InetAddress::getHostAddress)
        .containsExactly("93.184.215.14", "2606:2800:21f:cb07:0:0:0:1");
    assertThat(AddressPolicy.allowed("localhost", new InetAddress[] {InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1")}, null))
        .hasSize(2);
    assertCode(() -> AddressPolicy.allowed("app.localhost", new InetAddress[] {InetAddress.getByName("93.184.215.14")}, null),
        ErrorCode.PROBE_REFUSED);
    for (String s : List.of("100.64.0.1", "172.16.0.1", "192.168.1.1", "0.1.2.3", "fe80::1", "::ffff:10.0.0.1")) {
      assertThat(AddressPolicy.isPublic(InetAddress.getByName(s))).as(s).isFalse();
    }
    // IP literals are the page's own address: private and link-local pass, multicast and unspecified never do
    AddressPolicy.checkLiteral(InetAddress.getByName("192.168.1.1"));
    AddressPolicy.checkLiteral(InetAddress.getByName("169.254.169.254"));
    for (String s : List.of("224.0.0.1", "0.0.0.0", "::", "ff02::1", "255.255.255.255")) {
      assertCode(() -> AddressPolicy.checkLiteral(InetAddress.getByName(s)), ErrorCode.PROBE_REFUSED);
    }
  }

  @Test
  void portsBrowsersRefuseAreNeverProbed() throws Exception {
    FixedResolver resolver = new FixedResolver("93.184.215.14");
    for (int port : List.of(22, 25, 6667)) {
      assertCode(() -> new ProbeService(resolver).fetch(ProbeTarget.of("example.com", port, 2000)), ErrorCode.PROBE_REFUSED);
    }
    assertThat(resolver.lookups.get()).as("refused before any lookup").isZero();
  }

  @Test
  void systemModeFollowsTheEnvironmentTheBrowserPassedOn() throws Exception {
    assertThat(SystemProxy.route("example.com", Map.of())).isEqualTo(ProxyRoute.DIRECT);
    assertThat(SystemProxy.route("example.com", Map.of("https_proxy", "http://127.0.0.1:3128")))
        .isEqualTo(new ProxyRoute.HttpConnect("127.0.0.1", 3128));
    assertThat(SystemProxy.route("example.com", Map.of("ALL_PROXY", "socks5h://127.0.0.1:9050")))
        .isEqualTo(new ProxyRoute.Socks5("127.0.0.1", 9050));
    assertThat(SystemProxy.route("intranet.example.com", Map.of("https_proxy", "127.0.0.1:3128", "no_proxy", "localhost,.example.com")))
        .isEqualTo(ProxyRoute.DIRECT);
    // a GNOME session whose GSettings cannot be read: unknown, refused (GnomeProxyTest reads real ones)
    assertCode(() -> SystemProxy.route("example.com", Map.of("XDG_CURRENT_DESKTOP", "GNOME"), Path.of("/nonexistent/gsettings")), ErrorCode.PROBE_PROXY);
    assertCode(() -> SystemProxy.route("example.com", Map.of("https_proxy", "https://proxy.example:443")), ErrorCode.PROBE_PROXY);
  }
}
