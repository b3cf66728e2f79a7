package org.anchorwatch.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.TestCerts.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan reads JKS keystores without KeyStore (JksFile): it must list exactly what the JDK's
 * keystore lists — same locations, trust, aliases, creation times and certificates — and turn every
 * malformed file into STORE_CORRUPT.
 */
class JksFileTest {
  @TempDir Path dir;

  private static final Issued ROOT = TestCerts.root("JKS Parity Root");
  private static final Issued OTHER = TestCerts.root("CN=Other Root,O=Mixed Case Inc");
  private static final Issued LEAF = TestCerts.leaf("jks.example", ROOT, "jks.example");

  /** What a listing says about each entry, as a comparable string. */
  private static Set<String> described(StoreListing l) {
    return l.entries().stream().map(e -> e.location() + " " + e.trust() + " " + e.cert().sha256() + " " + e.attributes())
        .collect(Collectors.toSet());
  }

  private Path keystore(String type, char[] password) throws Exception {
    KeyStore ks = KeyStore.getInstance(type);
    ks.load(null, null);
    ks.setCertificateEntry("Parity Root", ROOT.cert());
    ks.setCertificateEntry("other", OTHER.cert());
    ks.setKeyEntry("Server Key", LEAF.keys().getPrivate(), TestCerts.PASSWORD, new Certificate[] {LEAF.cert(), ROOT.cert()});
    Path file = dir.resolve(type.toLowerCase() + ".ks");
    try (var out = Files.newOutputStream(file)) {
      ks.store(out, password);
    }
    return file;
  }

  @Test
  void listsWhatTheJdkKeystoreLists() throws Exception {
    for (char[] password : new char[][] {"changeit".toCharArray(), "not-a-known-one".toCharArray()}) {
      Path file = keystore("JKS", password);
      byte[] bytes = Files.readAllBytes(file);
      assertThat(JksFile.isJks(bytes)).isTrue();
      KeystoreStore store = new KeystoreStore(file);
      StoreListing fast = store.list();
      assertThat(described(fast)).isEqualTo(described(store.listWithKeyStore(bytes)));
      assertThat(fast.entries()).extracting(StoreEntry::location)
          .containsExactlyInAnyOrder(file + "#parity root", file + "#other", file + "#server key");
      assertThat(fast.entries()).filteredOn(e -> e.location().endsWith("#server key")).singleElement()
          .satisfies(e -> {
            assertThat(e.trust()).isEqualTo(Trust.STORED);
            assertThat(e.cert().sha256()).isEqualTo(LEAF.sha256()); // the chain's first certificate
          });
      assertThat(fast.entries()).filteredOn(e -> e.location().endsWith("#parity root")).singleElement()
          .satisfies(e -> assertThat(e.trust()).isEqualTo(Trust.TRUSTED));
    }
  }

  @Test
  void pkcs12StillGoesThroughTheJdk() throws Exception {
    Path file = keystore("PKCS12", "changeit".toCharArray());
    assertThat(JksFile.isJks(Files.readAllBytes(file))).isFalse();
    assertThat(new KeystoreStore(file).list().entries()).hasSize(3);
  }

  /** This machine's own Java trust store, read only: both readers agree on real data. */
  @Test
  void agreesWithTheJdkOnThisMachinesCacerts() throws Exception {
    Path cacerts = Path.of("/etc/ssl/certs/java/cacerts");
    assumeTrue(Files.isReadable(cacerts) && JksFile.isJks(Files.readAllBytes(cacerts)), "no JKS cacerts here");
    KeystoreStore store = new KeystoreStore(cacerts);
    StoreListing fast = store.list();
    assertThat(fast.entries()).isNotEmpty();
    assertThat(described(fast)).isEqualTo(described(store.listWithKeyStore(Files.readAllBytes(cacerts))));
  }

  @Test
  void readsVersionOneAndLetsARepeatedAliasReplaceTheFirst() throws Exception {
    byte[] bytes = jks(1, out -> {
      trusted(out, 1, "Dup", 1000L, null, ROOT.der());
      trusted(out, 1, "dup", 2000L, null, OTHER.der());
      keyEntry(out, 1, "nochain", 3000L);
    }, 3);
    List<JksFile.Entry> read = JksFile.read(bytes);
    assertThat(read).hasSize(2);
    assertThat(read.get(0).alias()).isEqualTo("dup");
    assertThat(read.get(0).createdMillis()).isEqualTo(2000L);
    assertThat(read.get(0).certDer()).isEqualTo(OTHER.der());
    assertThat(read.get(1).certDer()).isNull();
    Path file = Files.write(dir.resolve("v1.jks"), bytes);
    assertThat(new KeystoreStore(file).list().entries()).singleElement()
        .satisfies(e -> assertThat(e.attributes()).containsEntry("created", "1970-01-01T00:00:02Z").containsEntry("alias", "dup"));
  }

