package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anchorwatch.cleanup.platform.InstalledLaunchers;
import org.anchorwatch.privilege.AdminGate;
import org.anchorwatch.privilege.WindowsAcl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor on Windows: the administrator route and records through the ACL rule (fake advapi32, real files). */
class ElevationDoctorTest {
  static final String ADMINS = "S-1-5-32-544";
  static final String USERS = "S-1-5-32-545";
  static final int MODIFY = 0x1301bf;

  @TempDir Path tmp;
  Path jar;
  Path records;
  boolean elevated;
  boolean usersMayWriteRecords;

  final WindowsAcl.Binding acl = new WindowsAcl.Binding() {
    @Override
    public WindowsAcl.Security read(Path p) throws IOException {
      boolean open = usersMayWriteRecords && p.startsWith(records);
      return new WindowsAcl.Security(ADMINS, open ? List.of(new WindowsAcl.Ace(ADMINS, true, 0x1f01ff, false), new WindowsAcl.Ace(USERS, true, MODIFY, false))
          : List.of(new WindowsAcl.Ace(ADMINS, true, 0x1f01ff, false)));
    }

    @Override
    public boolean processElevated() {
      return elevated;
    }
  };

  @BeforeEach
  void install() throws Exception {
    Path app = Files.createDirectories(tmp.resolve("Program Files/Anchorwatch/app"));
    jar = Files.writeString(app.resolve("anchorwatch.jar"), "jar");
    Files.writeString(app.getParent().resolve("anchorwatch-cli.exe"), "exe");
    records = app.getParent().resolve("records");
  }

  List<ElevationDoctor.Check> run() {
    AdminGate gate = new AdminGate.Windows(acl);
    OsElevation route = new OsElevation(InstalledLaunchers.WINDOWS, jar, gate, p -> {
      throw new AssertionError("doctor never elevates");
    });
    return new ElevationDoctor(route, gate, CleanupDirs.forAdministrator("Windows 11", Path.of("/"), jar.getParent().getParent())).run();
  }

  @Test
  void aHealthyInstallationWithoutRecordsYet() {
    assertThat(run()).extracting(ElevationDoctor.Check::what, ElevationDoctor.Check::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("elevated-launcher", "ok"),
        org.assertj.core.groups.Tuple.tuple("administrator-records", "info"),
        org.assertj.core.groups.Tuple.tuple("administrator-records", "info"),
        org.assertj.core.groups.Tuple.tuple("elevated", "info"));
    assertThat(run().get(0).detail()).contains(tmp.resolve("Program Files/Anchorwatch/anchorwatch-cli.exe").toString());
  }

  @Test
  void recordsUsersMayWriteAndAMissingLauncherAreProblemsWithStableCodes() throws Exception {
    Files.createDirectories(records.resolve("backups"));
    Files.createDirectories(records.resolve("journal"));
    assertThat(run()).filteredOn(c -> c.what().equals("administrator-records")).extracting(ElevationDoctor.Check::status).containsOnly("ok");
    usersMayWriteRecords = true;
    assertThat(run()).filteredOn(c -> c.what().equals("administrator-records")).extracting(ElevationDoctor.Check::code).containsOnly("UNSAFE_PATH");
    Files.delete(tmp.resolve("Program Files/Anchorwatch/anchorwatch-cli.exe"));
    assertThat(run().get(0)).satisfies(c -> {
      assertThat(c.status()).isEqualTo("problem");
      assertThat(c.code()).isEqualTo("NEEDS_SYSTEM_INSTALL");
    });
    elevated = true;
    assertThat(run().get(3).detail()).contains("this run is elevated");
  }

  @Test
  void linuxHasNoSuchChecksHere() {
    assertThat(System.getProperty("os.name")).startsWith("Linux");
    assertThat(ElevationDoctor.forThisMachine()).isEmpty();
  }
}
