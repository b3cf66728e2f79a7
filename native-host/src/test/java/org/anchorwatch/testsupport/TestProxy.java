package org.anchorwatch.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP CONNECT or SOCKS5 proxy for probe tests. It records the target each client
 * asked for and, whatever that target is, connects only to 127.0.0.1:upstreamPort (the test TLS
 * server): no test ever reaches another address. {@code refuse} answers every request with a
 * failure (HTTP 403 / SOCKS5 reply 2).
 */
public final class TestProxy implements AutoCloseable {
  public enum Kind { HTTP, SOCKS5 }

  private final ServerSocket server;
  private final Kind kind;
  private final int upstreamPort;
  private final boolean refuse;
  private final List<String> targets = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  public TestProxy(Kind kind, int upstreamPort, boolean refuse) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    this.kind = kind;
    this.upstreamPort = upstreamPort;
    this.refuse = refuse;
    Thread t = new Thread(this::acceptLoop, "test-proxy-" + kind);
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** "host:port" per request, exactly as the client sent the host (a name is never resolved here). */
  public List<String> targets() {
    return List.copyOf(targets);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket c = server.accept();
        open.add(c);
        Thread t = new Thread(() -> serve(c), "test-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket c) {
    try (c) {
      InputStream in = c.getInputStream();
      OutputStream out = c.getOutputStream();
      boolean go = kind == Kind.HTTP ? httpConnect(in, out) : socks5(new DataInputStream(in), out);
      if (!go) return;
      try (Socket up = new Socket(InetAddress.getByName("127.0.0.1"), upstreamPort)) {
        open.add(up);
        Thread pump = new Thread(() -> copy(up, c), "test-proxy-pump");
        pump.setDaemon(true);
        pump.start();
        copy(c, up);
      }
    } catch (IOException ignored) {
      // the probe closes after its handshake
    }
  }

  private boolean httpConnect(InputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      head.write(b);
      if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) break;
    }
    String[] line = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0].split(" ");
    if (line.length < 2 || !line[0].equals("CONNECT")) return false;
    targets.add(line[1]);
    String reply = refuse ? "HTTP/1.1 403 Forbidden\r\n\r\n" : "HTTP/1.1 200 Connection established\r\n\r\n";
    out.write(reply.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return !refuse;
  }

  private boolean socks5(DataInputStream in, OutputStream out) throws IOException {
    if (in.readUnsignedByte() != 5) return false;
    in.readNBytes(in.readUnsignedByte()); // offered methods
    out.write(new byte[] {5, 0});
    out.flush();
    byte[] req = in.readNBytes(4); // ver, cmd, rsv, atyp
    String host;
    if (req[3] == 3) host = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
    else host = InetAddress.getByAddress(in.readNBytes(req[3] == 1 ? 4 : 16)).getHostAddress() + " (resolved by the client)";
    int port = in.readUnsignedShort();
    targets.add(host + ":" + port);
    out.write(new byte[] {5, (byte) (refuse ? 2 : 0), 0, 1, 127, 0, 0, 1, 0, 0});
    out.flush();
    return !refuse;
  }

  private static void copy(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException ignored) {
      // one side closed
    } finally {
      try {
        to.shutdownOutput();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) s.close();
  }
}
