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

  @Test
  void aFolderOwnedByAnotherAccountIsRefused() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "giving a folder away needs root");
    Path dir = Files.createDirectory(tmp.resolve("theirs"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setAttribute(dir, "unix:uid", 65534, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    assertThat(JnaHome.prepare(dir)).as("another account could plant the library there").isFalse();
  }

  @Test
  void aFolderThatCannotBeMadeIsRefusedNotThrown() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertThat(JnaHome.prepare(file.resolve("below/jna"))).isFalse();
  }

  /** Windows has no POSIX view: the profile's ACLs keep others out, so a plain folder is enough. */
  @Test
  void withoutPosixAttributesAFolderIsEnough() throws Exception {
    Path zip = tmp.resolve("nonposix.zip");
    try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.of("create", "true"))) {
      assertThat(fs.supportedFileAttributeViews()).doesNotContain("posix");
      Path dir = fs.getPath("/AppData/Local/Anchorwatch/jna");
      assertThat(JnaHome.prepare(dir)).isTrue();
      assertThat(Files.isDirectory(dir)).isTrue();
      Files.writeString(fs.getPath("/plain"), "x");
      assertThat(JnaHome.prepare(fs.getPath("/plain"))).isFalse();
    }
  }
}
