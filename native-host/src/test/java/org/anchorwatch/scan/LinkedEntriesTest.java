package org.anchorwatch.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.blocklist.Judge;
import org.anchorwatch.blocklist.Policy;
import org.anchorwatch.stores.PemRules;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OpenSSL hash directory links to files another store already reads: one certificate, one
 * finding, naming the link in "alsoAt". A link to a file no store reads stays its own finding.
 * Real files and symbolic links under a temp directory, read by the real PemStore.
 */
class LinkedEntriesTest {
  @TempDir Path dir;

  @Test
  void aLinkToAnAnchorAnotherStoreReadsIsFoldedIntoThatFinding() throws Exception {
    TestCerts.Issued local = TestCerts.root("CN=Linked Local Anchor");
    TestCerts.Issued stray = TestCerts.root("CN=Stray Linked Root");
    Path anchor = local.writePem(dir.resolve("anchors/local.crt"));
    stray.writePem(dir.resolve("outside/stray.crt"));
    Path hashDir = Files.createDirectories(dir.resolve("hashdir"));
    Path link = Files.createSymbolicLink(hashDir.resolve("abcd1234.0"), Path.of("../anchors/local.crt"));
    Files.createSymbolicLink(hashDir.resolve("ef015678.0"), Path.of("../outside/stray.crt"));
    StoreRef anchors = StoreRef.of(StoreType.PEM, dir.resolve("anchors"), Role.ADDED, "local anchors");
    StoreRef hashes = new StoreRef(StoreType.PEM, hashDir, Role.EXTRACTED, "hash dir",
        new PemRules(false, false, null, Set.of(), null), false);

    ScanResult r = new Scanner(new Judge(Blocklist.bundled(), Policy.EMPTY)).scan(List.of(anchors, hashes), List.of());

    assertThat(r.summary().certificates()).as("the folded link is not a second certificate").isEqualTo(2);
    assertThat(r.findings()).extracting(Finding::subject).containsExactlyInAnyOrder(local.subject(), stray.subject());
    Finding folded = r.findings().stream().filter(f -> f.subject().equals(local.subject())).findFirst().orElseThrow();
    assertThat(folded.store()).isEqualTo(anchors.id());
    assertThat(folded.location()).startsWith(anchor.toString());
    assertThat(folded.attributes().get(LinkedEntries.ALSO_AT)).startsWith(link.toString());
    Finding own = r.findings().stream().filter(f -> f.subject().equals(stray.subject())).findFirst().orElseThrow();
    assertThat(own.store()).isEqualTo(hashes.id());
    assertThat(own.attributes()).doesNotContainKey(LinkedEntries.ALSO_AT);
    assertThat(r.stores()).extracting(StoreReport::certificates).containsExactly(1, 2);
  }

  @Test
  void aLinkedCopyAloneIsNotFolded() throws Exception {
    TestCerts.Issued only = TestCerts.root("CN=Only Through A Link");
    only.writePem(dir.resolve("files/only.crt"));
    Path hashDir = Files.createDirectories(dir.resolve("hashdir"));
    Files.createSymbolicLink(hashDir.resolve("aaaa0000.0"), Path.of("../files/only.crt"));
    Files.createSymbolicLink(hashDir.resolve("aaaa0000.1"), Path.of("../files/only.crt"));
    StoreRef hashes = new StoreRef(StoreType.PEM, hashDir, Role.EXTRACTED, "hash dir",
        new PemRules(false, false, null, Set.of(), null), false);

    ScanResult r = new Scanner(new Judge(Blocklist.bundled(), Policy.EMPTY)).scan(List.of(hashes), List.of());

    // two links to one file no store reads directly: the first stands for it, the second is folded in
    assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.attributes().get(LinkedEntries.ALSO_AT)).contains("aaaa0000."));
    assertThat(r.summary().certificates()).isEqualTo(1);
  }
}
