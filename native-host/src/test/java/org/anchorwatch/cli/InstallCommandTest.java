package org.anchorwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI face of install/uninstall: exit codes, human and JSON output. Always under a temp --home. */
class InstallCommandTest {
  @TempDir Path tmp;
  Path home;
  Path launcher;
  StringWriter out;
  StringWriter err;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(tmp.resolve("home"));
    launcher = tmp.resolve("anchorwatch");
    Files.writeString(launcher, "#!/bin/sh\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cl = Cli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void installPrintsEachFileAndUninstallRemovesThem() {
    assertThat(run("install", "--user", "--home", home.toString(), "--browser", "firefox,chromium", "--host-path", launcher.toString()))
        .isEqualTo(Cli.EXIT_OK);
    Path ff = home.resolve(".mozilla/native-messaging-hosts/org.anchorwatch.host.json");
    assertThat(out.toString()).contains("written").contains(ff.toString())
        .contains(home.resolve(".config/chromium/NativeMessagingHosts/org.anchorwatch.host.json").toString());
    assertThat(run("uninstall", "--user", "--home", home.toString())).isEqualTo(Cli.EXIT_OK);
    assertThat(out.toString()).contains("removed").contains(ff.toString());
    assertThat(ff).doesNotExist();
  }

  @Test
  void jsonOutputIsOneDocument() throws Exception {
    assertThat(run("install", "--user", "--home", home.toString(), "--browser", "firefox", "--host-path", launcher.toString(), "--json"))
        .isEqualTo(Cli.EXIT_OK);
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertThat(doc.get("operation").asText()).isEqualTo("install");
    assertThat(doc.get("scope").asText()).isEqualTo("user");
    assertThat(doc.get("hostPath").asText()).isEqualTo(launcher.toString());
    assertThat(doc.get("complete").asBoolean()).isTrue();
    assertThat(doc.get("manifests").get(0).get("browser").asText()).isEqualTo("firefox");
    assertThat(doc.get("manifests").get(0).get("action").asText()).isEqualTo("written");
  }

  @Test
  void defaultHostPathIsTheRepositoryLauncher() throws Exception {
    assertThat(run("install", "--user", "--home", home.toString(), "--browser", "firefox", "--json")).isEqualTo(Cli.EXIT_OK);
    String path = new ObjectMapper().readTree(home.resolve(".mozilla/native-messaging-hosts/org.anchorwatch.host.json").toFile()).get("path").asText();
    assertThat(path).isEqualTo(Path.of("../installer/anchorwatch").toAbsolutePath().normalize().toString());
  }

  @Test
  void unknownBrowserExitsTwoWithTheKnownNames() {
    assertThat(run("install", "--user", "--home", home.toString(), "--browser", "mosaic", "--host-path", launcher.toString()))
        .isEqualTo(Cli.EXIT_USAGE);
    assertThat(err.toString()).contains("unknown browser 'mosaic'").contains("chrome, chromium, edge, brave, vivaldi, firefox, librewolf");
    assertThat(home.resolve(".mozilla")).doesNotExist();
  }

  @Test
  void aScopeIsRequired() {
    assertThat(run("install", "--home", home.toString(), "--browser", "firefox")).isEqualTo(Cli.EXIT_USAGE);
    assertThat(err.toString()).contains("--user");
    assertThat(run("uninstall", "--user", "--system")).isEqualTo(Cli.EXIT_USAGE);
  }

  @Test
  void aChangedManifestMakesUninstallExitOne() throws Exception {
    run("install", "--user", "--home", home.toString(), "--browser", "firefox", "--host-path", launcher.toString());
    Path ff = home.resolve(".mozilla/native-messaging-hosts/org.anchorwatch.host.json");
    Files.writeString(ff, "{\"edited\": true}\n");
    assertThat(run("uninstall", "--user", "--home", home.toString())).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(out.toString()).contains("kept").contains("changed since");
    assertThat(ff).exists();
  }

  @Test
  void theTextReportHasAHeaderAndTheRecord() {
    assertThat(run("install", "--user", "--home", home.toString(), "--browser", "firefox", "--host-path", launcher.toString())).isEqualTo(Cli.EXIT_OK);
    Path record = Path.of(out.toString().substring(out.toString().indexOf("Record: ") + 8).strip());
    assertThat(out.toString()).startsWith("Native-messaging host manifests for this user (launcher " + launcher + "):\n")
        .endsWith("Record: " + record + "\n");
    assertThat(record).exists().startsWith(home);
    assertThat(run("uninstall", "--user", "--home", home.toString())).isEqualTo(Cli.EXIT_OK);
    assertThat(out.toString()).startsWith("Native-messaging host manifests removed for this user:\n");
    assertThat(run("uninstall", "--user", "--home", home.toString())).isEqualTo(Cli.EXIT_OK);
    assertThat(out.toString()).startsWith("Nothing to remove: no manifests recorded.\n").contains("Record: ");
  }

  @Test
  void aManifestSomeoneElseWroteIsKeptWithExitOneUnlessForced() throws Exception {
    Path ff = Files.createDirectories(home.resolve(".mozilla/native-messaging-hosts")).resolve("org.anchorwatch.host.json");
    Files.writeString(ff, "{\"theirs\": true}\n");
    assertThat(run("install", "--user", "--home", home.toString(), "--browser", "firefox", "--host-path", launcher.toString()))
        .isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(Files.readString(ff)).isEqualTo("{\"theirs\": true}\n");
    assertThat(run("install", "--user", "--home", home.toString(), "--browser", "firefox", "--host-path", launcher.toString(), "--force"))
        .isEqualTo(Cli.EXIT_OK);
    assertThat(Files.readString(ff)).contains(launcher.toString());
  }

  @Test
  void noBrowserFolderIsAFailureOnStderr() {
    assertThat(run("install", "--user", "--home", home.toString(), "--host-path", launcher.toString())).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(err.toString()).startsWith("anchorwatch: no browser folder found under " + home);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void theScopeMessagesSayWhatIsWrong() {
    assertThat(run("install", "--user", "--system", "--home", home.toString())).isEqualTo(Cli.EXIT_USAGE);
    assertThat(err.toString()).startsWith("choose one of --user and --system");
    assertThat(run("uninstall", "--home", home.toString())).isEqualTo(Cli.EXIT_USAGE);
    assertThat(err.toString()).startsWith("choose a scope: --user or --system");
  }
}
