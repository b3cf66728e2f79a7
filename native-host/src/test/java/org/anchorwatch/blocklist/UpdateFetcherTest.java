package org.anchorwatch.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.anchorwatch.config.EnvProxy;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.ConnectProxy;
import org.anchorwatch.testsupport.HttpsFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `blocklist update URL` against a local HTTPS server whose certificate comes from a CA generated per run. */
class UpdateFetcherTest {
  @TempDir Path dir;
  HttpsFiles server;
  UpdateFetcher fetcher;

  @BeforeEach
  void setUp() throws Exception {
    server = new HttpsFiles();
    fetcher = UpdateFetcher.withTls(server.clientTls(), ProxySelector.of(null));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void aServedUpdateIsFetchedAndInstalled() throws Exception {
    byte[] doc = TestSigning.signed(5, "test-a");
    server.serve("/list.signed", doc).redirect("/latest", "/list.signed");
    BlocklistUpdates updates = TestSigning.updates(new BlocklistUpdates.Locations(dir.resolve("m/b.signed"), dir.resolve("u/b.signed")), Clock.systemUTC());

    byte[] got = fetcher.fetch(server.uri("/latest"));

    assertThat(got).isEqualTo(doc);
    updates.install(got, BlocklistUpdates.Scope.USER);
    assertThat(updates.current().sequence()).isEqualTo(5);
    assertThat(Files.readAllBytes(dir.resolve("u/b.signed"))).isEqualTo(doc);
  }

  @Test
  void redirectsAreLimitedAndNeverDowngradeToHttp() throws Exception {
    server.serve("/end", TestSigning.signed(5, "test-a"))
        .redirect("/r1", "/r2").redirect("/r2", "/r3").redirect("/r3", "/end") // 3 hops: allowed
        .redirect("/r0", "/r1") // 4 hops: refused
        .redirect("/plain", "http://localhost:" + server.port() + "/end");
    assertThat(fetcher.fetch(server.uri("/r1"))).isNotEmpty();
    assertCode(() -> fetcher.fetch(server.uri("/r0")), ErrorCode.UPDATE_FETCH_FAILED);
    assertCode(() -> fetcher.fetch(server.uri("/plain")), ErrorCode.UPDATE_FETCH_FAILED);
    assertCode(() -> fetcher.fetch(server.uri("/missing")), ErrorCode.UPDATE_FETCH_FAILED);
  }

  @Test
  void downloadsPastTheCapAreRefusedWithOrWithoutAContentLength() throws Exception {
    byte[] big = new byte[SignedDocument.MAX_BYTES + 100];
    Arrays.fill(big, (byte) 'x');
    server.serve("/big", big).serveChunked("/big-chunked", big);
    assertCode(() -> fetcher.fetch(server.uri("/big")), ErrorCode.UPDATE_TOO_LARGE);
    assertCode(() -> fetcher.fetch(server.uri("/big-chunked")), ErrorCode.UPDATE_TOO_LARGE);
  }

  @Test
  void aServerTheSystemTrustStoreDoesNotKnowIsRefused() throws Exception {
    server.serve("/list.signed", TestSigning.signed(5, "test-a"));
    UpdateFetcher systemTrust = UpdateFetcher.forEnvironment(Map.of());
    assertCode(() -> systemTrust.fetch(server.uri("/list.signed")), ErrorCode.UPDATE_FETCH_FAILED);
  }

  @Test
  void thePersonsHttpsProxyIsUsedAndNoProxyExemptsHosts() throws Exception {
    byte[] doc = TestSigning.signed(5, "test-a");
    server.serve("/list.signed", doc);
    try (ConnectProxy proxy = new ConnectProxy()) {
      ProxySelector viaProxy = EnvProxy.selector(Map.of("https_proxy", "http://127.0.0.1:" + proxy.port()));
      assertThat(UpdateFetcher.withTls(server.clientTls(), viaProxy).fetch(server.uri("/list.signed"))).isEqualTo(doc);
      assertThat(proxy.tunnels()).containsExactly("localhost:" + server.port());

      ProxySelector exempt = EnvProxy.selector(Map.of("HTTPS_PROXY", "127.0.0.1:" + proxy.port(), "no_proxy", "example.org, localhost"));
      assertThat(UpdateFetcher.withTls(server.clientTls(), exempt).fetch(server.uri("/list.signed"))).isEqualTo(doc);
      assertThat(proxy.tunnels()).hasSize(1);
    }
  }

  private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable c, ErrorCode code) {
    assertThatThrownBy(c).isInstanceOf(AnchorwatchException.class).extracting(e -> ((AnchorwatchException) e).code()).isEqualTo(code);
  }
}
