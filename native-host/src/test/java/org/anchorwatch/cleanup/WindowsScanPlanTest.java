package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.blocklist.BlocklistEntry;
import org.anchorwatch.blocklist.Judge;
import org.anchorwatch.blocklist.Policy;
import org.anchorwatch.blocklist.Tier;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.Finding;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.Scanner;
import org.anchorwatch.stores.DerKeys;
import org.anchorwatch.stores.DiscoveryContext;
import org.anchorwatch.stores.windows.FakeCertApi;
import org.anchorwatch.stores.windows.WinFixtures;
import org.anchorwatch.stores.windows.WindowsPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole Windows scan (every location and store) and the plan made from it, over the in-memory crypt32. */
class WindowsScanPlanTest {
  static final int CU = 0x10000;
  static final int LM = 0x20000;

  @TempDir
  Path root;
  final FakeCertApi crypt32 = new FakeCertApi();
  final byte[] kz = WinFixtures.der(WinFixtures.KZ);
  final byte[] dell = WinFixtures.der(WinFixtures.DELL);
  final byte[] superfish = WinFixtures.der(WinFixtures.SUPERFISH);

  ScanResult scan() {
    Judge judge = new Judge(Blocklist.bundled(), new Policy(List.of(deny("kz", kz), deny("dell", dell), deny("superfish", superfish)),
        Set.of(), Set.of(), List.of()));
    return new Scanner(judge, ref -> WindowsPlatform.open(ref, () -> crypt32)).scan(WindowsPlatform.stores(), List.of());
  }

  static BlocklistEntry deny(String id, byte[] der) {
    return new BlocklistEntry(id, id, null, null, null, null, DerKeys.spki(der), null, null, "government-mitm", Tier.INTERCEPTION,
        List.of("test"), "look-alike made under Wine", BlocklistEntry.Source.POLICY);
  }

  @Test
  void blockedWhereTrustedSilentWhereDisallowedAndPlannedPerLocation() throws Exception {
    crypt32.put(CU, "ROOT", kz, WinFixtures.element(WinFixtures.KZ_ELEMENT));
    crypt32.put(LM, "ROOT", kz);
    crypt32.put(LM, "ROOT", dell, WinFixtures.element(WinFixtures.DELL_ELEMENT));
    crypt32.put(CU, "ROOT", superfish);
    crypt32.put(LM, "Disallowed", superfish, WinFixtures.element(WinFixtures.SUPERFISH_ELEMENT));

    ScanResult r = scan();
    assertThat(r.stores()).allSatisfy(s -> assertThat(s.error()).isNull());
    assertThat(r.findings()).filteredOn(f -> f.level().equals("blocked")).extracting(Finding::store, f -> f.entry().name())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("windows:" + Path.of("CurrentUser", "ROOT"), "kz"),
            org.assertj.core.groups.Tuple.tuple("windows:" + Path.of("LocalMachine", "ROOT"), "kz"),
            org.assertj.core.groups.Tuple.tuple("windows:" + Path.of("LocalMachine", "ROOT"), "dell"));
    assertThat(r.summary().interception()).containsExactlyInAnyOrder("kz", "dell");

    DiscoveryContext ctx = new DiscoveryContext(root, List.of(), Map.of());
    Plan plan = new Planner(ctx, RebuildCommands.load(ctx, false)).plan(r, DerKeys.sha256(kz), false);
    assertThat(plan.steps()).extracting(Step::storeType, Step::action, Step::elevation, s -> s.details().get(OsSteps.LOCATION))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("windows", "delete", false, "CurrentUser\\ROOT"),
            org.assertj.core.groups.Tuple.tuple("windows", "delete", true, "LocalMachine\\ROOT"));
    assertThat(plan.needsElevation()).isTrue();

    assertThatThrownBy(() -> new Planner(ctx, RebuildCommands.load(ctx, false)).plan(r, DerKeys.sha256(superfish), false))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_INSTALLED));
    crypt32.assertClean();
  }
}
