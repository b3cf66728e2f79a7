package org.anchorwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anchorwatch.testsupport.HostProcess;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evasions of issue 8, each through the real jar on a Debian layout under --root: the real
 * Kazakh "Information Security Certification Authority CA" root (Chromium's
 * net/data/ssl/blocklist/61c0fc2e...pem) sits next to the trap and must still be reported, exit 3,
 * with the trap as one coded warning. The process must end by itself (a hang fails the wait).
 */
class ScanEvasionIT {
  private static final String KZ_SHA256 = "61c0fc2e38b5b6f9071b42cee54a9013d858b6697c68b460948551b3249576a1";
  private static final String LOCAL = "usr/local/share/ca-certificates";
  private static final String HASH_DIR = "etc/ssl/certs";

  @TempDir Path tmp;
  Path root;
  Path home;
  String kzPem;

  @BeforeEach
  void layout() throws Exception {
    try (InputStream in = ScanEvasionIT.class.getResourceAsStream("/certs/kz-isca-2020.pem")) {
      kzPem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    root = Files.createDirectories(tmp.resolve("root"));
    home = Files.createDirectories(tmp.resolve("home"));
    Files.createDirectories(root.resolve(LOCAL));
    Files.createDirectories(root.resolve(HASH_DIR));
  }

  record Scan(int exit, JsonNode doc, String err) {
    JsonNode store(String rel, Path root) {
      for (JsonNode s : doc.path("stores")) if (s.path("location").asText().equals(root.resolve(rel).toString())) return s;
      throw new AssertionError("no store " + rel + " in " + doc.path("stores"));
    }

    List<String> warningCodes(String rel, Path root) {
      List<String> codes = new ArrayList<>();
      for (JsonNode w : store(rel, root).path("warnings")) codes.add(w.asText().substring(0, w.asText().indexOf(':')));
      return codes;
    }

    JsonNode kzFinding() {
      List<JsonNode> hits = new ArrayList<>();
      for (JsonNode f : doc.path("findings")) if (f.path("sha256").asText().equals(KZ_SHA256)) hits.add(f);
      assertThat(hits).as("the KZ root is reported exactly once").hasSize(1);
      assertThat(hits.get(0).path("level").asText()).isEqualTo("blocked");
      assertThat(doc.path("summary").path("interception").toString()).contains("Information Security Certification Authority");
      return hits.get(0);
    }
  }

  Scan scan(String... asUser) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(asUser));
    // another uid may not reach the build's jar (a clone under a private temp dir): run a copy it can read
    Path jar = asUser.length == 0 ? HostProcess.jar()
        : org.anchorwatch.testsupport.Unprivileged.install(tmp.resolve("inst")).resolveSibling("anchorwatch.jar");
    cmd.addAll(List.of(HostProcess.javaBin(), "-jar", jar.toString(), "scan", "--json",
        "--root", root.toString(), "--home", home.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", home.toString());
    pb.environment().remove("XDG_CONFIG_HOME");
    Path out = tmp.resolve("out.json");
    Path err = tmp.resolve("err.txt");
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("scan did not finish: a store hung it");
    }
    String errText = Files.readString(err);
    assertThat(p.exitValue()).as(errText).isEqualTo(3);
    return new Scan(p.exitValue(), new ObjectMapper().readTree(Files.readString(out)), errText);
  }

  @Test
  void symlinkLoopsInLocalAnchors() throws Exception {
    Files.writeString(root.resolve(LOCAL + "/kz.crt"), kzPem);
    Files.createSymbolicLink(root.resolve(LOCAL + "/loop"), Path.of("."));
    Files.createSymbolicLink(root.resolve(LOCAL + "/a.crt"), Path.of("b.crt"));
    Files.createSymbolicLink(root.resolve(LOCAL + "/b.crt"), Path.of("a.crt"));
    Scan s = scan();
    assertThat(s.kzFinding().path("location").asText()).isEqualTo(root.resolve(LOCAL + "/kz.crt").toString());
    assertThat(s.store(LOCAL, root).path("error").isNull()).isTrue();
    assertThat(s.warningCodes(LOCAL, root)).containsExactly("LOOP", "LOOP", "LOOP");
  }

