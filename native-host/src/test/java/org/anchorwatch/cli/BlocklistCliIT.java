package org.anchorwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anchorwatch.blocklist.BlocklistUpdates;
import org.anchorwatch.blocklist.SignedDocument;
import org.anchorwatch.blocklist.TestSigning;
import org.anchorwatch.testsupport.HostProcess;
import org.anchorwatch.testsupport.HttpsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `anchorwatch blocklist ...` through the real jar. The shipped build trusts only its compiled-in
 * keys, so a document signed with a test key is refused here: that is the check that test keys
 * never reach the product. Acceptance is covered in-process (BlocklistUpdatesTest, UpdateFetcherTest).
 */
class BlocklistCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  record Result(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  Result run(List<String> jvmArgs, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(HostProcess.javaBin()));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-jar", HostProcess.jar().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", dir.resolve("home").toString());
    pb.environment().remove("XDG_DATA_HOME");
    pb.environment().remove("https_proxy");
    pb.environment().remove("HTTPS_PROXY");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  Result run(String... args) throws Exception {
    return run(List.of(), args);
  }

  String[] where(String... rest) {
    List<String> a = new ArrayList<>(List.of(rest));
    a.addAll(List.of("--root", dir.resolve("root").toString(), "--home", dir.resolve("home").toString()));
    return a.toArray(String[]::new);
  }

  @Test
  void showReportsTheBundledListAndTheCompiledInKeys() throws Exception {
    Result r = run(where("blocklist", "show", "--json"));
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode s = r.json();
    assertThat(s.path("source").asText()).isEqualTo("bundled");
    assertThat(s.path("sequence").asLong()).isPositive();
    assertThat(s.path("entriesPerTier").path("interception").asInt()).isPositive();
    assertThat(s.path("trustedKeys")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(s.path("trustedKeys").toString()).doesNotContain("test-");
    assertThat(s.path("installed")).hasSize(2);
    assertThat(run(where("blocklist", "show")).out()).contains("from the bundled list");
  }

  @Test
  void theShippedBuildRefusesTestKeysAndRefusalsLeaveTheInstalledFileAlone() throws Exception {
    Path installed = dir.resolve("home/.local/share/anchorwatch/blocklist.signed");
    Files.createDirectories(installed.getParent());
    byte[] before = "whatever was here\n".getBytes(StandardCharsets.UTF_8);
    Files.write(installed, before);
    Path doc = Files.write(dir.resolve("test.signed"), TestSigning.signed(50, "test-a"));

    Result verify = run(where("blocklist", "verify", doc.toString(), "--json"));
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.json().at("/error/code").asText()).isEqualTo("UPDATE_BAD_SIGNATURE");
    assertThat(verify.err()).contains("unknown key test-a");

    Result update = run(where("blocklist", "update", doc.toString(), "--scope", "user"));
    assertThat(update.exit()).isEqualTo(1);
    assertThat(update.err()).contains("UPDATE_BAD_SIGNATURE");
    Path garbage = Files.writeString(dir.resolve("garbage.signed"), "not json");
    assertThat(run(where("blocklist", "update", garbage.toString(), "--scope", "user")).err()).contains("UPDATE_MALFORMED");
    assertThat(Files.readAllBytes(installed)).isEqualTo(before);
    assertThat(dir.resolve("root/var/lib/anchorwatch")).doesNotExist();

    // the ignored file is reported, and the bundled list stays in force
    JsonNode show = run(where("blocklist", "show", "--json")).json();
    assertThat(show.path("source").asText()).isEqualTo("bundled");
    assertThat(show.at("/installed/1/problem/code").asText()).isEqualTo("UPDATE_MALFORMED");

    assertThat(run(where("blocklist", "update", doc.toString(), "--scope", "everywhere")).exit()).isEqualTo(2);
    assertThat(run(where("blocklist", "update", dir.resolve("nope").toString())).exit()).isEqualTo(2);
  }

  @Test
  void updateFetchesFromAnHttpsUrlWithTheJvmTrustStore() throws Exception {
    try (HttpsFiles server = new HttpsFiles()) {
      byte[] big = new byte[SignedDocument.MAX_BYTES + 1];
      Arrays.fill(big, (byte) ' ');
      server.serve("/list.signed", TestSigning.signed(50, "test-a")).serve("/big", big);
      Path trust = server.writeTrustStore(dir.resolve("trust.p12"));
      List<String> jvm = List.of("-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStorePassword=changeit");

      // downloaded (the refusal names the key, which is inside the file), then refused: a test key
      Result r = run(jvm, where("blocklist", "update", server.uri("/list.signed").toString(), "--scope", "user"));
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err()).contains("UPDATE_BAD_SIGNATURE").contains("test-a");
      assertThat(run(jvm, where("blocklist", "update", server.uri("/big").toString(), "--scope", "user")).err()).contains("UPDATE_TOO_LARGE");
      // without the generated CA the JDK's trust store does not know the server
      assertThat(run(where("blocklist", "update", server.uri("/list.signed").toString(), "--scope", "user")).err()).contains("UPDATE_FETCH_FAILED");
    }
  }

  @Test
  void theMaintainersSignVerbMakesADocumentTheVerifierAccepts() throws Exception {
    Path list = Files.write(dir.resolve("blocklist.json"), TestSigning.bundledJson());
    Path catalog = Files.writeString(dir.resolve("catalog.json"), "{\"products\":[{\"name\":\"Example inspection proxy\"}]}");
    Path out = dir.resolve("out.signed");
    Result r = run("blocklist", "sign", list.toString(), out.toString(), "--sequence", "42", "--valid-days", "10",
        "--key", "test-a=" + TestSigning.keyFile("test-a"), "--key", "test-b=" + TestSigning.keyFile("test-b"), "--catalog", catalog.toString());
    assertThat(r.exit()).as(r.err()).isZero();

    BlocklistUpdates updates = TestSigning.updates(new BlocklistUpdates.Locations(dir.resolve("m/b.signed"), dir.resolve("u/b.signed")), Clock.systemUTC());
    var doc = updates.check(Files.readAllBytes(out));
    assertThat(doc.sequence()).isEqualTo(42);
    assertThat(doc.signers()).containsExactly("test-a", "test-b");
    assertThat(doc.blocklist().entries()).hasSameSizeAs(org.anchorwatch.blocklist.Blocklist.bundled().entries());
    JsonNode body = JSON.readTree(SignedDocument.parse(Files.readAllBytes(out)).body());
    assertThat(body.at("/catalog/products/0/name").asText()).isEqualTo("Example inspection proxy");
    assertThat(body.path("kind").asText()).isEqualTo("blocklist");

    Path badKey = Files.writeString(dir.resolve("bad.pem"), "nope");
    assertThat(run("blocklist", "sign", list.toString(), out.toString(), "--sequence", "1", "--key", "k=" + badKey).exit()).isEqualTo(2);
  }
}
