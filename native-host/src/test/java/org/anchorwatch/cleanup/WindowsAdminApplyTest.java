package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.stores.DerKeys;
import org.anchorwatch.stores.windows.FakeCertApi;
import org.anchorwatch.stores.windows.SerializedElement;
import org.anchorwatch.stores.windows.WinFixtures;
import org.anchorwatch.stores.windows.WindowsChanges;
import org.anchorwatch.stores.windows.WindowsPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administrator half on Windows, end to end over the in-memory crypt32: it scans, keeps only
 * the LocalMachine locations crypt32 itself reports (OsStoreChanges.find + ELEVATED), backs up
 * (serialized element read back and checked against the SHA-256) before deleting, distrusts by
 * adding to Disallowed, leaves CurrentUser to the user's process, and restores from its records.
 */
class WindowsAdminApplyTest {
  static final int CU = 0x10000;
  static final int LM = 0x20000;
  static final String OP = "0123456789abcdef01234567";

  @TempDir Path tmp;
  final FakeCertApi crypt32 = new FakeCertApi();
  final byte[] kz = WinFixtures.der(WinFixtures.KZ);
  final byte[] dell = WinFixtures.der(WinFixtures.DELL);
  final String kzSha = DerKeys.sha256(kz);
  final List<ProgressEvent> events = new ArrayList<>();
  CleanupContext cx;

  @BeforeEach
  void machine() throws Exception {
    cx = withStores("windows:CurrentUser/ROOT", "windows:LocalMachine/ROOT", "windows:LocalMachine/AuthRoot");
  }

