package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bad entry is one coded warning and never hides its siblings (issue 8, section 1). */
class PemStoreWalkTest {
  @TempDir Path dir;

  private static final PemRules HASH_DIR = new PemRules(false, false, null, Set.of("ca-certificates.crt"), null);

  private Path anchor(String rel) {
    return TestCerts.root("CN=Walk " + rel.replaceAll("\\W", "")).writePem(dir.resolve(rel));
  }

  private static StoreListing list(Path p, PemRules rules) throws Exception {
    return new PemStore(p, rules).list();
  }

  private static List<String> codes(StoreListing l) {
    return l.warnings().stream().map(w -> w.substring(0, w.indexOf(':'))).toList();
  }

  @Test
  void directoryLoopsAreOneWarning() throws Exception {
    anchor("s/a.crt");
    Files.createSymbolicLink(dir.resolve("s/self"), Path.of("."));
    Files.createDirectories(dir.resolve("s/sub"));
    Files.createSymbolicLink(dir.resolve("s/sub/up"), Path.of(".."));
    Files.createSymbolicLink(dir.resolve("s/x.crt"), Path.of("y.crt"));
    Files.createSymbolicLink(dir.resolve("s/y.crt"), Path.of("x.crt"));
    StoreListing l = list(dir.resolve("s"), PemRules.DEFAULT);
    assertThat(l.entries()).extracting(StoreEntry::location).containsExactly(dir.resolve("s/a.crt").toString());
    assertThat(codes(l)).containsExactlyInAnyOrder("LOOP", "LOOP", "LOOP", "LOOP");
  }

  @Test
  void specialFilesAreNeverOpened() throws Exception {
    anchor("s/a.crt");
    Tools.run("mkfifo", dir.resolve("s/fifo.crt").toString()).ok();
    Files.createSymbolicLink(dir.resolve("s/zero.crt"), Path.of("/dev/zero"));
    Files.createSymbolicLink(dir.resolve("s/gone.crt"), dir.resolve("nowhere.crt"));
    StoreListing l = list(dir.resolve("s"), PemRules.DEFAULT);
    assertThat(l.entries()).hasSize(1);
    assertThat(l.warnings()).anyMatch(w -> w.startsWith("SPECIAL_FILE: " + dir.resolve("s/fifo.crt") + ": a FIFO"));
    assertThat(l.warnings()).anyMatch(w -> w.startsWith("SPECIAL_FILE: " + dir.resolve("s/zero.crt") + ": a character device"));
    assertThat(codes(l)).containsExactlyInAnyOrder("SPECIAL_FILE", "SPECIAL_FILE", "DANGLING_LINK");
  }

  @Test
  void aSingleFileStoreThatIsADeviceOrFifoIsAWarningNotACrash() throws Exception {
    Files.createSymbolicLink(dir.resolve("bundle.crt"), Path.of("/dev/zero"));
    Tools.run("mkfifo", dir.resolve("fifo.crt").toString()).ok();
    assertThat(codes(list(dir.resolve("bundle.crt"), PemRules.DEFAULT))).containsExactly("SPECIAL_FILE");
    assertThat(codes(list(dir.resolve("fifo.crt"), PemRules.DEFAULT))).containsExactly("SPECIAL_FILE");
  }

  @Test
  void capsOnDepthEntriesAndSize() throws Exception {
    anchor("s/1/2/3/4/deep.crt");
    anchor("s/top.crt");
    StoreListing deep = new PemStore(dir.resolve("s"), PemRules.DEFAULT, new TreeWalker.Limits(3, 1000, 1 << 20)).list();
    assertThat(deep.entries()).hasSize(1);
    assertThat(codes(deep)).containsExactly("DEPTH_LIMIT");

    StoreListing few = new PemStore(dir.resolve("s"), PemRules.DEFAULT, new TreeWalker.Limits(16, 2, 1 << 20)).list();
    assertThat(codes(few)).contains("ENTRY_LIMIT");

    StoreListing small = new PemStore(dir.resolve("s"), PemRules.DEFAULT, new TreeWalker.Limits(16, 1000, 100)).list();
    assertThat(small.entries()).isEmpty();
    assertThat(codes(small)).containsExactly("TOO_LARGE", "TOO_LARGE");
  }

  @Test
  void hashDirLinksAreReadWhereverTheyPoint() throws Exception {
    Path outside = anchor("elsewhere/evil.pem");
    anchor("certs/byhand.pem");
    Files.createDirectories(dir.resolve("certs/java"));
    anchor("certs/java/not-read.pem");
    Files.createSymbolicLink(dir.resolve("certs/abcd1234.0"), outside);
    Files.writeString(dir.resolve("certs/ca-certificates.crt"), "skipped by name");
    StoreListing l = list(dir.resolve("certs"), HASH_DIR);
    assertThat(l.entries()).extracting(StoreEntry::location)
        .containsExactly(dir.resolve("certs/abcd1234.0").toString(), dir.resolve("certs/byhand.pem").toString());
    assertThat(l.entries().get(0).attributes()).containsEntry(PemStore.TARGET, outside.toRealPath().toString());
    assertThat(l.warnings()).isEmpty();
  }

  @Test
  void underAnotherRootAbsoluteLinksStayInsideIt() throws Exception {
    Path root = dir.resolve("root");
    Path inside = TestCerts.root("CN=Inside").writePem(root.resolve("usr/share/ca/x.crt"));
    Files.createDirectories(root.resolve("etc/ssl/certs"));
    Files.createSymbolicLink(root.resolve("etc/ssl/certs/x.pem"), Path.of("/usr/share/ca/x.crt"));
    Files.createSymbolicLink(root.resolve("etc/ssl/certs/11111111.0"), Path.of("x.pem"));
    StoreListing l = list(root.resolve("etc/ssl/certs"), HASH_DIR.withLinkRoot(root));
    assertThat(l.entries()).hasSize(2).allSatisfy(e -> assertThat(e.attributes()).containsEntry(PemStore.TARGET, inside.toString()));
  }

  @Test
  void brokenBlockAfterAGoodOneKeepsTheGoodOne() throws Exception {
    TestCerts.Issued a = TestCerts.root("CN=First");
    Files.createDirectories(dir.resolve("s"));
    Files.writeString(dir.resolve("s/mixed.crt"), a.pem() + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    StoreListing l = list(dir.resolve("s"), PemRules.DEFAULT);
    assertThat(l.entries()).singleElement().satisfies(e -> {
      assertThat(e.cert().sha256()).isEqualTo(a.sha256());
      assertThat(e.location()).isEqualTo(dir.resolve("s/mixed.crt") + "#1");
    });
    assertThat(codes(l)).containsExactly("BAD_CERTIFICATE");
  }
}
