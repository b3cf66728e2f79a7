package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the Windows manifests go for each scope, and install refusing the systems it does not
 * write for before it looks at anything (uninstall's refusal is in InstallerTest). No browser is
 * named, so that even an install that went ahead would find no folder and write nothing.
 */
class InstallEdgesTest {
  @TempDir Path home;

  @Test
  void windowsManifestFoldersPerScope() throws Exception {
    Path exe = Path.of("C:/Program Files/Anchorwatch/Anchorwatch.exe");
    assertThat(WindowsRegistration.manifestDir(Scope.SYSTEM, Map.of("LOCALAPPDATA", "/local"), exe))
        .isEqualTo(exe.toAbsolutePath().getParent().resolve("manifests"));
    assertThat(WindowsRegistration.manifestDir(Scope.USER, Map.of("LOCALAPPDATA", "/local"), exe))
        .isEqualTo(Path.of("/local", "Anchorwatch", "manifests"));
    assertThatThrownBy(() -> WindowsRegistration.manifestDir(Scope.USER, Map.of(), exe)).isInstanceOfSatisfying(InstallException.class, e -> {
      assertThat(e.kind()).isEqualTo(InstallException.Kind.FAILED);
      assertThat(e.getMessage()).isEqualTo("LOCALAPPDATA is not set; cannot place per-user manifests");
    });
  }

  @Test
  void installRefusesWindowsAndUnknownSystemsHonestly() {
    Installer installer = new Installer(Locations.bundled());
    InstallRequest windows = new InstallRequest(Os.WINDOWS, Scope.USER, home, Map.of(), List.of(), List.of(), null, false);
    assertThatThrownBy(() -> installer.install(windows)).isInstanceOfSatisfying(InstallException.class, e -> {
      assertThat(e.kind()).isEqualTo(InstallException.Kind.UNSUPPORTED);
      assertThat(e.getMessage()).startsWith("not supported here: --user on Windows (it would write ");
    });
    InstallRequest unknown = new InstallRequest(null, Scope.USER, home, Map.of(), List.of(), List.of(), null, false);
    assertThatThrownBy(() -> installer.install(unknown)).isInstanceOfSatisfying(InstallException.class, e -> {
      assertThat(e.kind()).isEqualTo(InstallException.Kind.UNSUPPORTED);
      assertThat(e.getMessage()).startsWith("not yet supported: this operating system (");
    });
  }
}
