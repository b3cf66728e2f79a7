package org.anchorwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The proxy handshakes byte for byte against a scripted peer on 127.0.0.1: what the probe sends,
 * each answer it refuses and why, and that nothing of the tunnelled stream after the proxy's
 * answer is consumed.
 */
class ProxyTunnelTest {
  private static final ProxyRoute.HttpConnect HTTP = new ProxyRoute.HttpConnect("127.0.0.1", 3128);
  private static final ProxyRoute.Socks5 SOCKS = new ProxyRoute.Socks5("127.0.0.1", 1080);

  /** A loopback peer that reads what the client sends (until it closes its output) after writing {@code answer}. */
  private static final class Peer implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    final CompletableFuture<byte[]> received = new CompletableFuture<>();
    final Socket client;

    Peer(byte[] answer) throws IOException {
      Thread t = new Thread(() -> {
        try (Socket s = server.accept()) {
          s.getOutputStream().write(answer);
          s.getOutputStream().flush();
          s.shutdownOutput();
          received.complete(s.getInputStream().readAllBytes());
        } catch (IOException e) {
          received.completeExceptionally(e);
        }
      }, "proxy-tunnel-peer");
      t.setDaemon(true);
      t.start();
      client = new Socket(InetAddress.getByName("127.0.0.1"), server.getLocalPort());
      client.setSoTimeout(5000);
    }

    /** Everything the client sent, once it closed its side. */
    byte[] sent() throws Exception {
      client.shutdownOutput();
      return received.get(10, TimeUnit.SECONDS);
    }

