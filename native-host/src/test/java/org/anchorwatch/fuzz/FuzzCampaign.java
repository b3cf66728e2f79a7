package org.anchorwatch.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.anchorwatch.certs.AuxTrust;
import org.anchorwatch.certs.BadCertificateException;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.PemReader;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.stores.PemRules;
import org.anchorwatch.stores.PemStore;
import org.anchorwatch.stores.StoreListing;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long fuzz run of issue 8, kept out of ./test.sh (its name matches no surefire pattern):
 *
 * <pre>mvn -B -q -pl native-host -am test -Dtest=FuzzCampaign -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfuzz.inputs=100000 -Dfuzz.seed=1</pre>
 *
 * Mutated certificates (DER) and PEM files go through PemReader, CertParser and AuxTrust; every
 * 50th input also lands in a directory store full of traps (loops, dangling links, links to
 * files and directories) walked by PemStore. The only exceptions allowed are the documented ones
 * (BadCertificateException from the parser, AnchorwatchException from a store); anything else,
 * or one input taking longer than 10 s, fails the run and leaves the input under target/fuzz-failures.
 * Figures go to stdout and target/fuzz-report.txt.
 */
class FuzzCampaign {
  private static final long SLOW_NANOS = 10_000_000_000L;

  @TempDir Path dir;

  private final List<byte[]> seeds = new ArrayList<>();
  private long parsedBlocks;
  private long rejectedBlocks;
  private long storeRuns;
  private long storeEntries;
  private long storeWarnings;
  private long storeErrors;
  private long slowestNanos;
  private final List<String> failures = new ArrayList<>();

