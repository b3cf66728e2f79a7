package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where the administrator half keeps its records on each OS (the folders must exist or be creatable by root/administrators alone). */
class AdminRecordsTest {
  @Test
  void linuxKeepsRecordsInVarLibAndLocksInRun() {
    CleanupDirs d = CleanupDirs.forAdministrator("Linux", Path.of("/"), null);
    assertThat(d.backups()).isEqualTo(Path.of("/var/lib/anchorwatch/backups"));
    assertThat(d.locks()).isEqualTo(Path.of("/run/anchorwatch/locks"));
    assertThat(d.administrator()).isTrue();
  }

  @Test
  void macOsAvoidsTheReadOnlySystemVolumeAndTheMissingRun() {
    CleanupDirs d = CleanupDirs.forAdministrator("Mac OS X", Path.of("/"), null);
    assertThat(d.backups()).isEqualTo(Path.of("/Library/Application Support/Anchorwatch/backups"));
    assertThat(d.journal()).isEqualTo(Path.of("/Library/Application Support/Anchorwatch/journal"));
    assertThat(d.locks()).isEqualTo(Path.of("/Library/Application Support/Anchorwatch/locks"));
  }

  @Test
  void windowsKeepsThemBesideTheInstalledProgramNotInProgramData() {
    Path install = Path.of("/Program Files/Anchorwatch");
    CleanupDirs d = CleanupDirs.forAdministrator("Windows 11", Path.of("/"), install);
    assertThat(d.backups()).isEqualTo(install.resolve("records/backups"));
    assertThat(d.locks()).isEqualTo(install.resolve("records/locks"));
    assertThat(CleanupDirs.forAdministrator("Windows 10", Path.of("/"), null).backups().toString()).contains("nonexistent");
  }
}
