package org.anchorwatch.probe;

import static org.anchorwatch.probe.ProbeTargetTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TlsTestServer;
import org.junit.jupiter.api.Test;

/**
 * The probe's address rules at their range edges, the messages of its refusals, the proxy path's
 * failures and the recording trust manager. Every connection goes to 127.0.0.1; names under
 * .invalid fail without a query (RFC 6761), and IP literals are parsed, never looked up.
 */
class ProbeEdgesTest {
  private static InetAddress ip(String s) throws UnknownHostException {
    return InetAddress.getByName(s);
  }

  private static String message(ThrowingCall c, ErrorCode code) {
    try {
      c.run();
    } catch (AnchorwatchException e) {
      assertThat(e.code()).isEqualTo(code);
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected " + code);
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void publicAddressesAtTheEdgesOfEachSpecialRange() throws Exception {
    for (String s : List.of("100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0", "169.253.1.1", "169.255.0.1",
        "192.167.1.1", "192.169.0.1", "11.0.0.1", "1.1.1.1", "126.255.255.255", "128.0.0.1", "223.255.255.255",
        "9.255.255.255", "2001:db8::1", "fbff::1", "100::1")) {
      assertThat(AddressPolicy.isPublic(ip(s))).as(s).isTrue();
    }
    for (String s : List.of("100.64.0.0", "100.127.255.255", "172.16.0.0", "172.31.255.255", "169.254.0.1", "192.168.0.1",
        "10.0.0.0", "127.1.2.3", "0.0.0.1", "240.0.0.1", "255.255.255.254", "224.0.0.1", "::", "::1", "::8.8.8.8",
        "fc00::1", "fdff::1", "fe80::1", "fec0::1", "ff02::1")) {
      assertThat(AddressPolicy.isPublic(ip(s))).as(s).isFalse();
    }
  }

  @Test
  void restrictedPortsAtTheirEdges() throws Exception {
    for (int p : List.of(1, 21, 22, 6000, 10080)) assertCode(() -> AddressPolicy.checkPort(p), ErrorCode.PROBE_REFUSED);
    for (int p : List.of(443, 2, 10081, 8443, 6001)) AddressPolicy.checkPort(p);
    assertThat(message(() -> AddressPolicy.checkPort(25), ErrorCode.PROBE_REFUSED)).isEqualTo("port 25 is one browsers refuse to load pages from");
  }

  @Test
  void localhostNamesAndWhatARefusalSays() throws Exception {
    for (String n : List.of("localhost", "LOCALHOST", "localhost.", "app.localhost", "a.b.localhost.")) {
      assertThat(AddressPolicy.isLocalhostName(n)).as(n).isTrue();
    }
    for (String n : List.of("notlocalhost", "localhost.example", "localhostx")) assertThat(AddressPolicy.isLocalhostName(n)).as(n).isFalse();
    InetAddress[] priv = {ip("10.0.0.1")};
    assertThat(message(() -> AddressPolicy.allowed("a.example", priv, null), ErrorCode.PROBE_REFUSED))
        .isEqualTo("'a.example' resolves only to local, private or special addresses (and the browser's own address for the page is unknown)");
    assertThat(message(() -> AddressPolicy.allowed("a.example", priv, ip("10.0.0.2")), ErrorCode.PROBE_REFUSED))
        .isEqualTo("'a.example' resolves only to local, private or special addresses");
    assertThat(message(() -> AddressPolicy.allowed("localhost", new InetAddress[] {ip("10.0.0.1")}, null), ErrorCode.PROBE_REFUSED))
        .isEqualTo("'localhost' resolves only to non-loopback addresses");
    assertThat(AddressPolicy.allowed("a.example", priv, ip("10.0.0.1"))).containsExactly(ip("10.0.0.1"));
    // never a web server, even when it is the page's own address: broadcast, multicast, unspecified
    for (String s : List.of("255.255.255.255", "239.1.1.1", "0.0.0.0")) {
      assertCode(() -> AddressPolicy.allowed("a.example", new InetAddress[] {ip(s)}, ip(s)), ErrorCode.PROBE_REFUSED);
    }
    assertThat(AddressPolicy.allowed("a.example", new InetAddress[] {ip("255.255.255.255"), ip("1.1.1.1")}, null)).containsExactly(ip("1.1.1.1"));
    AddressPolicy.checkLiteral(ip("255.255.255.254"));
    AddressPolicy.checkLiteral(ip("255.255.254.255"));
    AddressPolicy.checkLiteral(ip("254.255.255.255"));
    AddressPolicy.checkLiteral(ip("255.254.255.255"));
    assertThat(message(() -> AddressPolicy.checkLiteral(ip("255.255.255.255")), ErrorCode.PROBE_REFUSED))
        .isEqualTo("255.255.255.255 cannot be a web server's address");
  }

  @Test
  void anIpLiteralThatCanNeverBeAServerIsRefusedWithoutConnecting() throws Exception {
    assertCode(() -> new ProbeService().fetch(ProbeTarget.of("224.0.0.1", 443, 1000)), ErrorCode.PROBE_REFUSED);
    assertCode(() -> new ProbeService().fetch(ProbeTarget.of("[ff02::1]", 443, 1000)), ErrorCode.PROBE_REFUSED);
  }

  @Test
  void proxyFailuresAreProbeProxyOrProbeTimeoutAndSayWhichProxy() throws Exception {
    ProbeTarget t = ProbeTarget.of("page.example", 443, 400);
    ProbePath unresolvable = new ProbePath(new ProxyRoute.HttpConnect("proxy.anchorwatch-test.invalid", 3128), null);
    assertThat(message(() -> new ProbeService().fetch(t, unresolvable), ErrorCode.PROBE_PROXY))
        .isEqualTo("the proxy 'proxy.anchorwatch-test.invalid' does not resolve");
    int closed = TlsTestServer.closedPort();
    ProbePath refused = new ProbePath(new ProxyRoute.Socks5("127.0.0.1", closed), null);
    assertThat(message(() -> new ProbeService().fetch(t, refused), ErrorCode.PROBE_PROXY)).startsWith("proxy 127.0.0.1:" + closed + ": ");
    try (TlsTestServer silent = TlsTestServer.silent()) {
      ProbePath stuck = new ProbePath(new ProxyRoute.HttpConnect("127.0.0.1", silent.port()), null);
      assertThat(message(() -> new ProbeService().fetch(t, stuck), ErrorCode.PROBE_TIMEOUT))
          .isEqualTo("page.example:443: no answer within 400 ms, waiting for the proxy 127.0.0.1:" + silent.port());
    }
  }

  @Test
  void aNameWhoseEveryAddressRefusesSaysSoForTheLastOne() throws Exception {
    int closed = TlsTestServer.closedPort();
    ProbeService s = new ProbeService(host -> new InetAddress[] {ip("::1"), ip("127.0.0.1")});
    assertThat(message(() -> s.fetch(ProbeTarget.of("localhost", closed, 1000)), ErrorCode.PROBE_FAILED))
        .isEqualTo("localhost:" + closed + " (127.0.0.1): connection refused");
  }

  @Test
  void theSystemResolverAnswersNothingUnderInvalid() {
    for (String n : List.of("invalid", "INVALID", "x.invalid", "x.invalid.")) {
      assertThatThrownBy(() -> Resolver.SYSTEM.resolve(n)).as(n).isInstanceOf(UnknownHostException.class).hasMessageContaining("RFC 6761");
    }
  }

  @Test
  void theRecordingTrustManagerRecordsAnyServerChainAndRefusesToActForAClient() throws Exception {
    RecordingTrustManager m = new RecordingTrustManager();
    assertThat(m.recorded()).isNull();
    X509Certificate cert = TestCerts.root("Recorder Root").cert();
    m.checkServerTrusted(new X509Certificate[] {cert}, "RSA");
    assertThat(m.recorded().der()).hasSize(1);
    assertThat(m.recorded().der().get(0)).isEqualTo(cert.getEncoded());
    assertThat(m.recorded().protocol()).isNull();
    m.checkServerTrusted(new X509Certificate[] {cert, cert}, "RSA", (javax.net.ssl.SSLEngine) null);
    assertThat(m.recorded().der()).hasSize(2);
    m.checkServerTrusted(new X509Certificate[] {cert}, "RSA", new java.net.Socket());
    assertThat(m.recorded().cipherSuite()).isNull();
    assertThat(m.getAcceptedIssuers()).isEmpty();
    X509Certificate[] chain = {cert};
    assertThatThrownBy(() -> m.checkClientTrusted(chain, "RSA")).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> m.checkClientTrusted(chain, "RSA", new java.net.Socket())).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> m.checkClientTrusted(chain, "RSA", (javax.net.ssl.SSLEngine) null)).isInstanceOf(CertificateException.class);
  }

  @Test
  void sniNamesDropTheTrailingDotAndIpLiteralsHaveNone() throws Exception {
    assertThat(ProbeTarget.of("a.example.", null, null).sniName()).isEqualTo("a.example");
    assertThat(ProbeTarget.of("a.example", null, null).sniName()).isEqualTo("a.example");
    assertThat(ProbeTarget.of("10.0.0.1", null, null).sniName()).isNull();
  }
}
