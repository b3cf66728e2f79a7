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
import org.anchorwatch.testsupport.HostProcess;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan / remove / backups / restore / doctor through the real jar, including the interactive prompt on a real pty. */
class CleanupCliIT {
  @TempDir Path dir;
  TestCerts.Issued evil;
  Path anchors;
  Path anchor;
  Path policy;

  @BeforeEach
  void setUp() throws Exception {
    evil = TestCerts.root("CLI Cleanup Evil");
    anchors = dir.resolve("anchors");
    anchor = evil.writePem(anchors.resolve("evil.crt"));
    policy = Files.writeString(dir.resolve("policy.json"), "{\"deny\":[{\"name\":\"CLI Evil\",\"spkiSha256\":\"" + evil.spkiSha256() + "\"}]}");
  }

  record Result(int exit, String out, String err) {}

  List<String> cmd(String... args) {
    List<String> c = new ArrayList<>(List.of(HostProcess.javaBin(), "-jar", HostProcess.jar().toString()));
    c.addAll(List.of(args));
    c.addAll(List.of("--no-default-stores", "--store", "pem:" + anchors, "--policy", policy.toString()));
    return c;
  }

  Result run(String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd(args));
    env(pb);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  void env(ProcessBuilder pb) {
    pb.environment().put("HOME", dir.resolve("home").toString());
    pb.environment().remove("XDG_CONFIG_HOME");
    pb.environment().remove("XDG_DATA_HOME");
    pb.environment().remove("XDG_STATE_HOME");
  }

  @Test
  void planDryRunRefusalThenRemoveBackupsRestoreDoctor() throws Exception {
    Result plan = run("plan", evil.sha256());
    assertThat(plan.exit()).isZero();
    assertThat(plan.out()).contains("CLI Evil", "delete", anchor.toString(), "backup: the file's exact bytes");
    JsonNode planJson = new ObjectMapper().readTree(run("plan", evil.spkiSha256(), "--json").out());
    assertThat(planJson.path("steps").get(0).path("action").asText()).isEqualTo("delete");

    assertThat(run("remove", evil.sha256(), "--dry-run").exit()).isZero();
    assertThat(anchor).exists();
    Result refused = run("remove", evil.sha256());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("Confirmation needs a terminal", "Nothing was changed");
    assertThat(anchor).exists();

    Result removed = run("remove", evil.sha256(), "--yes");
    assertThat(removed.exit()).as(removed.err()).isZero();
    assertThat(removed.out()).contains("Verified: no store on this machine trusts it any more", "Aftercare", "anchorwatch restore");
    assertThat(anchor).doesNotExist();
    assertThat(run("scan", "--json").exit()).isZero();

    JsonNode backups = new ObjectMapper().readTree(run("backups", "--json").out());
    assertThat(backups).hasSize(1);
    String id = backups.get(0).path("id").asText();
    Result restored = run("restore", id);
    assertThat(restored.exit()).as(restored.err()).isZero();
    assertThat(anchor).exists();
    assertThat(run("scan").exit()).isEqualTo(3);
    assertThat(run("doctor").out()).startsWith("Nothing to repair");
  }

  @Test
  void theInteractivePromptOnARealTerminalAcceptsOnlyYes() throws Exception {
    String line = String.join(" ", cmd("remove", evil.sha256()).stream().map(a -> "'" + a + "'").toList());
    for (String answer : List.of("no", "yes")) {
      ProcessBuilder pb = new ProcessBuilder("script", "-qec", line, "/dev/null");
      env(pb);
      Process p = pb.redirectErrorStream(true).start();
      p.getOutputStream().write((answer + "\n").getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().flush();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(out).contains("Type 'yes' to continue");
      if (answer.equals("no")) {
        assertThat(out).contains("Nothing was changed");
        assertThat(anchor).exists();
      } else {
        assertThat(out).contains("Verified");
        assertThat(anchor).doesNotExist();
      }
    }
  }

  @Test
  void errorsAreStable() throws Exception {
    assertThat(run("plan", "ab".repeat(32)).err()).contains("NOT_INSTALLED");
    assertThat(run("plan", "not-a-hash").exit()).isEqualTo(2);
    assertThat(run("restore", "0123456789abcdef").err()).contains("BACKUP_UNKNOWN");
    assertThat(run("restore", "../../etc").err()).contains("BACKUP_UNKNOWN");
  }
}
