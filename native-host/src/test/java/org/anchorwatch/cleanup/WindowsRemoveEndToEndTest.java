package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.cleanup.platform.InstalledLaunchers;
import org.anchorwatch.cleanup.platform.WindowsRunas;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.privilege.AdminGate;
import org.anchorwatch.privilege.WindowsAcl;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.stores.DerKeys;
import org.anchorwatch.stores.windows.FakeCertApi;
import org.anchorwatch.stores.windows.WinFixtures;
import org.anchorwatch.stores.windows.WindowsChanges;
import org.anchorwatch.stores.windows.WindowsPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole `remove` on Windows over the in-memory crypt32: the user's process removes its
 * CurrentUser copy itself and hands LocalMachine to UAC; the "elevated process" behind the fake
 * shell32 is the administrator half (elevated-apply's service) started with nothing but the
 * command line it was given. Declining UAC leaves LocalMachine in place as USER_CANCELLED.
 */
class WindowsRemoveEndToEndTest {
  static final int CU = 0x10000;
  static final int LM = 0x20000;
  static final String ADMINS = "S-1-5-32-544";

  @TempDir Path tmp;
  final FakeCertApi crypt32 = new FakeCertApi();
  final byte[] kz = WinFixtures.der(WinFixtures.KZ);
  final String kzSha = DerKeys.sha256(kz);
  final List<String> commandLines = new ArrayList<>();
  final List<ProgressEvent> events = new ArrayList<>();
  boolean declineUac;
  Path jar;

  final WindowsAcl.Binding adminOnly = new WindowsAcl.Binding() {
    @Override
    public WindowsAcl.Security read(Path p) throws IOException {
      return new WindowsAcl.Security(ADMINS, List.of(new WindowsAcl.Ace(ADMINS, true, 0x1f01ff, false)));
    }

    @Override
    public boolean processElevated() {
      return false;
    }
  };

  @BeforeEach
  void machine() throws Exception {
    crypt32.put(CU, "ROOT", kz, WinFixtures.element(WinFixtures.KZ_ELEMENT));
    crypt32.put(LM, "ROOT", kz, WinFixtures.element(WinFixtures.KZ_ELEMENT));
    Path app = Files.createDirectories(tmp.resolve("Program Files/Anchorwatch/app"));
    jar = Files.writeString(app.resolve("anchorwatch.jar"), "jar");
    Files.writeString(app.getParent().resolve("anchorwatch-cli.exe"), "exe");
  }

  @AfterEach
  void nothingLeaked() {
    crypt32.assertClean();
  }

  ScanOptions options() throws Exception {
    Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"deny\":[{\"name\":\"kz\",\"spkiSha256\":\"" + DerKeys.spki(kz) + "\"}]}");
    // no --root: a layout root has no administrator half on Windows (OsElevation refuses one)
    return new ScanOptions(false, List.of("windows:CurrentUser/ROOT", "windows:LocalMachine/ROOT"), null,
        Files.createDirectories(tmp.resolve("home")), policy, Map.of());
  }

  CleanupContext context(CleanupDirs dirs, AdminHandOff handOff) throws Exception {
    ScanOptions o = options();
    AtomicFiles io = new AtomicFiles();
    return new CleanupContext(new ScanService(Blocklist::bundled, ref -> WindowsPlatform.open(ref, () -> crypt32)), o, dirs, io,
        new StoreChanges(io, new OsSteps(type -> new WindowsChanges(() -> crypt32))), RebuildCommands.load(o.discoveryContext(), false), handOff);
  }

  /** What the elevated anchorwatch-cli.exe does with the command line UAC started it with. */
  int elevatedProcess(WindowsRunas.Invocation inv) throws WindowsRunas.ShellException {
    if (declineUac) throw new WindowsRunas.ShellException(1223);
    commandLines.add(inv.parameters());
    String[] a = inv.parameters().split(" ");
    assertThat(a).hasSize(7);
    assertThat(a[0]).isEqualTo("elevated-apply");
    try {
      Path records = tmp.resolve("Program Files/Anchorwatch/records");
      CleanupContext admin = context(new CleanupDirs(records.resolve("backups"), records.resolve("journal"), records.resolve("locks"), true),
          (r, p) -> {
            throw new AssertionError("the administrator half hands nothing on");
          });
      AdminApply.AdminResult r = new AdminApply(admin).run(a[2], a[4], a[6], e -> {});
      return r.verify().clean() ? 0 : 1;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  ApplyResult remove() throws Exception {
    AdminHandOff uac = new OsElevation(InstalledLaunchers.WINDOWS, jar, new AdminGate.Windows(adminOnly),
        path -> new WindowsRunas("C:\\Program Files\\Anchorwatch\\anchorwatch-cli.exe", this::elevatedProcess));
    CleanupContext user = context(CleanupDirs.forUser(new AppDirs(tmp.resolve("u/config"), tmp.resolve("u/data"), tmp.resolve("u/state"))), uac);
    Plan plan = user.planner().plan(user.rescan(), kzSha, false);
    return new Executor(user).apply(plan, events::add);
  }

  @Test
  void theUsersCopyGoesInItsOwnProcessAndLocalMachineThroughUacAndTheRescanSaysBothAreGone() throws Exception {
    ApplyResult r = remove();
    assertThat(commandLines).singleElement().asString().matches("elevated-apply --key " + kzSha + " --mode delete --op [0-9a-f]{24}");
    assertThat(r.steps()).extracting(StepStatus::location, StepStatus::status).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(r.steps().get(0).location(), "removed"),
        org.assertj.core.groups.Tuple.tuple(r.steps().get(1).location(), "removed"));
    assertThat(r.elevation().status()).isEqualTo("ran");
    assertThat(r.verify().clean()).isTrue();
    assertThat(crypt32.store(CU, "ROOT")).isEmpty();
    assertThat(crypt32.store(LM, "ROOT")).isEmpty();
    assertThat(r.backupId()).as("the user's own backup of CurrentUser").isNotNull();
  }

  @Test
  void decliningUacLeavesLocalMachineAndSaysSo() throws Exception {
    declineUac = true;
    ApplyResult r = remove();
    assertThat(r.elevation().status()).isEqualTo("cancelled");
    assertThat(r.elevation().problem()).isEqualTo(ErrorCode.USER_CANCELLED.name());
    assertThat(r.steps()).filteredOn(s -> s.location().startsWith("LocalMachine")).extracting(StepStatus::status).containsExactly("needs-elevation");
    assertThat(crypt32.store(LM, "ROOT")).hasSize(1);
    assertThat(crypt32.store(CU, "ROOT")).isEmpty();
    assertThat(r.verify().clean()).isFalse();
  }
}
