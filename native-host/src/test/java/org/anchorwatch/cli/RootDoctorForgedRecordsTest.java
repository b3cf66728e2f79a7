package org.anchorwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.anchorwatch.privilege.Identity;
import org.anchorwatch.testsupport.Unprivileged;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malware that runs as the user writes cleanup records into that user's folders and waits for
 * the administrator to run `sudo -E anchorwatch doctor` (or a root shell with the user's HOME):
 * a forged "lost" journal that would make root report an alarm and, on --acknowledge, append to a
 * file the user controls; a forged interrupted operation that would make root repair it. Root
 * must neither report, nor repair, nor write any of them — and still check its own records.
 */
class RootDoctorForgedRecordsTest {
  @TempDir Path tmp;
  Path userHome;
  Path journal;
  Path lost;
  Path interrupted;

  @BeforeEach
  void forgeTheUsersRecords() throws Exception {
    Assumptions.assumeTrue(Identity.current().isRoot(), "the attack is on a process running as root");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    userHome = Files.createDirectories(tmp.resolve("home/mallory"));
    journal = Files.createDirectories(userHome.resolve(".local/state/anchorwatch/journal"));
    lost = Files.writeString(journal.resolve("forged-lost.jsonl"),
        "{\"ts\":\"2026-11-27T00:00:00Z\",\"event\":\"begin\",\"step\":-1}\n"
            + "{\"ts\":\"2026-11-27T00:00:01Z\",\"event\":\"lost\",\"step\":0,\"detail\":\"/etc/ssl/certs/\\u001b[2Jforged\"}\n");
    interrupted = Files.writeString(journal.resolve("forged-interrupted.jsonl"),
        "{\"ts\":\"2026-11-27T00:00:00Z\",\"event\":\"begin\",\"step\":-1}\n"
            + "{\"ts\":\"2026-11-27T00:00:01Z\",\"event\":\"intent\",\"step\":0,\"detail\":\"/etc/ssl/certs/x.pem\"}\n");
    Unprivileged.chownToNobody(userHome);
  }

  private String records() throws Exception {
    return Files.readString(lost) + Files.readString(interrupted) + Files.getLastModifiedTime(lost) + Files.getLastModifiedTime(interrupted)
        + Files.getOwner(lost).getName() + Files.getOwner(interrupted).getName();
  }

  private CliRun cli() {
    return new CliRun(Map.of("HOME", userHome.toString()));
  }

  @Test
  void rootDoctorNeitherReportsNorRepairsNorWritesRecordsAnotherUserCouldHaveForged() throws Exception {
    String before = records();
    CliRun cli = cli();
    int exit = cli.run("doctor", "--json", "--root", Files.createDirectories(tmp.resolve("root")).toString());
    assertThat(cli.err).contains("anchorwatch: this account's records not checked: UNSAFE_PATH: ");
    assertThat(exit).as(cli.err).isEqualTo(Cli.EXIT_OK); // no alarm from forged data
    assertThat(cli.json().path("lostBackups")).isEmpty();
    assertThat(cli.json().path("repaired")).isEmpty();
    assertThat(records()).isEqualTo(before);
  }

  /** Alone, so that the interrupted journal's repair (refused on its own) cannot stop the run before it. */
  @Test
  void aForgedLostBackupRaisesNoAlarmInARootDoctor() throws Exception {
    Files.delete(interrupted);
    String before = Files.readString(lost) + Files.getLastModifiedTime(lost);
    CliRun cli = cli();
    int exit = cli.run("doctor", "--root", Files.createDirectories(tmp.resolve("root")).toString());
    assertThat(cli.out).doesNotContain("Lost backup").doesNotContain("forged");
    assertThat(exit).as(cli.out + cli.err).isEqualTo(Cli.EXIT_OK);
    assertThat(Files.readString(lost) + Files.getLastModifiedTime(lost)).isEqualTo(before);
  }

  @Test
  void rootCannotBeMadeToAcknowledgeIntoAFileTheUserControls() throws Exception {
    String before = records();
    CliRun cli = cli();
    int exit = cli.run("doctor", "--acknowledge", "forged-lost", "--root", Files.createDirectories(tmp.resolve("root")).toString());
    assertThat(exit).isEqualTo(Cli.EXIT_USAGE);
    assertThat(cli.err).contains("anchorwatch: this account's records not checked: UNSAFE_PATH: ")
        .endsWith("anchorwatch: no lost backup to acknowledge for operation forged-lost (doctor lists them under \"Lost backup\")\n");
    assertThat(records()).isEqualTo(before);
  }
}
