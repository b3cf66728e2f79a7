package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's small parts on real temp files: JNA's folder and its mount options (a mounts
 * table in /proc/self/mounts format), the install record's load, merge and save, the XDG rules
 * of a home, the OS and problem tables.
 */
class InstallPartsTest {
  @TempDir Path tmp;

  private Path mounts(String... lines) throws Exception {
    return Files.writeString(tmp.resolve("mounts"), String.join("\n", lines) + "\n");
  }

  @Test
  void jnaFolderOnTheLongestMatchingMountDecidesNoexec() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("cache/JNA/temp"));
    String root = "/dev/sda1 / ext4 rw,relatime 0 0";
    String tmpMount = "tmpfs " + tmp + " tmpfs rw,nosuid,noexec 0 0";
    assertThat(JnaDir.finding(folder, mounts(root))).isEmpty();
    assertThat(JnaDir.finding(folder, mounts(root, tmpMount))).hasValueSatisfying(f -> {
      assertThat(f.code()).isEqualTo(InstallProblem.JNA_DIR_UNUSABLE);
      assertThat(f.location()).isEqualTo(folder.toString());
      assertThat(f.detail()).isEqualTo(folder + " is on a noexec mount");
      assertThat(f.browser()).isNull();
      assertThat(f.fix()).isEqualTo(InstallProblem.JNA_DIR_UNUSABLE.fix(""));
    });
    // a later, longer mount point without noexec wins; a shorter one after it does not
    String inner = "tmpfs " + tmp.resolve("cache") + " tmpfs rw,exec 0 0";
    assertThat(JnaDir.finding(folder, mounts(root, tmpMount, inner))).isEmpty();
    assertThat(JnaDir.finding(folder, mounts(inner, tmpMount))).isEmpty();
    assertThat(JnaDir.finding(folder, mounts(tmpMount, root))).isPresent();
    // an equally long entry later in the table is the one in force (mounted over)
    assertThat(JnaDir.finding(folder, mounts(inner, "tmpfs " + tmp.resolve("cache") + " tmpfs rw,noexec 0 0"))).isPresent();
    // "noexec" only as a whole option; short and unreadable tables say nothing
    assertThat(JnaDir.finding(folder, mounts("tmpfs " + tmp + " tmpfs rw,noexecx 0 0"))).isEmpty();
    assertThat(JnaDir.finding(folder, mounts("tmpfs " + tmp + " tmpfs"))).isEmpty();
    assertThat(JnaDir.finding(folder, tmp.resolve("no-mounts"))).isEmpty();
  }

  @Test
  void mountPointsWithSpacesAndFoldersNotMadeYet() throws Exception {
    Path spaced = Files.createDirectories(tmp.resolve("my cache"));
    Path notYet = spaced.resolve("JNA/temp");
    String escaped = tmp.resolve("my cache").toString().replace(" ", "\\040");
    assertThat(JnaDir.finding(notYet, mounts("tmpfs " + escaped + " tmpfs rw,noexec 0 0"))).isPresent();
    assertThat(JnaDir.finding(notYet, mounts("/dev/sda1 / ext4 rw 0 0"))).isEmpty();
  }

  @Test
  void jnaFolderFromTheEnvironment() {
    String saved = System.getProperty("jna.tmpdir");
    System.clearProperty("jna.tmpdir");
    try {
      assertThat(JnaDir.folder(Map.of("XDG_CACHE_HOME", "/c", "HOME", "/h"))).isEqualTo(Path.of("/c/JNA/temp"));
      assertThat(JnaDir.folder(Map.of("XDG_CACHE_HOME", "rel", "HOME", "/h"))).isEqualTo(Path.of("/h/.cache/JNA/temp"));
      assertThat(JnaDir.folder(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.cache/JNA/temp"));
      System.setProperty("jna.tmpdir", "/j");
      assertThat(JnaDir.folder(Map.of("XDG_CACHE_HOME", "/c"))).isEqualTo(Path.of("/j"));
    } finally {
      if (saved == null) System.clearProperty("jna.tmpdir");
      else System.setProperty("jna.tmpdir", saved);
    }
  }

  @Test
  void installRecordLoadsMergesAndForgets() throws Exception {
    Path file = tmp.resolve("state/anchorwatch/installed-manifests.json");
    InstallRecord none = InstallRecord.load(file);
    assertThat(none.version()).isEqualTo(1);
    assertThat(none.entries()).isEmpty();
    InstallRecord.Entry a = new InstallRecord.Entry("chrome", "/a.json", "h1", "/bin/aw", "t1");
    InstallRecord.Entry b = new InstallRecord.Entry("firefox", "/b.json", "h2", "/bin/aw", "t2");
    InstallRecord.Entry a2 = new InstallRecord.Entry("chrome", "/a.json", "h3", "/bin/aw", "t3");
    InstallRecord r = none.with(List.of(a, b)).with(List.of(a2));
    assertThat(r.entries()).containsExactly(a2, b);
    assertThat(r.find(Path.of("/b.json"))).isEqualTo(b);
    assertThat(r.find(Path.of("/c.json"))).isNull();
    r.save(file);
    assertThat(InstallRecord.load(file)).isEqualTo(r);
    InstallRecord fewer = r.without(List.of("/a.json"));
    assertThat(fewer.entries()).containsExactly(b);
    fewer.without(List.of("/b.json")).save(file);
    assertThat(file).doesNotExist();
    Files.writeString(tmp.resolve("null-entries.json"), "{\"version\":1,\"entries\":null}");
    assertThat(InstallRecord.load(tmp.resolve("null-entries.json")).entries()).isEmpty();
    Path broken = Files.writeString(tmp.resolve("broken.json"), "{not json");
    assertThatThrownBy(() -> InstallRecord.load(broken)).isInstanceOfSatisfying(InstallException.class, e -> {
      assertThat(e.kind()).isEqualTo(InstallException.Kind.FAILED);
      assertThat(e.getMessage()).startsWith("install record " + broken + " unreadable: ").endsWith("(move it aside to start afresh; nothing was changed)");
    });
  }

  @Test
  void xdgFoldersCountOnlyForTheProcessOwnHomeAndOnlyWhenAbsolute() {
    Map<String, String> env = Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data");
    UserDirs own = UserDirs.of(null, env);
    assertThat(own.home()).isEqualTo(Path.of("/home/u"));
    assertThat(own.xdgConfig()).isEqualTo(Path.of("/cfg"));
    assertThat(own.xdgData()).isEqualTo(Path.of("/data"));
    UserDirs other = UserDirs.of(Path.of("/home/other/../other"), env);
    assertThat(other.home()).isEqualTo(Path.of("/home/other"));
    assertThat(other.xdgConfig()).isEqualTo(Path.of("/home/other/.config"));
    assertThat(other.xdgData()).isEqualTo(Path.of("/home/other/.local/share"));
    UserDirs relative = UserDirs.of(null, Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "cfg"));
    assertThat(relative.xdgConfig()).isEqualTo(Path.of("/home/u/.config"));
    assertThat(own.expand("~/.mozilla/native-messaging-hosts")).isEqualTo(Path.of("/home/u/.mozilla/native-messaging-hosts"));
    assertThat(own.expand("${XDG_CONFIG_HOME}/chromium/NativeMessagingHosts")).isEqualTo(Path.of("/cfg/chromium/NativeMessagingHosts"));
    assertThat(own.expand("/etc/opt/chrome/native-messaging-hosts")).isEqualTo(Path.of("/etc/opt/chrome/native-messaging-hosts"));
  }

  @Test
  void osAndProblemTables() {
    assertThat(List.of(Os.LINUX.key(), Os.MACOS.key(), Os.WINDOWS.key())).containsExactly("linux", "macos", "windows");
    assertThat(List.of(Os.LINUX.label(), Os.MACOS.label(), Os.WINDOWS.label())).containsExactly("Linux", "macOS", "Windows");
    String saved = System.getProperty("os.name");
    try {
      for (var c : Map.of("Linux", Os.LINUX, "Mac OS X", Os.MACOS, "Windows 11", Os.WINDOWS).entrySet()) {
        System.setProperty("os.name", c.getKey());
        assertThat(Os.current()).as(c.getKey()).isEqualTo(c.getValue());
      }
      System.setProperty("os.name", "FreeBSD");
      assertThat(Os.current()).isNull();
    } finally {
      System.setProperty("os.name", saved);
    }
    assertThat(InstallProblem.MANIFEST_MISSING.fix("brave")).isEqualTo("run: anchorwatch install --user --browser brave");
    assertThat(InstallProblem.MANIFEST_INVALID.fix("brave")).isEqualTo("run: anchorwatch install --user --force (or reinstall the package)");
    assertThat(InstallProblem.SANDBOXED_BROWSER.fix("use the .deb")).isEqualTo("see the advice of this finding: use the .deb");
    for (InstallProblem p : InstallProblem.values()) assertThat(p.meaning()).as(p.name()).isNotBlank();
  }
}
