package org.anchorwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.anchorwatch.privilege.Identity;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administrator verbs in-process, as root, on a root-owned temp Debian layout given by
 * --root (its built-in rebuild is not run under a foreign root). The environment is empty, as the
 * launcher leaves it; a code-choosing variable is the refused case.
 */
class ElevatedCommandsTest {
  @TempDir Path tmp;
  Path root;
  Path anchor;
  TestCerts.Issued evil;
  CliRun cli = new CliRun(Map.of());

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(Identity.current().isRoot(), "the administrator half runs as root (as tests here and in CI do)");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    root = tmp.resolve("root");
    for (String d : List.of("usr/share/ca-certificates", "usr/local/share/ca-certificates", "etc/ssl/certs", "etc/anchorwatch")) {
      Files.createDirectories(root.resolve(d));
    }
    Files.writeString(root.resolve("etc/ca-certificates.conf"), "# Debian selection\n");
    evil = TestCerts.root("Elevated Cli Evil");
    Files.writeString(root.resolve("etc/anchorwatch/policy.json"), "{\"deny\":[{\"name\":\"Elevated Evil\",\"spkiSha256\":\"" + evil.spkiSha256() + "\"}]}");
    anchor = evil.writePem(root.resolve("usr/local/share/ca-certificates/evil.crt"));
  }

  @Test
  void applyRemovesFromTheLayoutAndRestoreListsAndPutsItBack() throws Exception {
    String pem = Files.readString(anchor);
    assertThat(cli.run("elevated-apply", "--key", evil.sha256(), "--mode", "delete", "--op", "0123456789abcdef", "--root", root.toString()))
        .as(cli.err).isEqualTo(Cli.EXIT_OK);
    assertThat(anchor).doesNotExist();
    assertThat(cli.out).contains("removed").contains(anchor.toString())
        .contains("No system store trusts it any more.\n")
        .containsPattern("Undo: sudo anchorwatch elevated-restore [0-9a-f]+\n");
    assertThat(cli.err).contains("backup");

    assertThat(cli.run("elevated-restore", "--root", root.toString())).isEqualTo(Cli.EXIT_OK);
    String id = cli.out.substring(0, cli.out.indexOf(' '));
    assertThat(cli.out).containsPattern("^" + id + "  \\S+  delete  \\d+ location\\(s\\)\n").doesNotContain("cannot be restored");
    assertThat(cli.run("elevated-restore", "--root", root.toString(), "--json")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.json().at("/backups/0/id").asText()).isEqualTo(id);

    assertThat(cli.run("elevated-restore", id, "--root", root.toString())).as(cli.err).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).startsWith("  [0] restored   " + anchor);
    assertThat(Files.readString(anchor)).isEqualTo(pem);
  }

  @Test
  void jsonResultsAreOneDocument() throws Exception {
    assertThat(cli.run("elevated-apply", "--key", evil.spkiSha256(), "--mode", "delete", "--root", root.toString(), "--json"))
        .as(cli.err).isEqualTo(Cli.EXIT_OK);
    JsonNode r = cli.json();
    assertThat(r.at("/verify/clean").asBoolean()).isTrue();
    String id = r.path("backupId").asText();
    assertThat(cli.run("elevated-restore", id, "--root", root.toString(), "--json")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.json().at("/steps/0/status").asText()).isEqualTo("restored");
    assertThat(anchor).exists();
  }

  @Test
  void aKeyNotInstalledIsAnErrorObjectOnStdoutAndALineOnStderr() throws Exception {
    assertThat(cli.run("elevated-apply", "--key", "ab".repeat(32), "--mode", "delete", "--root", root.toString(), "--json"))
        .isEqualTo(Cli.EXIT_RUNTIME);
    JsonNode e = cli.json();
    assertThat(e.at("/error/code").asText()).isEqualTo("NOT_INSTALLED");
    assertThat(cli.err).startsWith("anchorwatch: NOT_INSTALLED: ").contains(e.at("/error/message").asText());
    assertThat(cli.run("elevated-restore", "0123456789abcdef", "--root", root.toString())).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.out).isEmpty();
    assertThat(cli.err).startsWith("anchorwatch: BACKUP_UNKNOWN: ");
    assertThat(anchor).exists();
  }

  @Test
  void aCodeChoosingVariableIsRefusedWithExitTwo() throws Exception {
    CliRun tainted = new CliRun(Map.of("LD_PRELOAD", "/tmp/evil.so"));
    assertThat(tainted.run("elevated-apply", "--key", evil.sha256(), "--mode", "delete", "--root", root.toString(), "--json"))
        .isEqualTo(Cli.EXIT_USAGE);
    assertThat(tainted.json().at("/error/code").asText()).isEqualTo("UNSAFE_INVOCATION");
    assertThat(tainted.err).startsWith("anchorwatch: UNSAFE_INVOCATION: LD_PRELOAD is set");
    assertThat(tainted.run("elevated-restore", "--root", root.toString())).isEqualTo(Cli.EXIT_USAGE);
    assertThat(tainted.out).isEmpty();
    assertThat(anchor).exists();
    assertThat(root.resolve("var/lib/anchorwatch")).doesNotExist();
  }

  @Test
  void aLayoutOthersCanWriteIsRefused() throws Exception {
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(cli.run("elevated-apply", "--key", evil.sha256(), "--mode", "delete", "--root", root.toString())).as(cli.err).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.err).startsWith("anchorwatch: UNSAFE_PATH: " + root + " is not safe for the administrator part");
    assertThat(cli.out).isEmpty();
    assertThat(anchor).exists();
  }

  @Test
  void aBundleTheRebuildDidNotCoverStillTrustsItAndApplyExitsOne() throws Exception {
    Path bundle = evil.writePem(root.resolve("etc/ssl/certs/ca-certificates.crt"));
    assertThat(cli.run("elevated-apply", "--key", evil.sha256(), "--mode", "delete", "--root", root.toString())).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(anchor).doesNotExist();
    assertThat(bundle).exists();
    assertThat(cli.out).contains("1 location(s) still trust it.\n").doesNotContain("No system store trusts it");
    assertThat(cli.err).startsWith("  validate started\n").contains("  backup [0] saved\n").contains("  remove [0] removed\n");
  }

  @Test
  void aRestoreOverAChangedFileFailsWithExitOne() throws Exception {
    assertThat(cli.run("elevated-apply", "--key", evil.sha256(), "--mode", "delete", "--root", root.toString(), "--json")).isEqualTo(Cli.EXIT_OK);
    String id = cli.json().path("backupId").asText();
    TestCerts.root("Someone Else").writePem(anchor);
    String other = Files.readString(anchor);
    assertThat(cli.run("elevated-restore", id, "--root", root.toString())).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.out).startsWith("  [0] ").contains(anchor.toString()).doesNotContain("restored ");
    assertThat(cli.run("elevated-restore", id, "--root", root.toString(), "--json")).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.json().at("/steps/0/status").asText()).isNotEqualTo("restored");
    assertThat(Files.readString(anchor)).isEqualTo(other);
  }

  @Test
  void doctorAsRootAlsoReconcilesTheAdministratorHalfsInterruptedOperation() throws Exception {
    assertThat(cli.run("elevated-apply", "--key", evil.sha256(), "--mode", "delete", "--root", root.toString(), "--json")).isEqualTo(Cli.EXIT_OK);
    String op = cli.json().path("operationId").asText();
    Path journal = root.resolve("var/lib/anchorwatch/journal").resolve(op + ".jsonl");
    CleanupCommandsTest.cutJournal(journal, Files.readAllLines(journal).size() - 1);
    CliRun user = new CliRun(Files.createDirectories(tmp.resolve("home")));
    assertThat(user.run("doctor", "--no-default-stores", "--root", root.toString())).as(user.err).isEqualTo(Cli.EXIT_OK);
    assertThat(user.out).startsWith("Interrupted operation " + op + " (backup verified):\n").contains(anchor.toString());
    assertThat(user.err).isEmpty();
  }
}
