package org.anchorwatch.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.anchorwatch.stores.PemRules;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change detector behind rescan-on-change, on real files: each kind of change a store or
 * policy file can undergo (content, size alone, mtime alone, an atomic replace keeping both) must
 * change the fingerprint, and what a scan does not read must not.
 */
class StoreFingerprintTest {
  @TempDir Path tmp;
  Path pem;
  StoreRef store;

  @BeforeEach
  void setUp() throws Exception {
    pem = Files.createDirectories(tmp.resolve("pem"));
    Files.writeString(pem.resolve("a.crt"), "x".repeat(100));
    store = StoreRef.of(StoreType.PEM, pem, Role.ADDED, "local");
  }

  private long of(StoreRef... refs) {
    return StoreFingerprint.of(List.of(refs), List.of());
  }

  @Test
  void sameFilesSameFingerprint() {
    assertThat(of(store)).isEqualTo(of(store));
    assertThat(of(store)).isNotEqualTo(of());
  }

  interface Change {
    void apply(Path file) throws Exception;
  }

  /** The fingerprint of the store must differ after {@code change} is applied to its a.crt. */
  private void assertSeen(Change change) throws Exception {
    long before = of(store);
    change.apply(pem.resolve("a.crt"));
    assertThat(of(store)).isNotEqualTo(before);
  }

  @Test
  void aNewFileInAStoreDirectoryIsAChange() throws Exception {
    assertSeen(a -> Files.writeString(a.resolveSibling("b.crt"), "y"));
  }

  @Test
  void oneMoreByteWithTheSameMtimeIsAChange() throws Exception {
    assertSeen(a -> {
      FileTime t = Files.getLastModifiedTime(a);
      Files.writeString(a, "x".repeat(101)); // in place: same inode
      Files.setLastModifiedTime(a, t);
    });
  }

  @Test
  void aNewMtimeWithTheSameSizeIsAChange() throws Exception {
    assertSeen(a -> Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 1)));
  }

  @Test
  void aFileRenamedOverAnotherWithTheSameSizeAndMtimeIsAChange() throws Exception {
    assertSeen(a -> {
      Path next = Files.writeString(tmp.resolve("next.crt"), "z".repeat(100));
      Files.setLastModifiedTime(next, Files.getLastModifiedTime(a));
      Files.move(next, a, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    });
  }

  @Test
  void aChangeInTheFirstStoreIsSeenBehindManyOtherFiles() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("other"));
    for (int i = 0; i < 8; i++) Files.writeString(other.resolve(i + ".crt"), "o" + i);
    StoreRef second = StoreRef.of(StoreType.PEM, other, Role.ADDED, "other");
    Path a = pem.resolve("a.crt");
    long before = of(store, second);
    Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 1));
    assertThat(of(store, second)).isNotEqualTo(before);
  }

  @Test
  void subdirectoriesCountOnlyForRecursiveStores() throws Exception {
    Path deep = Files.writeString(Files.createDirectories(pem.resolve("sub")).resolve("deep.crt"), "d");
    StoreRef flat = new StoreRef(StoreType.PEM, pem, Role.ADDED, "flat", new PemRules(false, false, null, java.util.Set.of(), null), false);
    long recursiveBefore = of(store);
    long flatBefore = of(flat);
    Files.writeString(deep, "changed in place"); // the sub-directory itself keeps its mtime
    assertThat(of(store)).isNotEqualTo(recursiveBefore);
    assertThat(of(flat)).isEqualTo(flatBefore);
  }

  @Test
  void aSingleFileStoreIsStatted() throws Exception {
    Path bundle = Files.writeString(tmp.resolve("bundle.pem"), "b");
    StoreRef file = StoreRef.of(StoreType.PEM, bundle, Role.EXTRACTED, "bundle");
    long before = of(file);
    Files.writeString(bundle, "bb");
    assertThat(of(file)).isNotEqualTo(before);
  }

  @Test
  void nssWatchesCert9DbOnly() throws Exception {
    Path nss = Files.createDirectories(tmp.resolve("nss"));
    Files.writeString(nss.resolve("cert9.db"), "c");
    Files.writeString(nss.resolve("key4.db"), "k");
    StoreRef db = StoreRef.of(StoreType.NSS, nss, Role.ADDED, "profile");
    long before = of(db);
    Files.writeString(nss.resolve("key4.db"), "key changed");
    Files.writeString(nss.resolve("pkcs11.txt"), "new");
    assertThat(of(db)).as("files beside cert9.db are not read by a scan").isEqualTo(before);
    Files.writeString(nss.resolve("cert9.db"), "cert changed");
    assertThat(of(db)).isNotEqualTo(before);
  }

  @Test
  void policyFilesCountWhetherPresentOrNot() throws Exception {
    Path policy = tmp.resolve("policy.json");
    long absent = StoreFingerprint.of(List.of(store), List.of(policy));
    assertThat(StoreFingerprint.of(List.of(store), List.of(tmp.resolve("other.json")))).as("another policy path").isNotEqualTo(absent);
    Files.writeString(policy, "{}");
    long present = StoreFingerprint.of(List.of(store), List.of(policy));
    assertThat(present).isNotEqualTo(absent);
    Files.writeString(policy, "{\"deny\":[]}");
    assertThat(StoreFingerprint.of(List.of(store), List.of(policy))).isNotEqualTo(present);
  }
}