    /** What is left for the TLS handshake after the proxy exchange. */
    String rest() throws IOException {
      return new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      client.close();
      server.close();
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  private static void refused(Peer p, ProxyRoute.Via route, String host, String message) {
    assertThatThrownBy(() -> ProxyTunnel.open(p.client, route, host, 443)).isInstanceOfSatisfying(AnchorwatchException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.PROBE_PROXY);
      assertThat(e.getMessage()).isEqualTo(message);
    });
  }

  @Test
  void httpConnectSendsTheAuthorityTwiceAndLeavesTheTlsBytesUnread() throws Exception {
    try (Peer p = new Peer(ascii("HTTP/1.0 200 Connection established\r\nVia: x\r\n\r\nTLS-BYTES"))) {
      ProxyTunnel.open(p.client, HTTP, "page.example", 8443);
      assertThat(p.rest()).isEqualTo("TLS-BYTES");
      assertThat(new String(p.sent(), StandardCharsets.US_ASCII))
          .isEqualTo("CONNECT page.example:8443 HTTP/1.1\r\nHost: page.example:8443\r\n\r\n");
    }
    try (Peer p = new Peer(ascii("HTTP/1.1 204 No Content\r\n\r\n"))) {
      ProxyTunnel.open(p.client, HTTP, "2001:db8::1", 443);
      assertThat(new String(p.sent(), StandardCharsets.US_ASCII)).startsWith("CONNECT [2001:db8::1]:443 HTTP/1.1\r\nHost: [2001:db8::1]:443\r\n");
    }
  }

  @Test
  void httpAnswersThatAreNotASuccessAreRefusedWithTheStatusLine() throws Exception {
    try (Peer p = new Peer(ascii("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n"))) {
      refused(p, HTTP, "a.example", "HTTP proxy 127.0.0.1:3128 refused CONNECT a.example:443: HTTP/1.1 407 Proxy Authentication Required");
    }
    try (Peer p = new Peer(ascii("SSH-2.0-OpenSSH 200\r\n\r\n"))) {
      refused(p, HTTP, "a.example", "HTTP proxy 127.0.0.1:3128 refused CONNECT a.example:443: SSH-2.0-OpenSSH 200");
    }
    try (Peer p = new Peer(ascii("HTTP/1.1\r\n\r\n"))) {
      refused(p, HTTP, "a.example", "HTTP proxy 127.0.0.1:3128 refused CONNECT a.example:443: HTTP/1.1");
    }
    try (Peer p = new Peer(new byte[0])) {
      refused(p, HTTP, "a.example", "HTTP proxy 127.0.0.1:3128 refused CONNECT a.example:443: (no answer)");
    }
  }

  @Test
  void anOverLongResponseHeadIsRefusedAfter8192Bytes() throws Exception {
    byte[] head = ascii("HTTP/1.1 200 OK\r\nX: " + "a".repeat(8192));
    try (Peer p = new Peer(head)) {
      refused(p, HTTP, "a.example", "HTTP proxy sent an over-long response head");
    }
    byte[] justFits = ascii("HTTP/1.1 200 OK\r\nX: " + "a".repeat(8192 - 24) + "\r\n\r\n");
    assertThat(justFits).hasSize(8192);
    try (Peer p = new Peer(justFits)) {
      ProxyTunnel.open(p.client, HTTP, "a.example", 443);
    }
  }

  @Test
  void socks5SendsNoAuthenticationThenTheNameAndPortAndSkipsTheBoundAddress() throws Exception {
    byte[] ipv4 = {5, 0, 0, 1, 10, 0, 0, 1, 0x1f, (byte) 0x90};
    byte[] ipv6 = concat(new byte[] {5, 0, 0, 4}, new byte[16], new byte[] {0, 80});
    byte[] name = concat(new byte[] {5, 0, 0, 3, 5}, ascii("proxy"), new byte[] {0, 80});
    for (byte[] reply : new byte[][] {ipv4, ipv6, name}) {
      try (Peer p = new Peer(concat(new byte[] {5, 0}, reply, ascii("TLS")))) {
        ProxyTunnel.open(p.client, SOCKS, "page.example", 0x1bb);
        assertThat(p.rest()).as("reply type %d", reply[3]).isEqualTo("TLS");
        byte[] want = concat(new byte[] {5, 1, 0}, new byte[] {5, 1, 0, 3, 12}, ascii("page.example"), new byte[] {1, (byte) 0xbb});
        assertThat(p.sent()).isEqualTo(want);
      }
    }
  }

  @Test
  void socks5RefusalsSayWhatWentWrong() throws Exception {
    String where = "SOCKS5 proxy 127.0.0.1:1080";
    try (Peer p = new Peer(new byte[] {5, 2})) {
      refused(p, SOCKS, "a.example", where + " wants authentication or is not SOCKS5 (method 2)");
    }
    try (Peer p = new Peer(new byte[] {4, 0})) {
      refused(p, SOCKS, "a.example", where + " wants authentication or is not SOCKS5 (method 0)");
    }
    try (Peer p = new Peer(new byte[] {5, (byte) 0xff})) {
      refused(p, SOCKS, "a.example", where + " wants authentication or is not SOCKS5 (method 255)");
    }
    try (Peer p = new Peer(new byte[] {5, 0, 5, 5, 0, 1})) {
      refused(p, SOCKS, "a.example", where + " refused CONNECT a.example:443 (reply 5)");
    }
    try (Peer p = new Peer(new byte[] {5, 0, 4, 0, 0, 1})) {
      refused(p, SOCKS, "a.example", where + " refused CONNECT a.example:443 (reply 0)");
    }
    try (Peer p = new Peer(new byte[] {5, 0, 5, 0, 0, 9})) {
      refused(p, SOCKS, "a.example", where + " sent an unknown address type 9");
    }
    try (Peer p = new Peer(new byte[] {5, 0, 5, 0, 0, 1, 10, 0})) {
      refused(p, SOCKS, "a.example", where + " closed the connection during the SOCKS5 exchange");
    }
    try (Peer p = new Peer(new byte[] {5})) {
      refused(p, SOCKS, "a.example", where + " closed the connection during the SOCKS5 exchange");
    }
  }

  @Test
  void aNameTooLongForSocks5IsRefusedBeforeAnythingIsSent() throws Exception {
    try (Peer p = new Peer(new byte[0])) {
      refused(p, SOCKS, "a".repeat(256), "host name too long for SOCKS5");
      assertThat(p.sent()).isEmpty();
    }
    String longest = "a".repeat(255);
    byte[] reply = {5, 0, 5, 0, 0, 1, 0, 0, 0, 0, 0, 0};
    try (Peer p = new Peer(reply)) {
      ProxyTunnel.open(p.client, SOCKS, longest, 443);
      byte[] sent = p.sent();
      assertThat(sent[7] & 0xff).isEqualTo(255);
      assertThat(Arrays.copyOfRange(sent, 8, 8 + 255)).isEqualTo(ascii(longest));
    }
  }

}
