package org.anchorwatch.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Opens a tunnel to host:port over a socket already connected to the proxy: HTTP CONNECT
 * (RFC 9110 section 9.3.6) or SOCKS5 without authentication (RFC 1928), the target always sent
 * as a name so that the proxy resolves it. The socket's read timeout bounds every wait here.
 */
final class ProxyTunnel {
  private static final int MAX_RESPONSE_HEAD = 8192;

  private ProxyTunnel() {}

  static void open(Socket s, ProxyRoute.Via route, String host, int port) throws IOException, AnchorwatchException {
    if (route instanceof ProxyRoute.HttpConnect p) connect(s, host, port, p);
    else socks5(s, host, port, (ProxyRoute.Socks5) route);
  }

  private static void connect(Socket s, String host, int port, ProxyRoute.HttpConnect p) throws IOException, AnchorwatchException {
    String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    OutputStream out = s.getOutputStream();
    out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String head = readHead(s.getInputStream());
    String status = head.lines().findFirst().orElse("");
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].startsWith("2")) {
      throw proxy("HTTP proxy " + p.host() + ":" + p.port() + " refused CONNECT " + authority + ": " + (status.isEmpty() ? "(no answer)" : status));
    }
  }

  /** The response head up to the blank line, byte by byte: nothing of the TLS stream after it is consumed. */
  private static String readHead(InputStream in) throws IOException, AnchorwatchException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      head.write(b);
      if (head.size() > MAX_RESPONSE_HEAD) throw proxy("HTTP proxy sent an over-long response head");
      if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) break;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void socks5(Socket s, String host, int port, ProxyRoute.Socks5 p) throws IOException, AnchorwatchException {
    String where = "SOCKS5 proxy " + p.host() + ":" + p.port();
    byte[] name = host.getBytes(StandardCharsets.US_ASCII);
    if (name.length > 255) throw proxy("host name too long for SOCKS5");
    OutputStream out = s.getOutputStream();
    InputStream in = s.getInputStream();
    out.write(new byte[] {5, 1, 0}); // version 5, one method: no authentication
    out.flush();
    byte[] choice = readN(in, 2, where);
    if (choice[0] != 5 || choice[1] != 0) throw proxy(where + " wants authentication or is not SOCKS5 (method " + (choice[1] & 0xff) + ")");
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    req.write(new byte[] {5, 1, 0, 3, (byte) name.length}); // CONNECT, domain name
    req.write(name);
    req.write(new byte[] {(byte) (port >> 8), (byte) port});
    out.write(req.toByteArray());
    out.flush();
    byte[] reply = readN(in, 4, where);
    if (reply[0] != 5 || reply[1] != 0) throw proxy(where + " refused CONNECT " + host + ":" + port + " (reply " + (reply[1] & 0xff) + ")");
    int addrLen = switch (reply[3]) {
      case 1 -> 4;
      case 4 -> 16;
      case 3 -> readN(in, 1, where)[0] & 0xff;
      default -> throw proxy(where + " sent an unknown address type " + reply[3]);
    };
    readN(in, addrLen + 2, where); // bound address and port: not needed
  }

  private static byte[] readN(InputStream in, int n, String where) throws IOException, AnchorwatchException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) throw proxy(where + " closed the connection during the SOCKS5 exchange");
    return b;
  }

  private static AnchorwatchException proxy(String message) {
    return new AnchorwatchException(ErrorCode.PROBE_PROXY, message);
  }
}
