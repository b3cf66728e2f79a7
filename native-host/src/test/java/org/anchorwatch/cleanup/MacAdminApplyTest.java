package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.stores.DerKeys;
import org.anchorwatch.stores.macos.FakeSecurityApi;
import org.anchorwatch.stores.macos.MacChanges;
import org.anchorwatch.stores.macos.MacPlatform;
import org.anchorwatch.stores.macos.SecurityApi;
import org.anchorwatch.stores.macos.TrustSetting;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administrator half on macOS over the in-memory Security layer: the admin trust-settings
 * domain and System.keychain are its share (backed up, removed, restored with their settings);
 * the user's domain and login keychain stay the user's process's.
 */
class MacAdminApplyTest {
  static final String HOME = System.getProperty("user.home");
  static final String LOGIN = HOME + "/Library/Keychains/login.keychain-db";
  static final String SYSTEM_KC = "/Library/Keychains/System.keychain";
  static final String OP = "0123456789abcdef01234567";

  @TempDir Path tmp;
  final FakeSecurityApi sec = new FakeSecurityApi();
  final byte[] kz = TestCerts.root("CN=Information Security Certification Authority, C=KZ").der();
  final String kzSha = DerKeys.sha256(kz);
  final List<ProgressEvent> events = new ArrayList<>();
  CleanupContext cx;

  @BeforeEach
  void machine() throws Exception {
    sec.keychain(LOGIN);
    sec.keychain(SYSTEM_KC);
    sec.keychain("/System/Library/Keychains/SystemRootCertificates.keychain");
    Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"deny\":[{\"name\":\"kz\",\"spkiSha256\":\"" + DerKeys.spki(kz) + "\"}]}");
    ScanOptions options = new ScanOptions(false, List.of("macos:domain/user", "macos:domain/admin", "macos:keychain/Library/Keychains/System.keychain",
        "macos:keychain/~/Library/Keychains/login.keychain-db"), Files.createDirectories(tmp.resolve("root")),
        Files.createDirectories(tmp.resolve("home")), policy, Map.of());
    ScanService scans = new ScanService(Blocklist::bundled, ref -> MacPlatform.open(ref, () -> sec));
    AtomicFiles io = new AtomicFiles();
    Path records = tmp.resolve("Library/Application Support/Anchorwatch");
    cx = new CleanupContext(scans, options, new CleanupDirs(records.resolve("backups"), records.resolve("journal"), records.resolve("locks"), true),
        io, new StoreChanges(io, new OsSteps(type -> new MacChanges(() -> sec, HOME))), RebuildCommands.load(options.discoveryContext(), false),
        (request, progress) -> fail("the administrator half hands nothing on"));
  }

  @Test
  void removesTheAdminDomainAndSystemKeychainCopiesLeavesTheUsersAndRestoresTheSettings() throws Exception {
    sec.keychain(SYSTEM_KC, kz);
    sec.settings(kz, SecurityApi.DOMAIN_ADMIN); // trust as root, as `security add-trusted-cert -d` makes it
    sec.keychain(LOGIN, kz);
    sec.settings(kz, SecurityApi.DOMAIN_USER);

    AdminApply.AdminResult r = new AdminApply(cx).run(kzSha, "delete", OP, events::add);

    assertThat(r.steps()).filteredOn(s -> !s.status().equals("skipped")).extracting(StepStatus::location)
        .allSatisfy(l -> assertThat(l).matches("(domain/admin|keychain/Library/Keychains/System.keychain)#.*"))
        .hasSize(2);
    assertThat(r.steps()).filteredOn(s -> s.status().equals("removed")).hasSize(2);
    assertThat(r.steps()).filteredOn(s -> s.status().equals("skipped")).extracting(StepStatus::location)
        .allSatisfy(l -> assertThat(l).matches("(domain/user|keychain/~/Library/Keychains/login.keychain-db)#.*"));
    assertThat(sec.domains.get(SecurityApi.DOMAIN_ADMIN)).doesNotContainKey(kzSha);
    assertThat(sec.keychains.get(SYSTEM_KC)).isEmpty();
    assertThat(sec.domains.get(SecurityApi.DOMAIN_USER)).containsKey(kzSha);
    assertThat(sec.keychains.get(LOGIN)).hasSize(1);
    assertThat(r.verify().clean()).isTrue();

    Restorer.RestoreResult back = new Restorer(cx).restore(r.backupId(), Set.of(), events::add);
    assertThat(back.steps()).extracting(StepStatus::status).containsOnly("restored").hasSize(2);
    assertThat(sec.domains.get(SecurityApi.DOMAIN_ADMIN)).containsEntry(kzSha, List.of());
    assertThat(sec.keychains.get(SYSTEM_KC)).singleElement().isEqualTo(kz);
  }

  @Test
  void distrustPutsDenyIntoTheAdminDomain() throws Exception {
    sec.keychain(SYSTEM_KC, kz);
    sec.settings(kz, SecurityApi.DOMAIN_ADMIN);
    AdminApply.AdminResult r = new AdminApply(cx).run(kzSha, "distrust", OP, events::add);
    assertThat(r.steps()).extracting(StepStatus::status).containsOnly("distrusted");
    assertThat(sec.domains.get(SecurityApi.DOMAIN_ADMIN).get(kzSha)).containsExactly(TrustSetting.deny());
    assertThat(sec.keychains.get(SYSTEM_KC)).hasSize(1);
  }
}
