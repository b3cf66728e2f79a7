package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.testsupport.HostProcess;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cleanup flow as the extension drives it, over the real host's pipes. */
class CleanupProtocolIT {
  static final String CHROME = "chrome-extension://agbciifedgognoeofdbbhobbeicmknep/";
  @TempDir Path home;

  @Test
  void planConfirmApplyVerifyBackupsRestore() throws Exception {
    TestCerts.Issued evil = TestCerts.root("Protocol Evil Root");
    Path db = Files.createDirectories(home.resolve(".pki/nssdb"));
    String certutil = Tools.requireCertutil().toString();
    Tools.run(certutil, "-N", "-d", "sql:" + db, "--empty-password").ok();
    Tools.run(certutil, "-A", "-d", "sql:" + db, "-n", "Protocol Evil", "-t", "C,,", "-i", evil.writePem(home.resolve("evil.pem")).toString()).ok();
    Path policy = Files.writeString(home.resolve("policy.json"),
        "{\"deny\":[{\"name\":\"Protocol Evil\",\"spkiSha256\":\"" + evil.spkiSha256() + "\"}]}");
    Files.createDirectories(home.resolve(".config/anchorwatch"));
    Files.writeString(home.resolve(".config/anchorwatch/host.json"),
        "{\"defaultStores\":false,\"stores\":[\"nss:" + db + "\"],\"policy\":\"" + policy + "\"}");

    try (HostProcess h = HostProcess.start(home, Map.of(), CHROME)) {
      assertThat(h.call("{\"id\":1,\"type\":\"hello\"}").path("result").path("capabilities").toString())
          .contains("plan", "confirm", "apply", "verify", "backups", "restore", "doctor");
      assertThat(h.call("{\"id\":2,\"type\":\"scan\"}").path("result").path("summary").path("interception").toString()).contains("Protocol Evil");

      JsonNode plan = h.call("{\"id\":3,\"type\":\"plan\",\"sha256\":\"" + evil.sha256() + "\"}").path("result");
      String planId = plan.path("planId").asText();
      assertThat(plan.path("steps").get(0).path("details").path("nickname").asText()).isEqualTo("Protocol Evil");

      assertThat(h.call("{\"id\":4,\"type\":\"apply\",\"planId\":\"" + planId + "\"}").path("error").path("code").asText())
          .isEqualTo("CONFIRMATION_REQUIRED");
      assertThat(h.call("{\"id\":5,\"type\":\"apply\",\"planId\":\"" + planId + "\",\"token\":\"forged\"}").path("error").path("code").asText())
          .isEqualTo("CONFIRMATION_REQUIRED");
      String token = h.call("{\"id\":6,\"type\":\"confirm\",\"planId\":\"" + planId + "\"}").path("result").path("token").asText();
      h.send("{\"id\":7,\"type\":\"apply\",\"planId\":\"" + planId + "\",\"token\":\"" + token + "\"}");
      List<String> phases = new ArrayList<>();
      JsonNode reply;
      while ((reply = h.read()).has("progress")) {
        assertThat(reply.path("id").asInt()).isEqualTo(7);
        phases.add(reply.path("progress").path("phase").asText());
      }
      assertThat(phases).contains("validate", "backup", "remove", "verify", "done");
      JsonNode result = reply.path("result");
      assertThat(result.path("verify").path("clean").asBoolean()).isTrue();
      assertThat(Tools.run(certutil, "-L", "-d", "sql:" + db).ok().output()).doesNotContain("Protocol Evil");
      // the snapshot was refreshed: the machine-wide alert is gone at once
      assertThat(h.call("{\"id\":8,\"type\":\"scan\"}").path("result").path("summary").path("interception").size()).isZero();
      // the token was single-use
      assertThat(h.call("{\"id\":9,\"type\":\"apply\",\"planId\":\"" + planId + "\",\"token\":\"" + token + "\"}").path("error").path("code").asText())
          .isEqualTo("PLAN_UNKNOWN");

      JsonNode backups = h.call("{\"id\":10,\"type\":\"backups\"}").path("result").path("backups");
      assertThat(backups).hasSize(1);
      h.send("{\"id\":11,\"type\":\"restore\",\"backupId\":\"" + backups.get(0).path("id").asText() + "\"}");
      while ((reply = h.read()).has("progress")) {
        assertThat(reply.path("progress").path("phase").asText()).isIn("restore", "rebuild");
      }
      assertThat(reply.path("result").path("steps").get(0).path("status").asText()).isEqualTo("restored");
      assertThat(Tools.run(certutil, "-L", "-d", "sql:" + db).ok().output()).containsPattern("Protocol Evil\\s+C,,");
      assertThat(h.call("{\"id\":12,\"type\":\"verify\",\"sha256\":\"" + evil.sha256() + "\"}").path("result").path("clean").asBoolean()).isFalse();
      assertThat(h.closeAndWait()).isZero();
    }
  }
}
