package org.anchorwatch.stores.nss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.stores.StoreListing;
import org.anchorwatch.stores.StoreOpener;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;
import org.anchorwatch.stores.Trust;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NssStoreTest {
  @TempDir Path tmp;

  private static Map<String, StoreEntry> byNickname(StoreListing l) {
    return l.entries().stream().collect(Collectors.toMap(e -> e.attributes().get("nickname"), Function.identity()));
  }

  private static ErrorCode codeOf(Path dir) {
    try {
      new NssStore(dir).list();
      throw new AssertionError("expected a failure for " + dir);
    } catch (AnchorwatchException e) {
      return e.code();
    }
  }

  @Test
  void listsEveryCertWithTrustNicknameAndLocation() throws Exception {
    Issued a = TestCerts.root("Root A");
    Issued b = TestCerts.root("Root B");
    Issued c = TestCerts.root("Root C");
    Issued d = TestCerts.root("Root D");
    NssTestDb db = NssTestDb.create(tmp.resolve("db"))
        .add("anchor", "C,,", a)
        .add("everything", "CT,C,C", b)
        .add("distrusted", ",,", c)
        .add("explicit distrust", "p,p,p", d);

    StoreListing l = new NssStore(db.dir).list();

    assertThat(l.warnings()).isEmpty();
    Map<String, StoreEntry> m = byNickname(l);
    assertThat(m).containsOnlyKeys("anchor", "everything", "distrusted", "explicit distrust");
    assertThat(m.get("anchor").trust()).isEqualTo(Trust.TRUSTED);
    assertThat(m.get("everything").trust()).isEqualTo(Trust.TRUSTED);
    assertThat(m.get("distrusted").trust()).isEqualTo(Trust.DISTRUSTED);
    assertThat(m.get("explicit distrust").trust()).isEqualTo(Trust.DISTRUSTED);
    assertThat(m.get("anchor").cert().sha256()).isEqualTo(a.sha256());
    assertThat(m.get("anchor").cert().displayName()).isEqualTo("Root A");
    assertThat(m.get("anchor").location()).isEqualTo(db.dir + "#anchor");
    assertThat(m.get("anchor").attributes())
        .containsEntry("nickname", "anchor").containsEntry("trust", "C,,").containsEntry("path", db.dir.toString());
    // Our rendering must be certutil's, string for string: restore depends on it.
    Map<String, String> ours = l.entries().stream()
        .collect(Collectors.toMap(e -> e.attributes().get("nickname"), e -> e.attributes().get("trust")));
    assertThat(ours).isEqualTo(db.certutilList());
  }

  @Test
  void rendersTrustExactlyLikeCertutilForUnusualFlagMixes() {
    List<String> trusts = List.of("c,,", "P,,", "p,,", "cp,pw,", "CTP,Cu,c", "Tw,P,p", "C,C,C", "u,u,u", ",c,", ",,C");
    NssTestDb db = NssTestDb.create(tmp.resolve("db"));
    for (int i = 0; i < trusts.size(); i++) db.add("cert " + i, trusts.get(i), TestCerts.root("Mix " + i));

    Map<String, String> ours = new java.util.HashMap<>();
    try {
      for (StoreEntry e : new NssStore(db.dir).list().entries()) ours.put(e.attributes().get("nickname"), e.attributes().get("trust"));
    } catch (AnchorwatchException e) {
      throw new AssertionError(e);
    }
    assertThat(ours).isEqualTo(db.certutilList());
  }

  @Test
  void trustMeaningOfNonAnchorFlags() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db"))
        .add("peer", "P,,", TestCerts.root("Peer"))
        .add("valid ca", "c,c,c", TestCerts.root("Valid CA"))
        // NSS keeps T only in the SSL word (",,T" is stored as ",,c"), so the client anchor is "T,,".
        .add("client anchor", "T,,", TestCerts.root("Client Anchor"))
        .add("email anchor", ",C,", TestCerts.root("Email Anchor"));

    Map<String, StoreEntry> m = byNickname(new NssStore(db.dir).list());

    assertThat(m.get("peer").trust()).isEqualTo(Trust.STORED);
    assertThat(m.get("valid ca").trust()).isEqualTo(Trust.STORED);
    assertThat(m.get("client anchor").trust()).isEqualTo(Trust.TRUSTED);
    assertThat(m.get("email anchor").trust()).isEqualTo(Trust.TRUSTED);
  }

  @Test
  void nicknamesWithSpacesAndNonAsciiSurviveAndDbPathMayBeOdd() throws Exception {
    String nick = "Ünïcødé Root – 東京 ✓ (test)";
    Issued root = TestCerts.root("Ünïcødé CA 東京");
    NssTestDb db = NssTestDb.create(tmp.resolve("profile dir é 'q'")).add(nick, "C,,", root);

    StoreListing l = new NssStore(db.dir).list();

    assertThat(l.entries()).singleElement().satisfies(e -> {
      assertThat(e.attributes()).containsEntry("nickname", nick);
      assertThat(e.location()).isEqualTo(db.dir + "#" + nick);
      assertThat(e.cert().displayName()).isEqualTo("Ünïcødé CA 東京");
    });
    assertThat(db.certutilList()).containsEntry(nick, "C,,");
  }

  @Test
  void intermediateAndLeafAreListedToo() throws Exception {
    Issued root = TestCerts.root("Chain Root");
    Issued inter = TestCerts.intermediate("Chain Intermediate", root);
    Issued leaf = TestCerts.leaf("chain.example", inter);
    NssTestDb db = NssTestDb.create(tmp.resolve("db"))
        .add("root", "C,,", root).add("inter", ",,", inter).add("leaf", "P,,", leaf);

    Map<String, StoreEntry> m = byNickname(new NssStore(db.dir).list());

    assertThat(m.get("root").cert().ca()).isTrue();
    assertThat(m.get("inter").cert().issuer()).isEqualTo(m.get("root").cert().subject());
    assertThat(m.get("leaf").cert().ca()).isFalse();
    assertThat(m.get("leaf").trust()).isEqualTo(Trust.STORED);
  }

  @Test
  void reissuedRootsShareANicknameButAreTwoEntries() throws Exception {
    Issued first = TestCerts.root("Reissued Root");
    Issued second = TestCerts.reissue(first);
    NssTestDb db = NssTestDb.create(tmp.resolve("db")).add("same", "C,,", first).add("same", "C,,", second);

    StoreListing l = new NssStore(db.dir).list();

    assertThat(l.entries()).extracting(e -> e.cert().sha256()).containsExactlyInAnyOrder(first.sha256(), second.sha256());
    assertThat(l.entries()).extracting(e -> e.cert().spkiSha256()).containsOnly(l.entries().get(0).cert().spkiSha256());
  }

  @Test
  void aCertOurParserRejectsIsAWarningAndTheRestIsListed() throws Exception {
    // NSS stores a 70 KB certificate; CertParser caps certificates at 64 KiB.
    NssTestDb db = NssTestDb.create(tmp.resolve("db"))
        .add("huge", "C,,", PaddedCert.root("Huge Root", 70_000))
        .add("normal", "C,,", TestCerts.root("Normal Root"));

    StoreListing l = new NssStore(db.dir).list();

    assertThat(l.entries()).extracting(e -> e.attributes().get("nickname")).containsExactly("normal");
    assertThat(l.warnings()).singleElement().asString().startsWith(db.dir + "#huge: ").contains("larger than");
  }

  @Test
  void emptyDatabaseIsAnEmptyListingNotAnError() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db"));

    StoreListing l = new NssStore(db.dir).list();

    assertThat(l.entries()).isEmpty();
    assertThat(l.warnings()).isEmpty();
  }

  @Test
  void readingChangesNoFileAndWritesNothingToStdout() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db")).add("anchor", "C,,", TestCerts.root("Root"));
    Map<Path, byte[]> before = snapshot(db.dir);
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true));
    try {
      new NssStore(db.dir).list();
    } finally {
      System.setOut(stdout);
    }
    assertThat(captured.size()).isZero();
    Map<Path, byte[]> after = snapshot(db.dir);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((p, bytes) -> assertThat(after.get(p)).as(p.toString()).isEqualTo(bytes));
  }

  private static Map<Path, byte[]> snapshot(Path dir) throws Exception {
    Map<Path, byte[]> m = new java.util.TreeMap<>();
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) m.put(p.getFileName(), Files.readAllBytes(p));
    }
    return m;
  }

  @Test
  void missingDirectoryIsNotFound() {
    assertThat(codeOf(tmp.resolve("nope"))).isEqualTo(ErrorCode.STORE_NOT_FOUND);
  }

  @Test
  void directoryWithoutCert9IsNotFoundAndStaysEmpty() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> new NssStore(dir).list())
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_NOT_FOUND))
        .hasMessageContaining("cert9.db");
    try (var s = Files.list(dir)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void aFileInsteadOfADirectoryIsNotFound() throws Exception {
    Path file = Files.writeString(tmp.resolve("cert9.db"), "x");
    assertThat(codeOf(file)).isEqualTo(ErrorCode.STORE_NOT_FOUND);
  }

  @Test
  void randomBytesAsCert9AreCorruptWithTheNssErrorName() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db"));
    byte[] junk = new byte[32768];
    new Random(42).nextBytes(junk);
    Files.write(db.certDb(), junk);

    assertThatThrownBy(() -> new NssStore(db.dir).list())
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT))
        .hasMessageContaining("SEC_ERROR_BAD_DATABASE").hasMessageContaining("cert9.db is not an SQLite database")
        .hasMessageContaining(db.dir.toString());
  }

  @Test
  void emptyCert9IsCorrupt() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db"));
    Files.write(db.certDb(), new byte[0]);
    assertThat(codeOf(db.dir)).isEqualTo(ErrorCode.STORE_CORRUPT);
  }

  @Test
  void sqliteHeaderWithGarbageBehindIsCorruptWithTheNssErrorName() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db"));
    byte[] bytes = Files.readAllBytes(db.certDb());
    byte[] junk = new byte[bytes.length - 16];
    new Random(7).nextBytes(junk);
    System.arraycopy(junk, 0, bytes, 16, junk.length);
    Files.write(db.certDb(), bytes);

    assertThatThrownBy(() -> new NssStore(db.dir).list())
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT))
        .hasMessageContaining("SEC_ERROR_BAD_DATABASE");
  }

  @Test
  void cert9WithoutKey4IsCorruptAndSaysWhy() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db")).add("a", "C,,", TestCerts.root("Root"));
    Files.delete(db.dir.resolve("key4.db"));
    assertThatThrownBy(() -> new NssStore(db.dir).list())
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT))
        .hasMessageContaining("key4.db");
  }

  @Test
  void aGoodDatabaseReadsFineRightAfterACorruptOne() throws Exception {
    NssTestDb bad = NssTestDb.create(tmp.resolve("bad"));
    Files.write(bad.certDb(), ("SQLite format 3\0" + "garbage behind a valid header ".repeat(100)).getBytes());
    NssTestDb good = NssTestDb.create(tmp.resolve("good")).add("a", "C,,", TestCerts.root("Root"));

    assertThat(codeOf(bad.dir)).isEqualTo(ErrorCode.STORE_CORRUPT);
    assertThat(new NssStore(good.dir).list().entries()).hasSize(1);
  }

  /**
   * Root bypasses file modes (CAP_DAC_OVERRIDE) and the tests run as root in CI: there the reads
   * run as nobody (uid 65534) in a child JVM, next to a readable database that proves the child can
   * read NSS at all. Run as another user, the same checks run in this JVM.
   */
  @Test
  void unreadableDirectoryOrDatabaseIsPermissionDenied() throws Exception {
    NssTestDb closed = NssTestDb.create(tmp.resolve("closed")).add("a", "C,,", TestCerts.root("Root"));
    NssTestDb lockedFile = NssTestDb.create(tmp.resolve("file")).add("b", "C,,", TestCerts.root("Other"));
    NssTestDb open = NssTestDb.create(tmp.resolve("open")).add("c", "C,,", TestCerts.root("Readable"));
    for (NssTestDb db : List.of(closed, lockedFile, open)) {
      Files.setPosixFilePermissions(db.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (Path f : List.of(db.certDb(), db.dir.resolve("key4.db"))) Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    }
    Files.setPosixFilePermissions(closed.dir, PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(lockedFile.certDb(), PosixFilePermissions.fromString("rw-------"));
    try {
      Map<Path, String> outcome = new java.util.HashMap<>();
      if (Files.isReadable(closed.dir)) { // root: ask nobody
        org.anchorwatch.testsupport.Unprivileged.Result r = org.anchorwatch.testsupport.NobodyJvm.run(tmp, NssPermissionProbe.class,
            closed.dir.toString(), lockedFile.dir.toString(), open.dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        for (String line : r.out().lines().toList()) outcome.put(Path.of(line.substring(0, line.indexOf(' '))), line.substring(line.indexOf(' ') + 1));
      } else {
        for (NssTestDb db : List.of(closed, lockedFile, open)) {
          try {
            outcome.put(db.dir, "listed " + new NssStore(db.dir).list().entries().size());
          } catch (AnchorwatchException e) {
            outcome.put(db.dir, "failed " + e.code() + ": " + e.getMessage());
          }
        }
      }
      assertThat(outcome.get(open.dir)).isEqualTo("listed 1");
      assertThat(outcome.get(closed.dir)).isEqualTo("failed STORE_PERMISSION_DENIED: permission denied: " + closed.dir);
      assertThat(outcome.get(lockedFile.dir)).isEqualTo("failed STORE_PERMISSION_DENIED: permission denied: " + lockedFile.certDb());
    } finally {
      Files.setPosixFilePermissions(closed.dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void twoScansInARowGiveTheSameResult() throws Exception {
    NssTestDb one = NssTestDb.create(tmp.resolve("one")).add("a", "C,,", TestCerts.root("One"));
    NssTestDb two = NssTestDb.create(tmp.resolve("two")).add("b", ",,", TestCerts.root("Two"));

    StoreListing first = new NssStore(one.dir).list();
    StoreListing second = new NssStore(one.dir).list();
    StoreListing other = new NssStore(two.dir).list();

    assertThat(second.entries()).extracting(e -> e.cert().sha256()).isEqualTo(first.entries().stream().map(e -> e.cert().sha256()).toList());
    // No leftovers from the previous database: NSS must really have been shut down in between.
    assertThat(other.entries()).extracting(e -> e.attributes().get("nickname")).containsExactly("b");
  }

  @Test
  void parallelScansOfDifferentDatabasesAreSerialisedAndNeverMixed() throws Exception {
    int dbs = 4;
    List<NssTestDb> all = new ArrayList<>();
    for (int i = 0; i < dbs; i++) {
      NssTestDb db = NssTestDb.create(tmp.resolve("db" + i));
      for (int j = 0; j <= i; j++) db.add("db" + i + " cert" + j, "C,,", TestCerts.root("DB " + i + " Root " + j));
      all.add(db);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (int i = 0; i < dbs; i++) {
          int k = i;
          Callable<Boolean> scan = () -> {
            StoreListing l = new NssStore(all.get(k).dir).list();
            assertThat(l.entries()).hasSize(k + 1).allSatisfy(e -> assertThat(e.attributes().get("nickname")).startsWith("db" + k + " "));
            return true;
          };
          results.add(pool.submit(scan));
        }
      }
      for (Future<Boolean> f : results) assertThat(f.get()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void storeOpenerReadsNssRefs() throws Exception {
    NssTestDb db = NssTestDb.create(tmp.resolve("db")).add("a", "C,,", TestCerts.root("Root"));
    StoreListing l = StoreOpener.open(StoreRef.of(StoreType.NSS, db.dir, Role.ADDED, "test")).list();
    assertThat(l.entries()).hasSize(1);
  }
}
