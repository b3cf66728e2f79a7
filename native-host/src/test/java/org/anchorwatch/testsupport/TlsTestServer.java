package org.anchorwatch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Local servers on 127.0.0.1, port 0, for probe tests: a TLS server presenting a given chain
 * (it records the SNI names clients sent), one that accepts TCP and never speaks, and one that
 * answers in plain text. Only ever binds the loopback address.
 */
public final class TlsTestServer implements AutoCloseable {
  public enum Mode { TLS, SILENT, PLAINTEXT }

  private final ServerSocket server;
  private final Mode mode;
  private final List<String> sniSeen = new CopyOnWriteArrayList<>();
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private TlsTestServer(ServerSocket server, Mode mode) {
    this.server = server;
    this.mode = mode;
    this.acceptor = new Thread(this::acceptLoop, "test-server-" + mode);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static TlsTestServer tls(KeyStore keyStore) {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, TestCerts.PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, loopback());
      return new TlsTestServer(s, Mode.TLS);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot start test TLS server", e);
    }
  }

  /** Accepts TCP connections and never answers: a handshake that never completes. */
  public static TlsTestServer silent() throws IOException {
    return new TlsTestServer(new ServerSocket(0, 50, loopback()), Mode.SILENT);
  }

  /** Answers any connection with a plain-text HTTP error and closes: not TLS at all. */
  public static TlsTestServer plaintext() throws IOException {
    return new TlsTestServer(new ServerSocket(0, 50, loopback()), Mode.PLAINTEXT);
  }

  /** A loopback port nothing listens on (bound, then released). */
  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, loopback())) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** SNI host names received, one entry per completed handshake ("" when none was sent). */
  public List<String> sniSeen() {
    return List.copyOf(sniSeen);
  }

  /** Waits (up to 5 s) until the server has completed {@code n} handshakes; the client may finish first. */
  public List<String> awaitHandshakes(int n) throws InterruptedException {
    long end = System.nanoTime() + 5_000_000_000L;
    while (sniSeen.size() < n && System.nanoTime() < end) Thread.sleep(10);
    return sniSeen();
  }

  /** Waits (up to 10 s) until {@code n} TCP connections were accepted; returns how many were. */
  public int awaitConnections(int n) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (accepted.size() < n && System.nanoTime() < end) Thread.sleep(10);
    return accepted.size();
  }

  private static InetAddress loopback() throws IOException {
    return InetAddress.getByName("127.0.0.1");
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        accepted.add(s);
        Thread t = new Thread(() -> serve(s), "test-server-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      switch (mode) {
        case SILENT -> {
          InputStream in = s.getInputStream();
          byte[] sink = new byte[4096];
          while (in.read(sink) >= 0) {
            // swallow the ClientHello and say nothing until the client gives up
          }
        }
        case PLAINTEXT -> {
          OutputStream out = s.getOutputStream();
          out.write("HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        case TLS -> {
          SSLSocket ssl = (SSLSocket) s;
          ssl.setSoTimeout(10_000);
          ssl.startHandshake();
          String sni = "";
          for (SNIServerName n : ((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames()) {
            if (n instanceof SNIHostName h) sni = h.getAsciiName();
          }
          sniSeen.add(sni);
          InputStream in = ssl.getInputStream();
          while (in.read() >= 0) {
            // drain until the client closes
          }
        }
      }
    } catch (IOException ignored) {
      // a client that hangs up mid-handshake is what some tests do
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : accepted) s.close();
  }
}
