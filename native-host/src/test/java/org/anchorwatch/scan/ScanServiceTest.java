package org.anchorwatch.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.blocklist.BlocklistUpdates;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which policy files a scan reads. The per-user one follows $XDG_CONFIG_HOME only on the real
 * machine (no --root) and only for the account's own home; these tests scan an explicit temp
 * store, so on the real machine they read nothing but the (absent or unrelated) system policy.
 */
class ScanServiceTest {
  @TempDir Path tmp;
  TestCerts.Issued planted;
  Path home;
  Path xdg;

  @BeforeEach
  void setUp() throws Exception {
    planted = TestCerts.root("CN=Planted Per-User Denied");
    planted.writePem(tmp.resolve("store/p.pem"));
    home = Files.createDirectories(tmp.resolve("home/u"));
    xdg = Files.createDirectories(tmp.resolve("xdg-config"));
  }

  private ScanOptions realMachine(Path policy, Map<String, String> env) {
    return new ScanOptions(false, List.of("pem:" + tmp.resolve("store")), null, home, policy, env);
  }

  private Path writeDenying(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "{\"deny\":[{\"name\":\"Denied by me\",\"spkiSha256\":\"" + planted.spkiSha256() + "\"}]}");
  }

  private static String levelOf(ScanResult r) {
    assertThat(r.findings()).hasSize(1);
    return r.findings().get(0).level();
  }

  @Test
  void thePerUserPolicyIsReadFromXdgConfigHome() throws Exception {
    Path policy = writeDenying(xdg.resolve("anchorwatch/policy.json"));
    ScanOptions opts = realMachine(null, Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", xdg.toString()));
    ScanService service = new ScanService(Blocklist.bundled());

    ScanResult r = service.scan(opts);
    assertThat(levelOf(r)).isEqualTo("blocked");
    assertThat(r.findings().get(0).entry().name()).isEqualTo("Denied by me");
    assertThat(r.summary().policyFiles()).contains(policy.toString());
    assertThat(r.summary().policyErrors()).isEmpty();
    assertThat(service.policyFiles(opts)).containsExactly(Path.of("/etc/anchorwatch/policy.json"),
        Path.of("/etc/anchorwatch/policy.signed"), policy);
  }

  @Test
  void anotherAccountsHomeUsesItsDotConfigNotTheCallersXdgConfigHome() throws Exception {
    writeDenying(xdg.resolve("anchorwatch/policy.json"));
    Path own = writeDenying(home.resolve(".config/anchorwatch/policy.json"));
    Files.writeString(own, "{}");
    ScanOptions opts = realMachine(null, Map.of("HOME", "/somewhere/else", "XDG_CONFIG_HOME", xdg.toString()));
    assertThat(levelOf(new ScanService(Blocklist.bundled()).scan(opts))).isEqualTo("notice");
    assertThat(new ScanService(Blocklist.bundled()).policyFiles(opts)).last().isEqualTo(own);
  }

  @Test
  void aBrokenPerUserPolicyIsReportedAndTheScanGoesOn() throws Exception {
    Path policy = xdg.resolve("anchorwatch/policy.json");
    Files.createDirectories(policy.getParent());
    Files.writeString(policy, "[not json");
    ScanResult r = new ScanService(Blocklist.bundled())
        .scan(realMachine(null, Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", xdg.toString())));
    assertThat(levelOf(r)).isEqualTo("notice");
    assertThat(r.summary().policyErrors()).singleElement().asString().contains(policy.toString());
  }

  @Test
  void anExplicitPolicyReplacesThePerUserOneAndMustExist() throws Exception {
    writeDenying(xdg.resolve("anchorwatch/policy.json"));
    Path named = Files.writeString(tmp.resolve("named.json"), "{}");
    Map<String, String> env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", xdg.toString());
    ScanService service = new ScanService(Blocklist.bundled());
    assertThat(levelOf(service.scan(realMachine(named, env)))).isEqualTo("notice");
    assertThat(service.policyFiles(realMachine(named, env))).last().isEqualTo(named);

    Path missing = tmp.resolve("missing.json");
    assertThatThrownBy(() -> service.scan(realMachine(missing, env))).isInstanceOfSatisfying(AnchorwatchException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_POLICY));
  }

  @Test
  void theSystemPolicyUnderRootAppliesAndABrokenOrgPolicyIsReported() throws Exception {
    Path root = tmp.resolve("root");
    writeDenying(root.resolve("etc/anchorwatch/policy.json"));
    Files.writeString(root.resolve("etc/anchorwatch/policy.signed"), "not a signed document");
    ScanOptions opts = new ScanOptions(false, List.of("pem:" + tmp.resolve("store")), root, home, null, Map.of());
    List<String> errors = new ArrayList<>();
    ScanService service = new ScanService(Blocklist.bundled());
    assertThat(service.judge(opts, errors).match(org.anchorwatch.certs.CertParser.parseDer(planted.der()))).isPresent();
    assertThat(errors).singleElement().asString().contains("policy.signed");
    // under --root the per-user policy is the home's .config one, whatever XDG_CONFIG_HOME says
    assertThat(service.policyFiles(opts)).containsExactly(root.resolve("etc/anchorwatch/policy.json"),
        root.resolve("etc/anchorwatch/policy.signed"), home.resolve(".config/anchorwatch/policy.json"));
  }

  @Test
  void explicitStoresAreReadOnceAndAMalformedSpecIsAUsageError() throws Exception {
    String spec = "pem:" + tmp.resolve("store");
    ScanOptions twice = new ScanOptions(false, List.of(spec, spec + "/../store", "nss:" + tmp.resolve("nss")), tmp, home, null, Map.of());
    List<StoreRef> refs = new ScanService(Blocklist.bundled()).stores(twice);
    assertThat(refs).extracting(StoreRef::path).containsExactly(tmp.resolve("store"), tmp.resolve("nss"));

    ScanOptions bad = new ScanOptions(false, List.of("floppy:/a"), tmp, home, null, Map.of());
    assertThatThrownBy(() -> new ScanService(Blocklist.bundled()).stores(bad)).isInstanceOfSatisfying(AnchorwatchException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_STORE_TYPE));
  }

  @Test
  void defaultStoresAreDiscoveredUnderTheRoot() throws Exception {
    Path root = tmp.resolve("root");
    TestCerts.root("CN=Local Anchor").writePem(root.resolve("usr/local/share/ca-certificates/local.crt"));
    ScanOptions opts = new ScanOptions(true, List.of(), root, home, null, Map.of());
    assertThat(new ScanService(Blocklist.bundled()).stores(opts)).extracting(StoreRef::path)
        .contains(root.resolve("usr/local/share/ca-certificates"));
    ScanOptions none = new ScanOptions(false, List.of(), root, home, null, Map.of());
    assertThat(new ScanService(Blocklist.bundled()).stores(none)).isEmpty();
  }

  @Test
  void signedListUpdatesLiveUnderTheRootAndTheUsersDataHome() {
    Path dataHome = tmp.resolve("xdg-data");
    BlocklistUpdates.Locations real = ScanService.listLocations(
        new ScanOptions(false, List.of(), null, home, null, Map.of("HOME", home.toString(), "XDG_DATA_HOME", dataHome.toString())));
    assertThat(real.machine()).isEqualTo(Path.of(BlocklistUpdates.MACHINE_FILE));
    assertThat(real.user()).isEqualTo(dataHome.resolve(BlocklistUpdates.USER_FILE));

    BlocklistUpdates.Locations relative = ScanService.listLocations(
        new ScanOptions(false, List.of(), null, home, null, Map.of("HOME", home.toString(), "XDG_DATA_HOME", "relative/data")));
    assertThat(relative.user()).as("a relative XDG_DATA_HOME is ignored, as the spec says")
        .isEqualTo(home.resolve(".local/share").resolve(BlocklistUpdates.USER_FILE));

    Path root = tmp.resolve("root");
    BlocklistUpdates.Locations offline = ScanService.listLocations(
        new ScanOptions(false, List.of(), root, home, null, Map.of("HOME", home.toString(), "XDG_DATA_HOME", dataHome.toString())));
    assertThat(offline.machine()).isEqualTo(root.resolve("var/lib/anchorwatch/blocklist.signed"));
    assertThat(offline.user()).isEqualTo(home.resolve(".local/share").resolve(BlocklistUpdates.USER_FILE));

    BlocklistUpdates.Locations homeless = ScanService.listLocations(new ScanOptions(false, List.of(), root, null, null, Map.of()));
    assertThat(homeless.user()).as("no home under the root: no per-user list").isNull();
  }
}
