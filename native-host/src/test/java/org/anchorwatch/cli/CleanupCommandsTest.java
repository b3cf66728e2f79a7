package org.anchorwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan / remove / backups / restore / doctor in-process on a temp PEM store, with backups and
 * journals under a temp HOME and a temp --root (doctor as root also reads the administrator
 * records under it, never the real /var/lib/anchorwatch).
 */
class CleanupCommandsTest {
  @TempDir Path dir;
  CliRun cli;
  TestCerts.Issued evil;
  Path anchors;
  Path anchor;
  Path policy;
  Path home;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(dir.resolve("home"));
    cli = new CliRun(home);
    evil = TestCerts.root("CN=Cleanup Cli Evil");
    anchors = dir.resolve("anchors");
    anchor = evil.writePem(anchors.resolve("evil.crt"));
    policy = Files.writeString(dir.resolve("policy.json"),
        "{\"deny\":[{\"name\":\"Cli Evil\",\"id\":\"cli-evil\",\"notes\":\"planted\",\"spkiSha256\":\"" + evil.spkiSha256() + "\"}]}");
  }

  int run(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    a.addAll(List.of("--no-default-stores", "--store", "pem:" + anchors, "--policy", policy.toString(), "--root", dir.resolve("root").toString()));
    return cli.run(a.toArray(String[]::new));
  }

  @Test
  void planDescribesTheCertificateAndEveryStepAndChangesNothing() throws Exception {
    assertThat(run("plan", evil.sha256())).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).startsWith("Certificate: " + evil.subject() + "\n")
        .contains("  Cli Evil (cli-evil, interception, severity ")
        .contains("  why: planted\n")
        .contains("  issuer: " + evil.subject() + "\n  sha256: " + evil.sha256() + "\n  spki:   " + evil.spkiSha256() + "\n")
        .containsPattern("\nPlan [0-9a-f-]+ \\(delete\\), 1 location\\(s\\):\n")
        .contains("  [0] delete           " + anchor + "\n      store: ")
        .contains("      backup: the file's exact bytes, path, mode and owner\n      installed: ")
        .doesNotContain("needs administrator rights").doesNotContain("      $ ");
    assertThat(anchor).exists();
    assertThat(cli.err).isEmpty();

    assertThat(run("plan", evil.spkiSha256(), "--distrust", "--json")).isEqualTo(Cli.EXIT_OK);
    JsonNode plan = cli.json();
    assertThat(plan.path("mode").asText()).isEqualTo("distrust");
    assertThat(plan.at("/steps/0/location").asText()).isEqualTo(anchor.toString());
    assertThat(plan.at("/target/spkiSha256").asText()).isEqualTo(evil.spkiSha256());
    assertThat(plan.at("/steps/0/sha256").asText()).isEqualTo(evil.sha256());
  }

  @Test
  void planErrorsAreStableCodesOnStderr() {
    assertThat(run("plan", "not-a-hash")).isEqualTo(Cli.EXIT_USAGE);
    assertThat(cli.err).startsWith("anchorwatch: BAD_HASH: ");
    assertThat(run("plan", "ab".repeat(32))).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.err).startsWith("anchorwatch: NOT_INSTALLED: ");
    assertThat(cli.out).isEmpty();
    assertThat(run("plan", evil.sha256(), "--store", "floppy:x")).isEqualTo(Cli.EXIT_USAGE);
    assertThat(cli.err).startsWith("anchorwatch: UNKNOWN_STORE_TYPE: ");
  }

  @Test
  void removeWithoutATerminalOrYesChangesNothing() throws Exception {
    assertThat(run("remove", evil.sha256())).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.out).contains("Certificate: " + evil.subject());
    assertThat(cli.err).isEqualTo("Confirmation needs a terminal. Re-run in one, or pass --yes to confirm this plan non-interactively.\n"
        + "Nothing was changed.\n");
    assertThat(anchor).exists();
    assertThat(run("backups")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).isEqualTo("No backups.\n");
  }

  @Test
  void dryRunShowsThePlanOnlyAndJsonDryRunIsOneDocument() throws Exception {
    assertThat(run("remove", evil.sha256(), "--dry-run")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains("Plan ").contains("(delete)");
    assertThat(cli.err).isEmpty();
    assertThat(run("remove", evil.sha256(), "--dry-run", "--json", "--distrust")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.json().path("mode").asText()).isEqualTo("distrust");
    assertThat(anchor).exists();
  }

  @Test
  void removeBacksUpRemovesVerifiesAndRestoreUndoesIt() throws Exception {
    String pem = Files.readString(anchor);
    assertThat(run("remove", evil.sha256(), "--yes")).as(cli.err).isEqualTo(Cli.EXIT_OK);
    assertThat(anchor).doesNotExist();
    assertThat(cli.out).containsPattern("\nOperation [0-9a-f-]+\n")
        .contains("  [0] ").contains(anchor.toString())
        .containsPattern("Backup: (/.*)  \\(undo: anchorwatch restore ([0-9a-zA-Z-]+)\\)\n")
        .contains("Verified: no store on this machine trusts it any more.\n")
        .contains("any more.\n\nAftercare: traffic may have been readable while this root was trusted")
        .contains("  Change the passwords of accounts you used since then");
    assertThat(cli.err).contains("backup").doesNotContain("Nothing was changed");

    assertThat(run("backups")).isEqualTo(Cli.EXIT_OK);
    String id = cli.out.substring(0, cli.out.indexOf(' '));
    assertThat(cli.out).contains("  delete  " + evil.subject()).doesNotContain("(restored)").doesNotContain("cannot be restored")
        .contains("    [0] delete       " + anchor + "\n");
    assertThat(run("backups", "--json")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.json().get(0).path("id").asText()).isEqualTo(id);
    assertThat(Files.list(home.resolve(".local/share/anchorwatch/backups")).map(p -> p.getFileName().toString())).contains(id);

    assertThat(run("restore", id)).as(cli.err).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).isEqualTo("  [0] restored  " + anchor + "\n");
    assertThat(Files.readString(anchor)).isEqualTo(pem);
    assertThat(run("backups")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains("  (restored)");
  }

  @Test
  void removeJsonCarriesPlanAndResultAndRestoreJsonItsSteps() throws Exception {
    assertThat(run("remove", evil.sha256(), "--yes", "--json")).as(cli.err).isEqualTo(Cli.EXIT_OK);
    JsonNode doc = cli.json();
    assertThat(doc.at("/plan/target/sha256").asText()).isEqualTo(evil.sha256());
    assertThat(doc.at("/result/verify/clean").asBoolean()).isTrue();
    String id = doc.at("/result/backupId").asText();
    assertThat(cli.err).isEmpty();
    assertThat(run("restore", id, "--step", "0", "--json")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.json().at("/steps/0/status").asText()).isEqualTo("restored");
    assertThat(anchor).exists();
  }

  @Test
  void restoringOverAChangedFileOrAnUnknownBackupFails() throws Exception {
    run("remove", evil.sha256(), "--yes", "--json");
    String id = cli.json().at("/result/backupId").asText();
    assertThat(run("restore", id)).isEqualTo(Cli.EXIT_OK);
    run("remove", evil.sha256(), "--yes", "--json");
    id = cli.json().at("/result/backupId").asText();
    TestCerts.root("CN=Someone Else").writePem(anchor);
    assertThat(run("restore", id)).as(cli.out + cli.err).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.out).doesNotContain("restored  ");
    assertThat(run("restore", "0123456789abcdef")).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.err).startsWith("anchorwatch: BACKUP_UNKNOWN: ");
  }

  @Test
  void doctorWithNothingInterruptedSaysSoAndChecksTheInstallationUnderRoot() throws Exception {
    assertThat(run("doctor")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).startsWith("Nothing to repair (0 journal(s) checked).\n")
        .contains("\nInstallation: 0 manifest(s) checked, ");
    assertThat(run("doctor", "--json")).isEqualTo(Cli.EXIT_OK);
    JsonNode d = cli.json();
    assertThat(d.path("repaired")).isEmpty();
    assertThat(d.path("journalsChecked").asInt()).isZero();
    assertThat(d.at("/install/checked")).isEmpty();
    assertThat(d.has("elevation")).isTrue();
  }

  /** A Debian layout under --root whose bundle still holds the root: the rebuild is not run under a foreign root. */
  Path debianRoot() throws Exception {
    Path root = dir.resolve("debian");
    for (String d : List.of("usr/share/ca-certificates", "usr/local/share/ca-certificates", "etc/ssl/certs")) Files.createDirectories(root.resolve(d));
    Files.writeString(root.resolve("etc/ca-certificates.conf"), "# Debian selection\n");
    evil.writePem(root.resolve("usr/local/share/ca-certificates/evil.crt"));
    evil.writePem(root.resolve("etc/ssl/certs/ca-certificates.crt"));
    return root;
  }

  @Test
  void aSystemAnchorWhoseBundleIsNotRebuiltIsStillTrustedAndRemoveSaysSoWithExitOne() throws Exception {
    Path root = debianRoot();
    Path local = root.resolve("usr/local/share/ca-certificates/evil.crt");
    Path bundle = root.resolve("etc/ssl/certs/ca-certificates.crt");
    String[] where = {"--root", root.toString(), "--policy", policy.toString()};
    assertThat(cli.run(concat(new String[] {"plan", evil.sha256()}, where))).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains(", 2 location(s):\n")
        .contains("  [1] rebuild-covers   " + bundle + "\n      store: Debian/Arch extracted bundle\n")
        .contains("\n\nAfterwards the system bundles are rebuilt with: ")
        .contains("\nNote: The system bundles will not be rebuilt automatically here");

    assertThat(cli.run(concat(new String[] {"remove", evil.sha256(), "--yes"}, where))).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(local).doesNotExist();
    assertThat(cli.out).contains("  [0] removed            " + local + "\n")
        .contains("  [1] covered-by-rebuild " + bundle + "\n")
        .contains("  rebuild: /usr/sbin/update-ca-certificates → not run: not this machine's root; run it yourself\n")
        .contains("Still trusted in 1 location(s):\n  - " + bundle + "  [Debian/Arch extracted bundle]\n")
        .doesNotContain("Verified:")
        .contains("trusted (installed ");
    assertThat(cli.err).startsWith("  validate started\n").contains("  backup [0] saved\n").contains("  remove [0] removed\n")
        .endsWith("  done remaining\n");

    assertThat(cli.run(concat(new String[] {"backups"}, where))).isEqualTo(Cli.EXIT_OK);
    String id = cli.out.substring(0, cli.out.indexOf(' '));
    assertThat(cli.run(concat(new String[] {"restore", id}, where))).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).isEqualTo("  [0] restored  " + local + "\n  rebuild: " + cli.out.substring(cli.out.indexOf("rebuild: ") + 9));
    assertThat(cli.out).endsWith(" → not run: not this machine's root; run it yourself\n");
    assertThat(local).exists();
  }

  static String[] concat(String[] a, String[] b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** What a crash after journal line N leaves: the journal cut after its first N lines. */
  static void cutJournal(Path journal, int keep) throws Exception {
    List<String> lines = Files.readAllLines(journal);
    Files.write(journal, lines.subList(0, Math.min(keep, lines.size())));
  }

  Path journal(boolean restore) throws Exception {
    try (var s = Files.list(home.resolve(".local/state/anchorwatch/journal"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jsonl") && p.getFileName().toString().startsWith("restore-") == restore)
          .findFirst().orElseThrow();
    }
  }

  /** A remove whose journal lacks its last line, as a crash before "done" leaves it; returns the backup id. */
  String removeCutShort() throws Exception {
    run("remove", evil.sha256(), "--yes", "--json");
    String id = cli.json().at("/result/backupId").asText();
    Path op = journal(false);
    cutJournal(op, Files.readAllLines(op).size() - 1);
    return id;
  }

  @Test
  void doctorReportsAnOperationACrashCutShortAndAnUnfinishedRestore() throws Exception {
    String id = removeCutShort();
    Path op = journal(false);
    assertThat(run("doctor")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).startsWith("Interrupted operation " + op.getFileName().toString().replace(".jsonl", "") + " (backup verified):\n")
        .containsPattern("\n  \\[0\\] removed-with-backup +" + java.util.regex.Pattern.quote(anchor.toString()) + " \\(last journal event: \\S+\\)\n")
        .contains("\n  undo with: anchorwatch restore " + op.getFileName().toString().replace(".jsonl", "") + "\n")
        .doesNotContain("Nothing to repair");

    assertThat(run("restore", id)).isEqualTo(Cli.EXIT_OK);
    Path rj = journal(true);
    cutJournal(rj, Files.readAllLines(rj).size() - 1);
    assertThat(run("doctor")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains("Interrupted restore of backup " + id + ": run again: anchorwatch restore " + id + "\n");
  }

  @Test
  void doctorFailsWhenARemovedRootHasNoBackup() throws Exception {
    String id = removeCutShort();
    Path backup = home.resolve(".local/share/anchorwatch/backups").resolve(id);
    try (var s = Files.walk(backup)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertThat(run("doctor")).as(cli.out + cli.err).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.out).contains("(backup incomplete)").contains("backup-missing");
    String op = journal(false).getFileName().toString().replace(".jsonl", "");
    // that run completed the journal's bookkeeping, and every later run keeps raising the alarm
    assertThat(run("doctor", "--json")).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.json().path("repaired")).isEmpty();
    assertThat(cli.json().at("/lostBackups/0/operationId").asText()).isEqualTo(op);
    assertThat(cli.json().at("/lostBackups/0/steps/0/location").asText()).isEqualTo(anchor.toString());
    assertThat(run("doctor")).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.out).contains("Lost backup of operation " + op + ": these were removed and their backup is gone:\n  [0] " + anchor + "\n")
        .contains("to stop this report: anchorwatch doctor --acknowledge " + op + "\n");
    // until the person says they have seen it
    assertThat(run("doctor", "--acknowledge", op)).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).isEqualTo("Acknowledged: doctor no longer reports the lost backup of operation " + op + ".\n");
    assertThat(run("doctor", "--json")).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.json().path("lostBackups")).isEmpty();
    assertThat(run("doctor", "--acknowledge", op)).isEqualTo(Cli.EXIT_USAGE);
    assertThat(cli.err).endsWith("anchorwatch: no lost backup to acknowledge for operation " + op + " (doctor lists them under \"Lost backup\")\n");
  }

  @Test
  void doctorThatCannotRescanForAnInterruptedOperationFailsWithTheCode() throws Exception {
    removeCutShort();
    Files.writeString(policy, "{\"deny\":[{\"name\":\"no hash\"}]}");
    assertThat(run("doctor")).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.err).startsWith("anchorwatch: BAD_POLICY: ");
    assertThat(cli.out).isEmpty();
  }

  @Test
  void doctorAsRootNamesWhyTheAdministratorRecordsWereNotChecked() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(org.anchorwatch.privilege.Identity.current().isRoot(), "the administrator records are root's");
    CliRun tainted = new CliRun(java.util.Map.of("HOME", home.toString(), "LD_PRELOAD", "/x.so"));
    assertThat(tainted.run("doctor", "--no-default-stores", "--root", dir.resolve("root").toString())).isEqualTo(Cli.EXIT_OK);
    assertThat(tainted.err).isEqualTo("anchorwatch: administrator records not checked: UNSAFE_INVOCATION: LD_PRELOAD is set: "
        + "the administrator part takes no code, runtime or library from the environment; run it through the installed launcher (sudo anchorwatch …)\n");
  }

  @Test
  void everyCleanupVerbMapsAnUnknownStoreTypeToExitTwo() {
    for (String[] verb : List.of(new String[] {"remove", evil.sha256(), "--yes"}, new String[] {"remove", evil.sha256(), "--dry-run"})) {
      assertThat(cli.run(concat(verb, new String[] {"--store", "floppy:x", "--root", dir.resolve("root").toString()}))).as(verb[0]).isEqualTo(Cli.EXIT_USAGE);
      assertThat(cli.err).as(verb[0]).startsWith("anchorwatch: UNKNOWN_STORE_TYPE: ");
    }
    assertThat(anchor).exists();
  }

  @Test
  void backupsThatCannotBeReadAreAnErrorNotAnEmptyList() throws Exception {
    Files.createDirectories(home.resolve(".local/share"));
    Files.writeString(home.resolve(".local/share/anchorwatch"), "a file where the data folder belongs");
    assertThat(run("backups")).isEqualTo(Cli.EXIT_RUNTIME);
    assertThat(cli.out).isEmpty();
    assertThat(cli.err).startsWith("anchorwatch: ");
  }

  @Test
  void aRebuildShowsItsExitCodeOrWhyItDidNotRun() {
    assertThat(PlanPrinter.rebuild(new org.anchorwatch.cleanup.ApplyResult.RebuildRun("debian", "update-ca-certificates", 0, "")))
        .isEqualTo("update-ca-certificates → exit 0");
    assertThat(PlanPrinter.rebuild(new org.anchorwatch.cleanup.ApplyResult.RebuildRun("debian", "update-ca-certificates", 0, "rebuilt 1 bundle")))
        .isEqualTo("update-ca-certificates → exit 0");
    assertThat(PlanPrinter.rebuild(new org.anchorwatch.cleanup.ApplyResult.RebuildRun("debian", "update-ca-certificates", 3, "boom")))
        .isEqualTo("update-ca-certificates → exit 3");
    assertThat(PlanPrinter.rebuild(new org.anchorwatch.cleanup.ApplyResult.RebuildRun("debian", "update-ca-certificates", -1, "timed out after 120 s")))
        .isEqualTo("update-ca-certificates → timed out after 120 s");
    assertThat(PlanPrinter.rebuild(new org.anchorwatch.cleanup.ApplyResult.RebuildRun("debian", "update-ca-certificates", -1, null)))
        .isEqualTo("update-ca-certificates → exit -1");
    assertThat(PlanPrinter.note(null)).isEmpty();
    assertThat(PlanPrinter.note(" ")).isEmpty();
    assertThat(PlanPrinter.note("why")).isEqualTo("  — why");
  }

  @Test
  void aBundleNoPlannedStepRegeneratesGetsInstructionsWithTheCommandAndWhy() throws Exception {
    Path root = dir.resolve("bundle-only");
    for (String d : List.of("usr/share/ca-certificates", "usr/local/share/ca-certificates", "etc/ssl/certs")) Files.createDirectories(root.resolve(d));
    Files.writeString(root.resolve("etc/ca-certificates.conf"), "# Debian selection\n");
    Path bundle = evil.writePem(root.resolve("etc/ssl/certs/ca-certificates.crt"));
    assertThat(cli.run("plan", evil.sha256(), "--root", root.toString(), "--policy", policy.toString())).isEqualTo(Cli.EXIT_OK);
    assertThat(cli.out).contains("  [0] instructions     " + bundle + "\n")
        .contains("      note: This file is generated. If the certificate is still here after a rebuild")
        .containsPattern("\n      \\$ sudo \\S*update-ca-certificates\n");
  }

  /**
   * A step that needs administrator rights never occurs in this suite (it runs as root, who can
   * write every temp store), so the plan is made by hand to see how such a step is shown.
   */
  @Test
  void aStepNeedingAdministratorRightsShowsTheCommandsItWillRun() {
    var step = new org.anchorwatch.cleanup.Step(0, "pem:/x", "pem", "Debian local anchors", "added", "/usr/local/share/ca-certificates/e.crt",
        evil.sha256(), "delete", true, "the file's exact bytes", List.of(), null, List.of("sudo rm /usr/local/share/ca-certificates/e.crt"),
        java.util.Map.of());
    var quiet = new org.anchorwatch.cleanup.Step(1, "pem:/y", "pem", "Other", "added", "/y/e.crt", evil.sha256(), "delete", false,
        null, List.of(), null, List.of("rm /y/e.crt"), java.util.Map.of());
    var plan = new org.anchorwatch.cleanup.Plan("p1", "now", new org.anchorwatch.cleanup.Plan.Target(evil.sha256(), evil.sha256(),
        evil.spkiSha256(), evil.subject(), evil.subject(), "2030", null), "delete", List.of(step, quiet), true, null, List.of(), null);
    java.io.StringWriter w = new java.io.StringWriter();
    PlanPrinter.plan(new java.io.PrintWriter(w, true), plan);
    assertThat(w.toString()).contains("      store: Debian local anchors  (needs administrator rights)\n")
        .contains("      $ sudo rm /usr/local/share/ca-certificates/e.crt\n")
        .contains("      store: Other\n").doesNotContain("$ rm /y/e.crt")
        .doesNotContain("installed:").doesNotContain("  why:").doesNotContain("Afterwards");
  }
}
