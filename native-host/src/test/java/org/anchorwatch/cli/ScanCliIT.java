package org.anchorwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.testsupport.HostProcess;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract through the real jar: exit codes, JSON shape, human output. */
class ScanCliIT {
  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  Result run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(HostProcess.javaBin(), "-jar", HostProcess.jar().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", dir.toString());
    pb.environment().remove("XDG_CONFIG_HOME");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void exitCodesAndJsonShape() throws Exception {
    TestCerts.Issued evil = TestCerts.root("CN=CLI Evil Root");
    evil.writePem(dir.resolve("s/evil.pem"));
    TestCerts.root("CN=CLI Other").writePem(dir.resolve("s/other.pem"));
    Path policy = Files.writeString(dir.resolve("policy.json"),
        "{\"deny\":[{\"name\":\"CLI Evil\",\"spkiSha256\":\"" + CertParser.parseDer(evil.der()).spkiSha256() + "\"}]}");

    Result blocked = run("scan", "--json", "--no-default-stores", "--store", "pem:" + dir.resolve("s"),
        "--store", "nss:" + dir.resolve("no-such-db"), "--policy", policy.toString());
    assertThat(blocked.exit()).isEqualTo(3);
    JsonNode doc = new ObjectMapper().readTree(blocked.out());
    assertThat(doc.path("stores")).hasSize(2);
    assertThat(doc.path("stores").get(1).path("error").path("code").asText()).isIn("STORE_NOT_FOUND", "NSS_UNAVAILABLE");
    assertThat(doc.path("stores").get(0).path("error").isNull()).isTrue();
    JsonNode f = doc.path("findings");
    assertThat(f).hasSize(2);
    JsonNode b = f.get(0).path("level").asText().equals("blocked") ? f.get(0) : f.get(1);
    for (String field : List.of("level", "store", "location", "sha256", "spkiSha256", "subject", "issuer", "notAfter", "entry")) {
      assertThat(b.has(field)).as(field).isTrue();
    }
    assertThat(b.path("sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(b.path("entry").path("name").asText()).isEqualTo("CLI Evil");
    assertThat(b.path("entry").path("references").isArray()).isTrue();
    JsonNode n = f.get(0) == b ? f.get(1) : f.get(0);
    assertThat(n.path("level").asText()).isEqualTo("notice");
    assertThat(n.path("entry").isNull()).isTrue();
    assertThat(doc.path("summary").path("blocked").asInt()).isEqualTo(1);

    Result human = run("scan", "--no-default-stores", "--store", "pem:" + dir.resolve("s"), "--policy", policy.toString());
    assertThat(human.exit()).isEqualTo(3);
    assertThat(human.out()).contains("BLOCKED  CLI Evil", "NOTICE", dir.resolve("s/evil.pem").toString(), "INTERCEPTION ROOTS PRESENT: CLI Evil");

    Result clean = run("scan", "--no-default-stores", "--store", "pem:" + dir.resolve("s/other.pem"));
    assertThat(clean.exit()).isZero();
  }

  @Test
  void usageAndRuntimeErrors() throws Exception {
    assertThat(run("scan", "--store", "floppy:/dev/fd0").exit()).isEqualTo(2);
    assertThat(run("scan", "--bogus").exit()).isEqualTo(2);
    assertThat(run().exit()).isEqualTo(2);
    Result badPolicy = run("scan", "--no-default-stores", "--policy", dir.resolve("missing.json").toString());
    assertThat(badPolicy.exit()).isEqualTo(1);
    assertThat(badPolicy.err()).contains("BAD_POLICY");
    Result version = run("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).contains("anchorwatch", "protocol 1");
    assertThat(run("scan", "--help").out()).contains("--store", "--no-default-stores", "--root", "--home", "--policy", "--json");
  }

  @Test
  void scanningThisMachineWorksWithoutAssumingItIsClean() throws Exception {
    Result r = run("scan", "--json");
    assertThat(r.exit()).isIn(0, 3);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.path("summary").path("blocked").asInt() > 0).isEqualTo(r.exit() == 3);
  }
}
