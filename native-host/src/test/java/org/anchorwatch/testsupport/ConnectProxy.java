package org.anchorwatch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HTTP CONNECT proxy on loopback that records the targets it tunnelled to. */
public final class ConnectProxy implements AutoCloseable {
  private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
  private final List<String> tunnels = new CopyOnWriteArrayList<>();

  public ConnectProxy() throws IOException {
    Thread t = new Thread(this::acceptLoop, "connect-proxy");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<String> tunnels() {
    return List.copyOf(tunnels);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> tunnel(client), "connect-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void tunnel(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      String[] first = head.split("\r\n", 2)[0].split(" ");
      if (first.length < 2 || !first[0].equals("CONNECT")) return;
      String target = first[1];
      int colon = target.lastIndexOf(':');
      try (Socket upstream = new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))) {
        tunnels.add(target);
        OutputStream out = client.getOutputStream();
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread back = new Thread(() -> pipe(upstreamIn(upstream), out));
        back.setDaemon(true);
        back.start();
        pipe(in, upstream.getOutputStream());
        back.join(5_000);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // connection over
    }
  }

  private static InputStream upstreamIn(Socket s) {
    try {
      return s.getInputStream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void pipe(InputStream in, OutputStream out) {
    byte[] buf = new byte[16384];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) break;
      sb.append((char) c);
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
