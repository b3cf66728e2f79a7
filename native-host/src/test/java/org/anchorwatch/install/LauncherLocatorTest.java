package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherLocatorTest {
  @TempDir Path tmp;

  @Test
  void devTreeJarInNativeHostTarget() throws Exception {
    Path jar = file(tmp.resolve("repo/native-host/target/anchorwatch.jar"), false);
    Path launcher = file(tmp.resolve("repo/installer/anchorwatch"), true);
    assertThat(LauncherLocator.find(jar)).isEqualTo(launcher);
  }

  @Test
  void devTreeClassesFolderWhenRunFromTheBuild() throws Exception {
    Path classes = Files.createDirectories(tmp.resolve("repo/native-host/target/classes"));
    Path launcher = file(tmp.resolve("repo/installer/anchorwatch"), true);
    assertThat(LauncherLocator.find(classes)).isEqualTo(launcher);
  }

  @Test
  void installedPrefixLayout() throws Exception {
    Path jar = file(tmp.resolve("usr/lib/anchorwatch/anchorwatch.jar"), false);
    Path launcher = file(tmp.resolve("usr/bin/anchorwatch"), true);
    assertThat(LauncherLocator.find(jar)).isEqualTo(launcher);
  }

  @Test
  void launcherBesideTheJarWins() throws Exception {
    Path jar = file(tmp.resolve("opt/anchorwatch/anchorwatch.jar"), false);
    Path beside = file(tmp.resolve("opt/anchorwatch/anchorwatch"), true);
    file(tmp.resolve("bin/anchorwatch"), true);
    assertThat(LauncherLocator.find(jar)).isEqualTo(beside);
  }

  @Test
  void aNonExecutableLauncherDoesNotCountAndTheErrorSaysWhereItLooked() throws Exception {
    Path jar = file(tmp.resolve("repo/native-host/target/anchorwatch.jar"), false);
    file(tmp.resolve("repo/installer/anchorwatch"), false);
    assertThatThrownBy(() -> LauncherLocator.find(jar)).isInstanceOf(InstallException.class)
        .hasMessageContaining(tmp.resolve("repo/installer/anchorwatch").toString())
        .hasMessageContaining(tmp.resolve("repo/native-host/target/anchorwatch").toString())
        .hasMessageContaining("--host-path");
  }

  @Test
  void thisBuildFindsTheRepositoryLauncher() throws Exception {
    assertThat(LauncherLocator.find(LauncherLocator.codeSource())).isEqualTo(Path.of("../installer/anchorwatch").toAbsolutePath().normalize());
  }

  static Path file(Path p, boolean executable) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, executable ? "#!/bin/sh\n" : "jar");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    return p;
  }
}