  CleanupContext withStores(String... stores) throws Exception {
    Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"deny\":[{\"name\":\"kz\",\"spkiSha256\":\"" + DerKeys.spki(kz) + "\"}]}");
    Path root = Files.createDirectories(tmp.resolve("root"));
    ScanOptions options = new ScanOptions(false, List.of(stores), root, Files.createDirectories(tmp.resolve("home")), policy, Map.of());
    ScanService scans = new ScanService(Blocklist::bundled, ref -> WindowsPlatform.open(ref, () -> crypt32));
    AtomicFiles io = new AtomicFiles();
    Path records = tmp.resolve("Program Files/Anchorwatch/records");
    return new CleanupContext(scans, options, new CleanupDirs(records.resolve("backups"), records.resolve("journal"), records.resolve("locks"), true),
        io, new StoreChanges(io, new OsSteps(type -> new WindowsChanges(() -> crypt32))), RebuildCommands.load(options.discoveryContext(), false),
        (request, progress) -> fail("the administrator half hands nothing on"));
  }

  @AfterEach
  void nothingLeaked() {
    crypt32.assertClean();
  }

  static boolean holds(List<FakeCertApi.Cert> store, byte[] der) {
    return store.stream().anyMatch(c -> java.util.Arrays.equals(c.der(), der));
  }

  @Test
  void deletesOnlyTheLocalMachineCopyAfterAVerifiedBackupAndRestoresItWithItsProperties() throws Exception {
    crypt32.put(CU, "ROOT", kz, WinFixtures.element(WinFixtures.KZ_ELEMENT));
    crypt32.put(LM, "ROOT", kz, WinFixtures.element(WinFixtures.KZ_ELEMENT));
    crypt32.put(LM, "ROOT", dell, WinFixtures.element(WinFixtures.DELL_ELEMENT));

    AdminApply.AdminResult r = new AdminApply(cx).run(kzSha, "delete", OP, events::add);

    assertThat(r.steps()).hasSize(2);
    assertThat(r.steps()).filteredOn(s -> s.location().startsWith("LocalMachine\\ROOT")).extracting(StepStatus::status).containsExactly("removed");
    assertThat(r.steps()).filteredOn(s -> s.location().startsWith("CurrentUser\\ROOT")).extracting(StepStatus::status).containsExactly("skipped");
    assertThat(holds(crypt32.store(LM, "ROOT"), kz)).isFalse();
    assertThat(holds(crypt32.store(LM, "ROOT"), dell)).isTrue();
    assertThat(holds(crypt32.store(CU, "ROOT"), kz)).as("CurrentUser is the user's process's").isTrue();
    assertThat(r.verify().clean()).as("clean as far as its own locations go").isTrue();
    assertThat(r.requestedBy()).isEqualTo(OP);

    // the backup was written and read back before the delete: the journal says so in that order
    List<String> journal = Files.readAllLines(cx.journalDir().resolve(r.operationId() + ".jsonl"));
    int backedUp = indexOf(journal, "\"backed-up\"");
    int removed = indexOf(journal, "\"removed\"");
    assertThat(backedUp).isNotNegative().isLessThan(removed);
    BackupManifest m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(cx.backups().dir(r.backupId()).resolve("manifest.json").toFile(),
        BackupManifest.class);
    assertThat(m.items()).singleElement().satisfies(i -> {
      assertThat(i.storeType()).isEqualTo("windows");
      assertThat(i.path()).isEqualTo("LocalMachine\\ROOT");
    });
    byte[] element = Files.readAllBytes(cx.backups().dir(r.backupId()).resolve(m.items().get(0).blob()));
    assertThat(SerializedElement.verified(element, kzSha)).isNotNull();

    Restorer.RestoreResult back = new Restorer(cx).restore(r.backupId(), Set.of(), events::add);
    assertThat(back.steps()).extracting(StepStatus::status).containsExactly("restored");
    assertThat(crypt32.store(LM, "ROOT")).anySatisfy(c -> {
      assertThat(c.der()).isEqualTo(kz);
      assertThat(c.element()).isEqualTo(element);
    });
  }

  @Test
  void distrustAddsToLocalMachineDisallowedAndNeverDeletes() throws Exception {
    crypt32.put(LM, "ROOT", kz, WinFixtures.element(WinFixtures.KZ_ELEMENT));
    AdminApply.AdminResult r = new AdminApply(cx).run(kzSha, "distrust", OP, events::add);
    assertThat(r.steps()).extracting(StepStatus::status).containsExactly("distrusted");
    assertThat(holds(crypt32.store(LM, "ROOT"), kz)).isTrue();
    assertThat(holds(crypt32.store(LM, "Disallowed"), kz)).isTrue();
    assertThat(r.verify().clean()).isTrue();
  }

  @Test
  void aGroupPolicyRootIsNeverRemovedButItsDistrustIsTheAdministratorsInLocalMachineDisallowed() throws Exception {
    crypt32.put(0x80000, "ROOT", kz, WinFixtures.element(WinFixtures.KZ_ELEMENT)); // LocalMachineGroupPolicy
    cx = withStores("windows:LocalMachineGroupPolicy/ROOT");
    AdminApply.AdminResult removal = new AdminApply(cx).run(kzSha, "delete", OP, events::add);
    assertThat(removal.steps()).extracting(StepStatus::status).containsExactly("instructions");
    assertThat(holds(crypt32.store(0x80000, "ROOT"), kz)).isTrue();
    AdminApply.AdminResult distrust = new AdminApply(cx).run(kzSha, "distrust", OP, events::add);
    assertThat(distrust.steps()).extracting(StepStatus::status).containsExactly("distrusted");
    assertThat(holds(crypt32.store(LM, "Disallowed"), kz)).isTrue();
    assertThat(holds(crypt32.store(0x80000, "ROOT"), kz)).isTrue();
  }

  @Test
  void aCopyOnlyInTheUsersOwnStoreIsNotTheAdministratorsToRemoveAndAnAbsentKeyIsNotInstalled() throws Exception {
    crypt32.put(CU, "ROOT", kz, WinFixtures.element(WinFixtures.KZ_ELEMENT));
    AdminApply.AdminResult r = new AdminApply(cx).run(kzSha, "delete", OP, events::add);
    assertThat(r.steps()).extracting(StepStatus::status).containsExactly("skipped");
    assertThat(r.backupId()).isNull();
    assertThat(holds(crypt32.store(CU, "ROOT"), kz)).isTrue();

    assertThatThrownBy(() -> new AdminApply(cx).run(DerKeys.sha256(dell), "delete", OP, events::add))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_INSTALLED));
  }

  @Test
  void aSerializedElementThatDoesNotHoldTheCertificateStopsTheDeleteBeforeAnythingChanges() throws Exception {
    crypt32.put(LM, "ROOT", kz, WinFixtures.element(WinFixtures.DELL_ELEMENT)); // crypt32 hands back another certificate's element
    assertThatThrownBy(() -> new AdminApply(cx).run(kzSha, "delete", OP, events::add))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_FAILED));
    assertThat(holds(crypt32.store(LM, "ROOT"), kz)).isTrue();
  }

  @Test
  void aBackupWhoseElementWasSwappedIsNotRestored() throws Exception {
    crypt32.put(LM, "ROOT", kz, WinFixtures.element(WinFixtures.KZ_ELEMENT));
    AdminApply.AdminResult r = new AdminApply(cx).run(kzSha, "delete", OP, events::add);
    BackupManifest m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(cx.backups().dir(r.backupId()).resolve("manifest.json").toFile(),
        BackupManifest.class);
    Path blob = cx.backups().dir(r.backupId()).resolve(m.items().get(0).blob());
    Files.write(blob, WinFixtures.element(WinFixtures.DELL_ELEMENT));
    assertThatThrownBy(() -> new Restorer(cx).restore(r.backupId(), Set.of(), events::add)).isInstanceOf(AnchorwatchException.class);
    assertThat(holds(crypt32.store(LM, "ROOT"), dell)).isFalse();
    assertThat(holds(crypt32.store(LM, "ROOT"), kz)).isFalse();
  }

  private static int indexOf(List<String> lines, String needle) {
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(needle)) return i;
    return -1;
  }
}