  @Test
  void unreadableSubdirectoryForANonRootScan() throws Exception {
    Files.writeString(root.resolve(LOCAL + "/kz.crt"), kzPem);
    Path secret = Files.createDirectories(root.resolve(LOCAL + "/private"));
    TestCerts.root("CN=Hidden").writePem(secret.resolve("hidden.crt"));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
    // the scan runs as nobody: it must reach the layout and write nothing outside its own home
    for (Path p = tmp; p != null && !p.equals(p.getRoot()); p = p.getParent()) {
      if (p.startsWith(tmp)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Tools.run("chown", "-R", "65534:65534", home.toString()).ok();
    Scan s = scan("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
    s.kzFinding();
    assertThat(s.warningCodes(LOCAL, root)).containsExactly("UNREADABLE");
    assertThat(s.store(LOCAL, root).path("warnings").get(0).asText()).contains(secret.toString(), "permission denied");
  }

  @Test
  void aBrokenBlockAfterTheRootDoesNotHideIt() throws Exception {
    Files.writeString(root.resolve(LOCAL + "/kz.crt"),
        kzPem.replace("\n", "\r\n") + "-----BEGIN CERTIFICATE-----\r\nbroken\r\n-----END CERTIFICATE-----\r\n");
    Scan s = scan();
    assertThat(s.kzFinding().path("location").asText()).isEqualTo(root.resolve(LOCAL + "/kz.crt") + "#1");
    assertThat(s.warningCodes(LOCAL, root)).containsExactly("BAD_CERTIFICATE");
  }

  @Test
  void hashDirectoryLinksPointingOutsideEveryStore() throws Exception {
    Path outside = Files.createDirectories(root.resolve("opt/vendor"));
    Files.writeString(outside.resolve("kz.pem"), kzPem);
    Files.createSymbolicLink(root.resolve(HASH_DIR + "/2e7dc358.0"), Path.of("../../../opt/vendor/kz.pem"));
    Files.createSymbolicLink(root.resolve(HASH_DIR + "/kz.pem"), Path.of("/opt/vendor/kz.pem"));
    // an anchor added the Debian way: one file, reached again through its hash-dir links
    TestCerts.Issued local = TestCerts.root("CN=Local Corp Root");
    local.writePem(root.resolve(LOCAL + "/corp.crt"));
    Files.createSymbolicLink(root.resolve(HASH_DIR + "/corp.pem"), Path.of("/" + LOCAL + "/corp.crt"));
    Files.createSymbolicLink(root.resolve(HASH_DIR + "/abcdef01.0"), Path.of("corp.pem"));

    Scan s = scan();
    JsonNode kz = s.kzFinding();
    assertThat(kz.path("location").asText()).isEqualTo(root.resolve(HASH_DIR + "/2e7dc358.0").toString());
    assertThat(kz.path("attributes").path("target").asText()).isEqualTo(outside.resolve("kz.pem").toString());
    assertThat(kz.path("attributes").path("alsoAt").asText()).isEqualTo(root.resolve(HASH_DIR + "/kz.pem").toString());
    List<JsonNode> corp = new ArrayList<>();
    for (JsonNode f : s.doc().path("findings")) if (f.path("sha256").asText().equals(local.sha256())) corp.add(f);
    assertThat(corp).as("one finding for the local anchor, with its links beside it").singleElement().satisfies(f -> {
      assertThat(f.path("level").asText()).isEqualTo("notice");
      assertThat(f.path("location").asText()).isEqualTo(root.resolve(LOCAL + "/corp.crt").toString());
      assertThat(f.path("attributes").path("alsoAt").asText().split("\n"))
          .containsExactlyInAnyOrder(root.resolve(HASH_DIR + "/abcdef01.0").toString(), root.resolve(HASH_DIR + "/corp.pem").toString());
    });
  }

  @Test
  void bundlesThatAreDevicesOrFifosNeitherCrashNorHang() throws Exception {
    Files.writeString(root.resolve(LOCAL + "/kz.crt"), kzPem);
    // relative, so it leaves the root the way the kernel resolves it: the real /dev/zero
    Files.createSymbolicLink(root.resolve(HASH_DIR + "/ca-certificates.crt"), Path.of("../".repeat(40) + "dev/zero"));
    Tools.run("mkfifo", root.resolve("etc/ssl/cert.pem").toString()).ok();
    Scan s = scan();
    s.kzFinding();
    assertThat(s.warningCodes(HASH_DIR + "/ca-certificates.crt", root)).containsExactly("SPECIAL_FILE");
    assertThat(s.warningCodes("etc/ssl/cert.pem", root)).containsExactly("SPECIAL_FILE");
    assertThat(s.store("etc/ssl/cert.pem", root).path("error").isNull()).isTrue();
  }

  @Test
  void aReKeyedRootIsSuspectedByNameAndAnInspectionProductIsNamed() throws Exception {
    TestCerts.root("CN=Information Security Certification Authority,C=KZ").writePem(root.resolve(LOCAL + "/isca-new.crt"));
    TestCerts.root("CN=ESET SSL Filter CA,O=ESET\\, spol. s r. o.,C=SK").writePem(root.resolve(LOCAL + "/eset.crt"));
    TestCerts.root("CN=Information Security Certification Authority Test").writePem(root.resolve(LOCAL + "/near-miss.crt"));
    Scan s = scan();
    JsonNode suspected = null;
    JsonNode eset = null;
    JsonNode nearMiss = null;
    for (JsonNode f : s.doc().path("findings")) {
      String loc = f.path("location").asText();
      if (loc.endsWith("isca-new.crt")) suspected = f;
      if (loc.endsWith("eset.crt")) eset = f;
      if (loc.endsWith("near-miss.crt")) nearMiss = f;
    }
    assertThat(suspected.path("level").asText()).isEqualTo("blocked");
    assertThat(suspected.path("entry").path("notes").asText()).startsWith("matches Information Security Certification Authority CA by name");
    assertThat(s.doc().path("summary").path("interception").toString()).contains("(suspected by name)");
    assertThat(eset.path("level").asText()).isEqualTo("notice");
    assertThat(eset.path("inspection").path("product").asText()).isEqualTo("ESET");
    assertThat(eset.path("inspection").path("kind").asText()).isEqualTo("antivirus");
    assertThat(nearMiss.path("level").asText()).isEqualTo("notice");
    assertThat(nearMiss.path("inspection").isNull()).isTrue();
  }
}
