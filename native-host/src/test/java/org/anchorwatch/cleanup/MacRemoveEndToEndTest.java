package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.cleanup.platform.InstalledLaunchers;
import org.anchorwatch.cleanup.platform.MacAdminInvocation;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.privilege.AdminGate;
import org.anchorwatch.privilege.Identity;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.stores.DerKeys;
import org.anchorwatch.stores.macos.FakeSecurityApi;
import org.anchorwatch.stores.macos.MacChanges;
import org.anchorwatch.stores.macos.MacPlatform;
import org.anchorwatch.stores.macos.SecurityApi;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole `remove` on macOS over the in-memory Security layer: the user's domain and login
 * keychain change in the user's process; the admin domain and System.keychain go through a fake
 * osascript whose "root shell" parses the exact script it was given and runs the administrator
 * half with those three values only. Cancel (-128) leaves the admin copies with USER_CANCELLED.
 */
class MacRemoveEndToEndTest {
  static final String HOME = System.getProperty("user.home");
  static final String LOGIN = HOME + "/Library/Keychains/login.keychain-db";
  static final String SYSTEM_KC = "/Library/Keychains/System.keychain";
  static final Pattern SCRIPT = Pattern.compile(
      "do shell script \"'([^']+)' elevated-apply --key ([0-9a-f]{64}) --mode (delete|distrust) --op ([0-9a-f]{16,64})\" with administrator privileges");

  @TempDir Path tmp;
  final FakeSecurityApi sec = new FakeSecurityApi();
  final byte[] kz = TestCerts.root("CN=Information Security Certification Authority, C=KZ").der();
  final String kzSha = DerKeys.sha256(kz);
  final List<String> launchers = new ArrayList<>();
  boolean cancel;
  Path jar;

  @BeforeEach
  void machine() throws Exception {
    sec.keychain(LOGIN, kz);
    sec.settings(kz, SecurityApi.DOMAIN_USER);
    sec.keychain(SYSTEM_KC, kz);
    sec.settings(kz, SecurityApi.DOMAIN_ADMIN);
    sec.keychain("/System/Library/Keychains/SystemRootCertificates.keychain");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path contents = Files.createDirectories(tmp.resolve("Applications/Anchorwatch.app/Contents"));
    jar = Files.writeString(Files.createDirectories(contents.resolve("app")).resolve("anchorwatch.jar"), "jar");
    Path launcher = Files.writeString(Files.createDirectories(contents.resolve("MacOS")).resolve("Anchorwatch"), "#!/bin/sh");
    for (Path p : List.of(jar, launcher)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  CleanupContext context(CleanupDirs dirs, AdminHandOff handOff) throws Exception {
    Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"deny\":[{\"name\":\"kz\",\"spkiSha256\":\"" + DerKeys.spki(kz) + "\"}]}");
    ScanOptions o = new ScanOptions(false, List.of("macos:domain/user", "macos:domain/admin", "macos:keychain/Library/Keychains/System.keychain",
        "macos:keychain/~/Library/Keychains/login.keychain-db"), null, Files.createDirectories(tmp.resolve("home")), policy, Map.of());
    AtomicFiles io = new AtomicFiles();
    return new CleanupContext(new ScanService(Blocklist::bundled, ref -> MacPlatform.open(ref, () -> sec)), o, dirs, io,
        new StoreChanges(io, new OsSteps(type -> new MacChanges(() -> sec, HOME))), RebuildCommands.load(o.discoveryContext(), false), handOff);
  }

  /** /usr/bin/osascript: the prompt, then /bin/sh as root running the quoted launcher with the rest of the line. */
  MacAdminInvocation.Result osascript(List<String> argv) {
    assertThat(argv.subList(0, 2)).containsExactly("/usr/bin/osascript", "-e");
    if (cancel) return new MacAdminInvocation.Result(1, "0:190: execution error: User canceled. (-128)");
    Matcher m = SCRIPT.matcher(argv.get(2));
    assertThat(m.matches()).as(argv.get(2)).isTrue();
    launchers.add(m.group(1));
    try {
      Path records = tmp.resolve("Library/Application Support/Anchorwatch");
      CleanupContext admin = context(new CleanupDirs(records.resolve("backups"), records.resolve("journal"), records.resolve("locks"), true),
          (r, p) -> {
            throw new AssertionError("the administrator half hands nothing on");
          });
      AdminApply.AdminResult r = new AdminApply(admin).run(m.group(2), m.group(3), m.group(4), e -> {});
      return new MacAdminInvocation.Result(r.verify().clean() ? 0 : 1, "");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  ApplyResult remove() throws Exception {
    AdminHandOff prompt = new OsElevation(InstalledLaunchers.MACOS, jar, new AdminGate.Posix(new Identity(501, 501), true),
        path -> new MacAdminInvocation(path.toString(), this::osascript));
    CleanupContext user = context(CleanupDirs.forUser(new AppDirs(tmp.resolve("u/config"), tmp.resolve("u/data"), tmp.resolve("u/state"))), prompt);
    return new Executor(user).apply(user.planner().plan(user.rescan(), kzSha, false), e -> {});
  }

  @Test
  void userCopiesGoInTheUsersProcessAndAdminCopiesThroughTheAdministratorPrompt() throws Exception {
    ApplyResult r = remove();
    assertThat(launchers).containsExactly(tmp.resolve("Applications/Anchorwatch.app/Contents/MacOS/Anchorwatch").toString());
    assertThat(r.steps()).extracting(StepStatus::status).containsOnly("removed").hasSize(4);
    assertThat(r.elevation().status()).isEqualTo("ran");
    assertThat(r.verify().clean()).isTrue();
    assertThat(sec.keychains.get(LOGIN)).isEmpty();
    assertThat(sec.keychains.get(SYSTEM_KC)).isEmpty();
    assertThat(sec.domains.get(SecurityApi.DOMAIN_USER)).doesNotContainKey(kzSha);
    assertThat(sec.domains.get(SecurityApi.DOMAIN_ADMIN)).doesNotContainKey(kzSha);
  }

  @Test
  void cancellingThePromptLeavesTheAdminCopiesAsUserCancelled() throws Exception {
    cancel = true;
    ApplyResult r = remove();
    assertThat(r.elevation().problem()).isEqualTo(ErrorCode.USER_CANCELLED.name());
    assertThat(r.steps()).filteredOn(s -> s.status().equals("needs-elevation")).hasSize(2);
    assertThat(sec.keychains.get(SYSTEM_KC)).hasSize(1);
    assertThat(sec.domains.get(SecurityApi.DOMAIN_ADMIN)).containsKey(kzSha);
    assertThat(sec.keychains.get(LOGIN)).isEmpty();
  }
}
