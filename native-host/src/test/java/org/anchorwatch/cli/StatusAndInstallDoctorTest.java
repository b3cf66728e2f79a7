package org.anchorwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `status` and the installation part of `doctor`, in-process, on a temp --home and --root. */
class StatusAndInstallDoctorTest {
  @TempDir Path dir;
  CliRun cli;
  Path home;
  Path root;
  Path launcher;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(dir.resolve("home"));
    root = Files.createDirectories(dir.resolve("root"));
    cli = new CliRun(home);
    launcher = Files.writeString(dir.resolve("anchorwatch"), "#!/bin/sh\nexit 1\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void statusListsEveryLocationAndWhatIsThere() throws Exception {
    assertThat(cli.run("install", "--user", "--home", home.toString(), "--browser", "firefox", "--host-path", launcher.toString()))
        .isEqualTo(Cli.EXIT_OK);
    Path ff = home.resolve(".mozilla/native-messaging-hosts/org.anchorwatch.host.json");
    assertThat(cli.run("status", "--home", home.toString(), "--root", root.toString())).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains(String.format("%-10s %-7s %-12s %s  -> %s%n", "firefox", "user", "manifest", ff, launcher))
        .contains(String.format("%-10s %-7s ", "chrome", "system"))
        .contains(root.toString());
    assertThat(cli.out.lines()).allSatisfy(l -> assertThat(l).satisfiesAnyOf(x -> assertThat(x).contains(home.toString()),
        x -> assertThat(x).contains(root.toString())));
    assertThat(cli.run("status", "--home", home.toString(), "--root", root.toString(), "--json")).isEqualTo(Cli.EXIT_OK);
    JsonNode rows = cli.json();
    JsonNode firefoxUser = null;
    for (JsonNode r : rows) if (r.path("browser").asText().equals("firefox") && r.path("scope").asText().equals("user")) firefoxUser = r;
    assertThat(firefoxUser).isNotNull();
    assertThat(firefoxUser.path("hostPath").asText()).isEqualTo(launcher.toString());
    assertThat(firefoxUser.path("location").asText()).isEqualTo(ff.toString());
  }

  @Test
  void doctorPrintsEachInstallationFindingWithWhereSeenAndFix() throws Exception {
    Path ff = Files.createDirectories(home.resolve(".mozilla/native-messaging-hosts")).resolve("org.anchorwatch.host.json");
    Files.writeString(ff, "not json");
    assertThat(cli.run("doctor", "--home", home.toString(), "--root", root.toString(), "--no-default-stores")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains("\nInstallation: 1 manifest(s) checked, ")
        .contains("\n  MANIFEST_INVALID (firefox): the host manifest is not valid JSON or names another host\n    where: " + ff + "\n    seen:  unreadable or not JSON: ")
        .contains("\n    fix:   run: anchorwatch install --user --force (or reinstall the package)\n");
    assertThat(cli.run("doctor", "--home", home.toString(), "--root", root.toString(), "--no-default-stores", "--json")).isEqualTo(Cli.EXIT_OK);
    JsonNode d = cli.json();
    assertThat(d.at("/install/checked/0").asText()).isEqualTo(ff.toString());
    assertThat(d.at("/install/findings/0/code").asText()).isEqualTo("MANIFEST_INVALID");
  }
}