  @Test
  void anEmptyKeystoreIsAnEmptyListingAndTheMagicAloneIsTruncated() throws Exception {
    byte[] empty = jks(2, out -> {}, 0);
    assertThat(empty).hasSize(12 + 20);
    assertThat(JksFile.read(empty)).isEmpty();
    byte[] magic = Arrays.copyOf(empty, 4);
    assertThat(JksFile.isJks(magic)).isTrue();
    assertThat(JksFile.isJks(Arrays.copyOf(empty, 3))).isFalse();
    assertThatThrownBy(() -> JksFile.read(magic)).isInstanceOf(IOException.class).hasMessage("truncated JKS keystore");
  }

  @Test
  void everyCutOfAValidFileIsCorruptNeverACrash() throws Exception {
    byte[] whole = Files.readAllBytes(keystore("JKS", "changeit".toCharArray()));
    for (int cut = 0; cut < whole.length; cut += Math.max(1, whole.length / 97)) {
      Path file = Files.write(dir.resolve("cut.jks"), Arrays.copyOf(whole, cut));
      if (cut < 4) continue; // not even the magic number: the JDK path says what it is
      assertThatThrownBy(() -> new KeystoreStore(file).list()).as("cut at %d", cut)
          .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT));
    }
  }

  @Test
  void malformedFieldsAreCorrupt() throws Exception {
    byte[] huge = jks(2, out -> {
      out.writeInt(2);
      out.writeUTF("a");
      out.writeLong(0);
      out.writeUTF("X.509");
      out.writeInt(Integer.MAX_VALUE); // a length that runs past the end
    }, 1);
    byte[] tag = jks(2, out -> {
      out.writeInt(3);
      out.writeUTF("a");
      out.writeLong(0);
    }, 1);
    byte[] type = jks(2, out -> trusted(out, 2, "a", 0, "PGP", ROOT.der()), 1);
    byte[] version = jks(7, out -> {}, 0);
    byte[] count = jks(2, out -> {}, -1);
    byte[] trailing = jks(2, out -> {
      trusted(out, 2, "a", 0, "X.509", ROOT.der());
      out.write(new byte[] {1, 2, 3});
    }, 1);
    for (byte[] bad : List.of(huge, tag, type, version, count, trailing)) {
      assertThatThrownBy(() -> JksFile.read(bad)).isInstanceOf(IOException.class);
      Path file = Files.write(dir.resolve("bad.jks"), bad);
      assertThatThrownBy(() -> new KeystoreStore(file).list())
          .isInstanceOfSatisfying(AnchorwatchException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.STORE_CORRUPT);
            assertThat(e.getMessage()).startsWith(file + " is not a JKS or PKCS12 keystore: ");
          });
    }
  }

  @Test
  void anUnparsableCertificateIsAWarningNotAFailure() throws Exception {
    byte[] bytes = jks(2, out -> {
      trusted(out, 2, "good", 0, "X.509", ROOT.der());
      trusted(out, 2, "garbage", 0, "X.509", new byte[] {0x30, 0x03, 1, 2, 3});
    }, 2);
    Path file = Files.write(dir.resolve("warn.jks"), bytes);
    StoreListing l = new KeystoreStore(file).list();
    assertThat(l.entries()).extracting(StoreEntry::location).containsExactly(file + "#good");
    assertThat(l.warnings()).singleElement().asString().startsWith(file + "#garbage: ");
  }

  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  /** A JKS file: header, the body's entries, and a 20-byte trailer (unchecked by the reader). */
  private static byte[] jks(int version, Body body, int count) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(JksFile.MAGIC);
    out.writeInt(version);
    out.writeInt(count);
    body.write(out);
    out.write(new byte[20]);
    return b.toByteArray();
  }

  private static void trusted(DataOutputStream out, int version, String alias, long created, String type, byte[] der) throws IOException {
    out.writeInt(2);
    out.writeUTF(alias);
    out.writeLong(created);
    if (version == 2) out.writeUTF(type);
    out.writeInt(der.length);
    out.write(der);
  }

  private static void keyEntry(DataOutputStream out, int version, String alias, long created) throws IOException {
    out.writeInt(1);
    out.writeUTF(alias);
    out.writeLong(created);
    out.writeInt(0); // an empty key: a zero-length field is a field
    out.writeInt(0); // no chain
  }
}