  @Test
  void mutatedCertificatesAndPemFilesOnlyRaiseDocumentedErrors() throws Exception {
    int inputs = Integer.getInteger("fuzz.inputs", 100_000);
    long seed = Long.getLong("fuzz.seed", 1L);
    Random rnd = new Random(seed);
    seedCorpus();
    long start = System.nanoTime();
    for (int i = 0; i < inputs; i++) {
      byte[] input = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
      long t0 = System.nanoTime();
      parse(input, i);
      if (i % 50 == 0) walk(input, rnd, i);
      long took = System.nanoTime() - t0;
      slowestNanos = Math.max(slowestNanos, took);
      if (took > SLOW_NANOS) fail(i, input, "took " + took / 1_000_000 + " ms");
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    String report = String.format("fuzz seed=%d inputs=%d time=%d ms: blocks parsed=%d rejected (BadCertificateException)=%d; "
        + "store walks=%d entries=%d warnings=%d store errors (AnchorwatchException)=%d; slowest input=%d ms; "
        + "undocumented exceptions or hangs=%d%n", seed, inputs, ms, parsedBlocks, rejectedBlocks, storeRuns, storeEntries,
        storeWarnings, storeErrors, slowestNanos / 1_000_000, failures.size());
    System.out.print(report);
    Files.writeString(Path.of("target/fuzz-report.txt"), report + String.join("\n", failures));
    assertThat(failures).isEmpty();
    assertThat(parsedBlocks).as("the mutations leave some inputs valid, or nothing was exercised").isPositive();
    assertThat(rejectedBlocks).isPositive();
  }

  private void parse(byte[] input, int i) {
    try {
      PemReader.Result r = PemReader.read(input);
      for (PemReader.Block b : r.blocks()) {
        AuxTrust.of(b.der());
        try {
          CertParser.parseDer(b.der());
          parsedBlocks++;
        } catch (BadCertificateException e) {
          rejectedBlocks++;
        }
      }
      try {
        CertParser.parseAny(input);
      } catch (BadCertificateException e) {
        // documented: the strict whole-file parser refuses broken PEM
      }
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      fail(i, input, e.toString());
    }
  }

  /** The input as two files of a store, next to loops, a dangling link and links to both files. */
  private void walk(byte[] input, Random rnd, int i) throws IOException {
    Path store = Files.createDirectories(dir.resolve("s" + i));
    Files.write(store.resolve("a.crt"), input);
    Files.write(store.resolve("b.pem"), mutate(input, rnd));
    Files.createSymbolicLink(store.resolve("loop"), Path.of("."));
    Files.createDirectories(store.resolve("sub"));
    Files.createSymbolicLink(store.resolve("sub/up"), Path.of(".."));
    Files.createSymbolicLink(store.resolve("sub/b.crt"), Path.of("../b.pem"));
    Files.createSymbolicLink(store.resolve("gone.crt"), Path.of("nowhere"));
    Files.createSymbolicLink(store.resolve("1234abcd.0"), Path.of("a.crt"));
    for (PemRules rules : List.of(PemRules.DEFAULT, new PemRules(false, false, null, Set.of(), null))) {
      try {
        StoreListing l = new PemStore(store, rules).list();
        storeRuns++;
        storeEntries += l.entries().size();
        storeWarnings += l.warnings().size();
      } catch (AnchorwatchException e) {
        storeErrors++;
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        fail(i, input, "store: " + e);
      }
    }
  }

  private void fail(int i, byte[] input, String what) {
    failures.add("input " + i + ": " + what);
    try {
      Path out = Files.createDirectories(Path.of("target/fuzz-failures"));
      Files.write(out.resolve("input-" + i + ".bin"), input);
    } catch (IOException e) {
      failures.add("input " + i + ": could not save it: " + e);
    }
  }

  private void seedCorpus() throws Exception {
    TestCerts.Issued ec = TestCerts.root("CN=Fuzz EC Root");
    TestCerts.Issued rsa = TestCerts.root("CN=Fuzz RSA Root,O=Fuzz,C=KZ", TestCerts.rsa());
    TestCerts.Issued inter = TestCerts.intermediate("CN=Fuzz Intermediate", ec);
    seeds.add(ec.der());
    seeds.add(rsa.der());
    seeds.add(inter.der());
    seeds.add(ec.pem().getBytes(StandardCharsets.US_ASCII));
    seeds.add((rsa.pem() + inter.pem()).replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
    byte[] aux = TestCerts.withAuxTrust(rsa.der(), "1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.4");
    seeds.add(("-----BEGIN TRUSTED CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(aux)
        + "\n-----END TRUSTED CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII));
    seeds.add(("[p11-kit-object-v1]\nclass: certificate\nx-distrusted: true\n" + ec.pem()).getBytes(StandardCharsets.US_ASCII));
    try (InputStream in = FuzzCampaign.class.getResourceAsStream("/certs/kz-isca-2020.pem")) {
      seeds.add(in.readAllBytes());
    }
  }

  /** One to four of: flip bits, overwrite, insert, delete, duplicate a run, truncate, mangle a PEM line. */
  static byte[] mutate(byte[] in, Random rnd) {
    byte[] b = in.clone();
    int rounds = 1 + rnd.nextInt(4);
    for (int r = 0; r < rounds && b.length > 0; r++) {
      int at = rnd.nextInt(b.length);
      switch (rnd.nextInt(8)) {
        case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
        case 1 -> b[at] = (byte) rnd.nextInt(256);
        case 2 -> b = splice(b, at, 0, randomBytes(rnd, 1 + rnd.nextInt(16)));
        case 3 -> b = splice(b, at, Math.min(b.length - at, 1 + rnd.nextInt(32)), new byte[0]);
        case 4 -> {
          int len = Math.min(b.length - at, 1 + rnd.nextInt(64));
          byte[] run = java.util.Arrays.copyOfRange(b, at, at + len);
          b = splice(b, rnd.nextInt(b.length), 0, run);
        }
        case 5 -> b = java.util.Arrays.copyOf(b, at);
        case 6 -> b[Math.min(at, Math.max(0, b.length - 1))] = (byte) (rnd.nextBoolean() ? 0x80 | rnd.nextInt(4) : 0xff); // ASN.1 lengths
        default -> b = splice(b, at, 0, (rnd.nextBoolean() ? "\n-----BEGIN CERTIFICATE-----\n" : "-----END CERTIFICATE-----\r\n")
            .getBytes(StandardCharsets.US_ASCII));
      }
    }
    return b;
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }

  private static byte[] randomBytes(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }
}
