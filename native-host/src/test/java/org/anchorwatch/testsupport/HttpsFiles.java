package org.anchorwatch.testsupport;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A local HTTPS server with a certificate from a CA generated per run: routes answer a body, a
 * status, or a redirect. {@link #clientTls()} and {@link #writeTrustStore} give clients that CA.
 */
public final class HttpsFiles implements AutoCloseable {
  public record Route(int status, byte[] body, String location, boolean chunked) {}

  private final TestCerts.Issued ca = TestCerts.root("CN=Anchorwatch Test Update CA");
  private final HttpsServer server;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  public HttpsFiles() throws Exception {
    TestCerts.Issued leaf = TestCerts.leaf("CN=localhost", ca, "localhost", "127.0.0.1");
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(TestCerts.keyStore(leaf, ca.cert()), TestCerts.PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", ex -> {
      Route r = routes.get(ex.getRequestURI().getPath());
      try (ex) {
        if (r == null) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        if (r.location() != null) ex.getResponseHeaders().add("Location", r.location());
        byte[] body = r.body() == null ? new byte[0] : r.body();
        ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : r.chunked() ? 0 : body.length);
        if (body.length > 0) {
          try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
          } catch (IOException e) {
            // the client stopped reading at its cap
          }
        }
      }
    });
    server.start();
  }

  public HttpsFiles serve(String path, byte[] body) {
    routes.put(path, new Route(200, body, null, false));
    return this;
  }

  public HttpsFiles serveChunked(String path, byte[] body) {
    routes.put(path, new Route(200, body, null, true));
    return this;
  }

  public HttpsFiles redirect(String path, String location) {
    routes.put(path, new Route(302, null, location, false));
    return this;
  }

  public URI uri(String path) {
    return URI.create("https://localhost:" + server.getAddress().getPort() + path);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** A client TLS context trusting only the generated CA. */
  public SSLContext clientTls() throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trustStore());
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(null, tmf.getTrustManagers(), null);
    return c;
  }

  /** The CA as a PKCS12 trust store (password {@link TestCerts#PASSWORD}) for -Djavax.net.ssl.trustStore. */
  public Path writeTrustStore(Path file) throws Exception {
    try (OutputStream o = Files.newOutputStream(file)) {
      trustStore().store(o, TestCerts.PASSWORD);
    }
    return file;
  }

  private KeyStore trustStore() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", ca.cert());
    return ks;
  }

  public List<String> paths() {
    return List.copyOf(routes.keySet());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
