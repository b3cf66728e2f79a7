package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery's choices that depend on where it runs: the real machine (environment) or a --root. */
class DiscoveryTest {
  @TempDir Path tmp;

  private static Path executable(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void onTheRealMachineJavaHomeAndTheJavaOnPathNameJdks() throws Exception {
    Path onPath = tmp.resolve("jdk-on-path");
    executable(onPath.resolve("bin/java"));
    Path notExecutable = tmp.resolve("jdk-not-executable");
    Files.createDirectories(notExecutable.resolve("bin"));
    Files.writeString(notExecutable.resolve("bin/java"), "not a program");
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.createDirectories(home.resolve(".jdks/temurin-21"));
    Files.writeString(home.resolve(".jdks/README"), "a file, not a JDK");
    DiscoveryContext real = new DiscoveryContext(Path.of("/"), List.of(home), Map.of(
        "JAVA_HOME", tmp.resolve("java-home").toString(),
        "PATH", "::" + notExecutable.resolve("bin") + ":" + onPath.resolve("bin")));

    assertThat(Discovery.jdkHomes(real))
        .contains(tmp.resolve("java-home"), onPath, home.resolve(".jdks/temurin-21"))
        .doesNotContain(notExecutable, home.resolve(".jdks/README"));
  }

  @Test
  void underARootTheEnvironmentNamesNoJdkAndNoConfigDirectory() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path onPath = tmp.resolve("jdk-on-path");
    executable(onPath.resolve("bin/java"));
    Path home = Files.createDirectories(root.resolve("home/u"));
    Path jvm = Files.createDirectories(root.resolve("usr/lib/jvm/java-17"));
    DiscoveryContext offline = new DiscoveryContext(root, List.of(home), Map.of(
        "JAVA_HOME", tmp.resolve("java-home").toString(), "PATH", onPath.resolve("bin").toString(),
        "HOME", home.toString(), "XDG_CONFIG_HOME", tmp.resolve("xdg").toString()));

    assertThat(Discovery.jdkHomes(offline)).containsExactly(jvm);
    assertThat(Discovery.xdgConfig(offline, home)).isEqualTo(home.resolve(".config"));
  }

  @Test
  void xdgConfigHomeCountsOnlyForTheOwnHomeAndWhenSet() {
    Path home = tmp.resolve("home");
    Map<String, String> env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
    DiscoveryContext real = new DiscoveryContext(Path.of("/"), List.of(home), env);
    assertThat(Discovery.xdgConfig(real, home)).isEqualTo(tmp.resolve("xdg"));
    assertThat(Discovery.xdgConfig(real, tmp.resolve("other"))).isEqualTo(tmp.resolve("other/.config"));
    DiscoveryContext blank = new DiscoveryContext(Path.of("/"), List.of(home), Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", " "));
    assertThat(Discovery.xdgConfig(blank, home)).isEqualTo(home.resolve(".config"));
  }

  @Test
  void underARootAnAbsoluteLinkIsFollowedInsideTheRoot() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    TestCerts.Issued anchor = TestCerts.root("CN=Linked From Opt");
    anchor.writePem(root.resolve("opt/corp/corp.crt"));
    Path local = Files.createDirectories(root.resolve("usr/local/share/ca-certificates"));
    Files.createSymbolicLink(local.resolve("corp.crt"), Path.of("/opt/corp/corp.crt"));

    StoreRef ref = Discovery.discover(new DiscoveryContext(root, List.of(), Map.of())).stream()
        .filter(r -> r.path().equals(local)).findFirst().orElseThrow();
    assertThat(ref.rules().linkRoot()).isEqualTo(root);
    StoreListing l = StoreOpener.open(ref).list();
    assertThat(l.entries()).singleElement().satisfies(e -> assertThat(e.cert().subject()).isEqualTo(anchor.subject()));
  }
}
