package org.anchorwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JnaHomeTest {
  @TempDir
  Path tmp;

  @Test
  void eachOsGetsAFolderInTheAccountsOwnHome() {
    assertThat(JnaHome.choose("Linux", "/home/u")).contains(Path.of("/home/u/.cache/anchorwatch/jna"));
    assertThat(JnaHome.choose("Mac OS X", "/Users/u")).contains(Path.of("/Users/u/Library/Caches/Anchorwatch/jna"));
    assertThat(JnaHome.choose("Windows 11", "/c/Users/u")).contains(Path.of("/c/Users/u", "AppData", "Local", "Anchorwatch", "jna"));
    assertThat(JnaHome.choose("FreeBSD", "/home/u")).isEmpty();
    assertThat(JnaHome.choose("Linux", "")).isEmpty();
  }

  @Test
  void theFolderIsCreatedPrivateAndAnOpenOneIsTightened() throws Exception {
    Path dir = tmp.resolve("a/jna");
    assertThat(JnaHome.prepare(dir)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(JnaHome.prepare(dir)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
  }

  @Test
  void aSymlinkOrAFileInThePlaceIsRefused() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(tmp.resolve("jna"), real);
    assertThat(JnaHome.prepare(link)).isFalse();
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThat(JnaHome.prepare(file)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void anAccountWithoutAHomeGetsAFreshPrivateDirectory() throws Exception {
    Path d = JnaHome.privateTempDir().orElseThrow();
    assertThat(java.nio.file.Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(d))).isEqualTo("rwx------");
    assertThat(JnaHome.privateTempDir().orElseThrow()).isNotEqualTo(d);
  }
}
