package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TlsTestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar, as a person and then a browser would use it: `install --user` into a temporary
 * HOME, then start the launcher the manifest names with Firefox's argv (manifest path, add-on id)
 * and talk native messaging over its pipes. Runs after `package` (failsafe), -Danchorwatch.jar.
 */
class InstallAndLaunchIT {
  static final String ADDON = "anchorwatch@anchorwatch.org";
  final ObjectMapper mapper = new ObjectMapper();
  @TempDir Path tmp;
  Path jar;
  Path home;

  @BeforeEach
  void setUp() throws Exception {
    String p = System.getProperty("anchorwatch.jar");
    assertThat(p).as("system property anchorwatch.jar (set by failsafe)").isNotNull();
    jar = Path.of(p);
    assertThat(jar).isRegularFile();
    home = Files.createDirectories(tmp.resolve("home"));
    // keep the host's background scan off this machine's stores: nothing under test depends on it
    Path config = Files.createDirectories(home.resolve(".config/anchorwatch"));
    Files.writeString(config.resolve("host.json"), "{\"defaultStores\": false}");
  }

  @Test
  void installThenFirefoxStyleLaunchAnswersHelloAndProbe() throws Exception {
    Result install = cli("install", "--user", "--home", home.toString(), "--browser", "firefox", "--json");
    assertThat(install.exit()).as(install.err()).isZero();
    JsonNode report = mapper.readTree(install.out());
    Path manifest = Path.of(report.get("manifests").get(0).get("path").asText());
    assertThat(manifest).isEqualTo(home.resolve(".mozilla/native-messaging-hosts/org.anchorwatch.host.json"));
    JsonNode m = mapper.readTree(manifest.toFile());
    Path launcher = Path.of(m.get("path").asText());
    assertThat(launcher).isAbsolute().isExecutable().endsWith(Path.of("installer/anchorwatch"));
    assertThat(m.get("allowed_extensions").get(0).asText()).isEqualTo(ADDON);

    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), manifest.toString(), ADDON);
    isolate(pb.environment());
    pb.redirectError(tmp.resolve("host.stderr").toFile());
    Process host = pb.start();
    try (TlsTestServer server = TlsTestServer.tls(tlsChain())) {
      OutputStream toHost = host.getOutputStream();
      DataInputStream fromHost = new DataInputStream(host.getInputStream());

      send(toHost, "{\"id\":1,\"type\":\"hello\"}");
      JsonNode hello = receive(fromHost);
      assertThat(hello.get("id").asInt()).isEqualTo(1);
      assertThat(hello.get("ok").asBoolean()).as(hello.toString()).isTrue();
      assertThat(hello.at("/result/caller").asText()).isEqualTo(ADDON);
      assertThat(hello.at("/result/protocol").asInt()).isEqualTo(1);
      assertThat(mapper.convertValue(hello.at("/result/capabilities"), List.class)).contains("hello", "scan", "checkChain", "probe");

      send(toHost, "{\"id\":2,\"type\":\"probe\",\"host\":\"127.0.0.1\",\"port\":" + server.port() + ",\"timeoutMs\":4000}");
      JsonNode probe = receive(fromHost);
      assertThat(probe.get("ok").asBoolean()).as(probe.toString()).isTrue();
      assertThat(probe.at("/result/chain")).hasSize(2);
      assertThat(probe.at("/result/port").asInt()).isEqualTo(server.port());

      toHost.close(); // the browser closing the port
      assertThat(host.waitFor(20, TimeUnit.SECONDS)).as("host exits on EOF").isTrue();
      assertThat(host.exitValue()).isZero();
    } finally {
      host.destroyForcibly();
    }
    assertThat(home.resolve(".local/state/anchorwatch/host.log")).as("log under the temporary HOME").exists();

    Result uninstall = cli("uninstall", "--user", "--home", home.toString());
    assertThat(uninstall.exit()).as(uninstall.err()).isZero();
    assertThat(manifest).doesNotExist();
  }

  record Result(int exit, String out, String err) {}

  private Result cli(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    isolate(pb.environment());
    Process p = pb.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out, err.get());
  }

  /** HOME is the temporary one and no XDG variable points back at the real user. */
  private void isolate(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("ANCHORWATCH_"));
    env.put("HOME", home.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
  }

  private java.security.KeyStore tlsChain() {
    TestCerts.Issued root = TestCerts.root("IT Root");
    TestCerts.Issued inter = TestCerts.intermediate("IT Intermediate", root);
    return TestCerts.keyStore(TestCerts.leaf("localhost", inter, "localhost", "127.0.0.1"), inter.cert());
  }

  private static void send(OutputStream out, String json) throws Exception {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(body.length).array());
    out.write(body);
    out.flush();
  }

  private JsonNode receive(DataInputStream in) throws Exception {
    return CompletableFuture.supplyAsync(() -> {
      try {
        byte[] len = new byte[4];
        in.readFully(len);
        byte[] body = new byte[ByteBuffer.wrap(len).order(ByteOrder.nativeOrder()).getInt()];
        in.readFully(body);
        return mapper.readTree(body);
      } catch (Exception e) {
        throw new IllegalStateException("no frame from the host", e);
      }
    }).get(30, TimeUnit.SECONDS);
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
