package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.stores.nss.NssTestDb;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HostMain#serve} in-process: the caller check against host.json, and the cleanup messages
 * (plan, confirm, apply, verify, backups, restore, doctor) on a real NSS database made with certutil,
 * as CleanupProtocolIT does against the jar.
 */
class HostMainServeTest {
  static final String CALLER = "chrome-extension://" + "t".repeat(32) + "/";
  static final String FIREFOX_ADDON = "serve-test@anchorwatch.test";

  @TempDir Path home;
  AppDirs dirs;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    dirs = new AppDirs(home.resolve(".config/anchorwatch"), home.resolve(".local/share/anchorwatch"), home.resolve(".local/state/anchorwatch"));
    env = Map.of("HOME", home.toString());
    Files.createDirectories(dirs.config());
    Files.createDirectories(home.resolve("root"));
  }

  private void hostJson(String stores, Path policy) throws Exception {
    Files.writeString(dirs.config().resolve("host.json"), "{\"allowedCallers\":[\"" + CALLER + "\",\"" + FIREFOX_ADDON + "\"],"
        + "\"defaultStores\":false,\"stores\":[" + stores + "],\"root\":\"" + home.resolve("root") + "\""
        + (policy == null ? "" : ",\"policy\":\"" + policy + "\"") + "}");
  }

  private record Served(int exit, List<JsonNode> replies) {}

  private Served serve(String[] args, String... requests) throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (String r : requests) in.writeBytes(HostLoopTest.frame(r));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = HostMain.serve(new Framing(new ByteArrayInputStream(in.toByteArray()), out), args, dirs, env);
    return new Served(exit, HostLoopTest.replies(out.toByteArray()));
  }

  @Test
  void aCallerNotInTheListGetsOneRefusalAndNothingElse() throws Exception {
    hostJson("", null);
    for (String[] args : List.of(new String[] {"chrome-extension://" + "s".repeat(32) + "/"},
        new String[] {"/usr/lib/mozilla/native-messaging-hosts/org.anchorwatch.host.json", "stranger@example.test"})) {
      Served s = serve(args, "{\"id\":1,\"type\":\"hello\"}");
      assertThat(s.exit()).as(args[args.length - 1]).isEqualTo(1);
      assertThat(s.replies()).singleElement().satisfies(r -> {
        assertThat(r.path("ok").asBoolean(true)).isFalse();
        assertThat(r.get("id").isNull()).isTrue();
        assertThat(r.path("error").path("code").asText()).isEqualTo("CALLER_NOT_ALLOWED");
        assertThat(r.path("error").path("message").asText()).contains(args[0].startsWith("chrome-extension://") ? args[0] : args[1]);
      });
    }
  }

  @Test
  void allowedChromiumAndFirefoxCallersAreServedAndNamedInHello() throws Exception {
    hostJson("", null);
    Served chromium = serve(new String[] {CALLER, "--parent-window=0"}, "{\"id\":1,\"type\":\"hello\"}", "{\"id\":2,\"type\":\"nope\"}");
    assertThat(chromium.exit()).isZero();
    assertThat(chromium.replies()).extracting(r -> r.path("id").asInt(), r -> r.path("ok").asBoolean())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, true), org.assertj.core.groups.Tuple.tuple(2, false));
    JsonNode hello = chromium.replies().get(0).path("result");
    assertThat(hello.path("caller").asText()).isEqualTo(CALLER);
    assertThat(hello.path("capabilities").toString()).contains("\"restore\"", "\"verify\"", "\"doctor\"");

    Served firefox = serve(new String[] {"/home/u/.mozilla/native-messaging-hosts/org.anchorwatch.host.json", FIREFOX_ADDON},
        "{\"id\":\"f\",\"type\":\"hello\"}");
    assertThat(firefox.exit()).isZero();
    assertThat(firefox.replies()).singleElement().satisfies(r -> assertThat(r.path("result").path("caller").asText()).isEqualTo(FIREFOX_ADDON));
  }

  @Test
  void removalThenVerifyBackupsAndRestoreOnARealNssDatabase() throws Exception {
    TestCerts.Issued evil = TestCerts.root("Serve Evil Root");
    NssTestDb nss = NssTestDb.create(home.resolve(".pki/nssdb")).add("Serve Evil", "C,,", evil);
    Path db = nss.dir;
    Path policy = Files.writeString(home.resolve("policy.json"),
        "{\"deny\":[{\"name\":\"Serve Evil\",\"spkiSha256\":\"" + evil.spkiSha256() + "\"}]}");
    hostJson("\"nss:" + db + "\"", policy);

    try (LiveHost h = new LiveHost(f -> HostMain.serve(f, new String[] {CALLER}, dirs, env))) {
      h.send("{\"id\":1,\"type\":\"verify\",\"sha256\":\"" + evil.sha256() + "\"}");
      JsonNode before = h.next();
      assertThat(before.path("result").path("clean").asBoolean(true)).as(before.toString()).isFalse();
      assertThat(before.path("result").path("remaining").toString()).contains(db.toString());

      h.send("{\"id\":2,\"type\":\"plan\",\"sha256\":\"" + evil.sha256() + "\"}");
      String planId = h.next().path("result").path("planId").asText();
      assertThat(planId).isNotEmpty();
      h.send("{\"id\":3,\"type\":\"confirm\",\"planId\":\"" + planId + "\"}");
      JsonNode confirm = h.next().path("result");
      assertThat(confirm.path("planId").asText()).isEqualTo(planId);
      assertThat(confirm.path("expiresInSeconds").asInt()).isEqualTo(600);
      h.send("{\"id\":4,\"type\":\"apply\",\"planId\":\"" + planId + "\",\"token\":\"\"}");
      assertThat(finalReply(h, 4, null).path("error").path("code").asText()).isEqualTo("CONFIRMATION_REQUIRED");
      h.send("{\"id\":5,\"type\":\"apply\",\"planId\":\"" + planId + "\",\"token\":\"" + confirm.path("token").asText() + "\"}");
      List<String> phases = new ArrayList<>();
      JsonNode applied = finalReply(h, 5, phases);
      assertThat(applied.path("result").path("verify").path("clean").asBoolean()).as(applied.toString()).isTrue();
      assertThat(phases).contains("backup", "remove", "verify");
      int removedStep = applied.path("result").path("steps").get(0).path("step").asInt();
      assertThat(nss.certutilList()).doesNotContainKey("Serve Evil");

      h.send("{\"id\":6,\"type\":\"verify\",\"sha256\":\"" + evil.sha256() + "\"}");
      assertThat(h.next().path("result").path("clean").asBoolean()).isTrue();
      h.send("{\"id\":7,\"type\":\"backups\"}");
      JsonNode backups = h.next().path("result").path("backups");
      assertThat(backups).hasSize(1);
      String backupId = backups.get(0).path("id").asText();

      h.send("{\"id\":8,\"type\":\"restore\",\"backupId\":\"" + backupId + "\",\"steps\":\"all\"}");
      assertThat(finalReply(h, 8, null).path("error").path("code").asText()).isEqualTo("MISSING_FIELD");
      h.send("{\"id\":9,\"type\":\"restore\",\"backupId\":\"" + backupId + "\",\"steps\":[\"0\"]}");
      assertThat(finalReply(h, 9, null).path("error").path("code").asText()).isEqualTo("MISSING_FIELD");
      assertThat(nss.certutilList()).doesNotContainKey("Serve Evil");
      // the steps are passed on: one the backup does not hold is refused, the removed one is put back
      h.send("{\"id\":10,\"type\":\"restore\",\"backupId\":\"" + backupId + "\",\"steps\":[9999]}");
      assertThat(finalReply(h, 10, null).path("error").path("code").asText()).isEqualTo("BAD_ARGUMENT");
      h.send("{\"id\":13,\"type\":\"restore\",\"backupId\":\"" + backupId + "\",\"steps\":[" + removedStep + "]}");
      List<String> restorePhases = new ArrayList<>();
      JsonNode restored = finalReply(h, 13, restorePhases);
      assertThat(restored.path("result").path("steps")).as(restored.toString()).singleElement()
          .satisfies(st -> assertThat(st.path("status").asText()).isEqualTo("restored"));
      assertThat(restorePhases).contains("restore");
      assertThat(nss.certutilList()).containsEntry("Serve Evil", "C,,");

      // the snapshot was refreshed by restore: a scan shows the root again without a rescan request
      h.send("{\"id\":11,\"type\":\"scan\"}");
      assertThat(h.next().path("result").path("summary").path("interception").toString()).contains("Serve Evil");
      h.send("{\"id\":12,\"type\":\"verify\",\"sha256\":\"" + evil.sha256() + "\"}");
      assertThat(h.next().path("result").path("clean").asBoolean(true)).isFalse();
      // doctor reads the finished removal's journal and has nothing to repair
      h.send("{\"id\":14,\"type\":\"doctor\"}");
      JsonNode doctor = h.next();
      assertThat(doctor.path("ok").asBoolean()).as(doctor.toString()).isTrue();
      assertThat(doctor.path("result").path("journalsChecked").asInt()).isPositive();
      assertThat(doctor.path("result").path("lostBackups").isArray()).isTrue(); // docs/PROTOCOL.md, doctor
      assertThat(doctor.path("result").path("repaired")).isEmpty();
      assertThat(h.finish(new ArrayList<>())).isZero();
    }
  }

  /** Skips (and records) the progress frames of request {@code id}; its final reply. */
  private static JsonNode finalReply(LiveHost h, int id, List<String> phases) throws Exception {
    JsonNode r;
    while ((r = h.next()).has("progress")) {
      assertThat(r.path("id").asInt()).isEqualTo(id);
      if (phases != null) phases.add(r.path("progress").path("phase").asText());
    }
    assertThat(r.path("id").asInt()).isEqualTo(id);
    return r;
  }
}
