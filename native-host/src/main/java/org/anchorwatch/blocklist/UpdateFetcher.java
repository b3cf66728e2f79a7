package org.anchorwatch.blocklist;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.anchorwatch.config.EnvProxy;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Downloads an update over https only: the JDK client with the JDK's default trust (on Debian
 * /etc/ssl/certs/java/cacerts, made from the system store), the person's proxy, at most
 * {@link #MAX_REDIRECTS} redirects (never to plain http), and no more than the size cap read.
 * TLS only protects the download; what makes the file trusted is its signature.
 */
public final class UpdateFetcher {
  public static final int MAX_REDIRECTS = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client;

  UpdateFetcher(HttpClient client) {
    this.client = client;
  }

  /** The client a person's command uses: default trust, proxy from https_proxy/no_proxy or the JVM's ProxySelector. */
  public static UpdateFetcher forEnvironment(Map<String, String> env) {
    return new UpdateFetcher(builder(EnvProxy.selector(env)).build());
  }

  /** Tests: a client that trusts their generated CA. */
  static UpdateFetcher withTls(SSLContext tls, ProxySelector proxy) {
    return new UpdateFetcher(builder(proxy).sslContext(tls).build());
  }

  private static HttpClient.Builder builder(ProxySelector proxy) {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).proxy(proxy).connectTimeout(Duration.ofSeconds(15));
  }

  public byte[] fetch(URI uri) throws AnchorwatchException {
    URI at = uri;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!"https".equalsIgnoreCase(at.getScheme())) throw failed("only https URLs are fetched, not " + at);
      HttpResponse<InputStream> r;
      try {
        r = client.send(HttpRequest.newBuilder(at).timeout(TIMEOUT).header("Accept", "application/json").GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        throw failed(at + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failed("interrupted");
      }
      try (InputStream body = r.body()) {
        int s = r.statusCode();
        if (s >= 300 && s < 400) {
          Optional<String> loc = r.headers().firstValue("Location");
          if (loc.isEmpty()) throw failed(at + " answered " + s + " without a Location");
          at = at.resolve(loc.get());
          continue;
        }
        if (s != 200) throw failed(at + " answered HTTP " + s);
        long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > SignedDocument.MAX_BYTES) throw tooLarge(at);
        byte[] bytes = body.readNBytes(SignedDocument.MAX_BYTES + 1);
        if (bytes.length > SignedDocument.MAX_BYTES) throw tooLarge(at);
        return bytes;
      } catch (IOException e) {
        throw failed(at + ": " + e);
      }
    }
    throw failed("more than " + MAX_REDIRECTS + " redirects from " + uri);
  }

  private static AnchorwatchException tooLarge(URI at) {
    return new AnchorwatchException(ErrorCode.UPDATE_TOO_LARGE, at + " is larger than " + SignedDocument.MAX_BYTES + " bytes");
  }

  private static AnchorwatchException failed(String why) {
    return new AnchorwatchException(ErrorCode.UPDATE_FETCH_FAILED, why);
  }
}
