package org.anchorwatch.blocklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlocklistUpdatesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String EXTRA_SPKI = "ab".repeat(32);

  @TempDir Path dir;
  BlocklistUpdates.Locations where;
  BlocklistUpdates updates;

  @BeforeEach
  void setUp() {
    where = new BlocklistUpdates.Locations(dir.resolve("var/lib/anchorwatch/blocklist.signed"), dir.resolve("home/.local/share/anchorwatch/blocklist.signed"));
    updates = TestSigning.updates(where, Clock.systemUTC());
  }

  /** The bundled list plus one entry nobody else has, so a test can see which list is in force. */
  static byte[] listWithExtraEntry(String version) throws Exception {
    ObjectNode root = (ObjectNode) MAPPER.readTree(TestSigning.bundledJson());
    root.put("version", version);
    ObjectNode e = root.withArray("entries").addObject();
    e.put("id", "update-only").put("name", "Only In The Update").put("spkiSha256", EXTRA_SPKI)
        .put("category", "government-mitm").put("tier", "interception");
    return MAPPER.writeValueAsBytes(root);
  }

  static byte[] doc(long seq, String... keys) throws Exception {
    return TestSigning.signed(listWithExtraEntry("update-" + seq), seq, Instant.now().plus(30, ChronoUnit.DAYS), List.of(), keys);
  }

  @Test
  void bundledListIsInForceUntilAnUpdateIsInstalled() throws Exception {
    Blocklist before = updates.current();
    assertThat(before.source()).isEqualTo("bundled");
    assertThat(before.sequence()).isEqualTo(Blocklist.bundled().sequence()).isPositive();
    assertThat(before.match(EXTRA_SPKI, null)).isEmpty();

    BlocklistUpdates.Installed r = updates.install(doc(7, "test-a"), BlocklistUpdates.Scope.USER);

    assertThat(r.changed()).isTrue();
    assertThat(r.file()).isEqualTo(where.user());
    Blocklist after = updates.current();
    assertThat(after.source()).isEqualTo("user");
    assertThat(after.sequence()).isEqualTo(7);
    assertThat(after.version()).isEqualTo("update-7");
    assertThat(after.match(EXTRA_SPKI, null)).get().extracting(BlocklistEntry::name).isEqualTo("Only In The Update");
    assertThat(Files.getPosixFilePermissions(where.user())).extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "GROUP_READ", "OTHERS_READ");
  }

  @Test
  void newestOfMachineAndUserWinsBySequence() throws Exception {
    updates.install(doc(5, "test-a"), BlocklistUpdates.Scope.USER);
    updates.install(doc(9, "test-b"), BlocklistUpdates.Scope.MACHINE);
    assertThat(updates.current().source()).isEqualTo("machine");
    assertThat(updates.current().sequence()).isEqualTo(9);
    // a user file older than the machine one is refused, not installed
    assertThatThrownBy(() -> updates.install(doc(6, "test-a"), BlocklistUpdates.Scope.USER))
        .extracting(e -> ((AnchorwatchException) e).code()).isEqualTo(ErrorCode.UPDATE_NOT_NEWER);
  }

  @Test
  void aBundledListNewerThanTheInstalledOneWins() throws Exception {
    updates.install(doc(3, "test-a"), BlocklistUpdates.Scope.USER);
    Blocklist b = Blocklist.bundled();
    Blocklist newerProgram = new Blocklist(b.version(), 4, "bundled", b.entries());
    BlocklistUpdates upgraded = new BlocklistUpdates(TestSigning.trusted(), Clock.systemUTC(), where, newerProgram);
    assertThat(upgraded.current().source()).isEqualTo("bundled");
    assertThatThrownBy(() -> upgraded.install(doc(3, "test-a"), BlocklistUpdates.Scope.USER))
        .extracting(e -> ((AnchorwatchException) e).code()).isEqualTo(ErrorCode.UPDATE_NOT_NEWER);
  }

  @Test
  void entriesOfATierThisProgramDoesNotKnowAreSkippedNotTheWholeList() throws Exception {
    ObjectNode root = (ObjectNode) MAPPER.readTree(listWithExtraEntry("future"));
    root.withArray("entries").addObject().put("id", "future-tier").put("name", "From a newer program")
        .put("spkiSha256", "cd".repeat(32)).put("category", "other").put("tier", "some-future-tier");
    updates.install(TestSigning.signed(MAPPER.writeValueAsBytes(root), 8, Instant.now().plus(30, ChronoUnit.DAYS), List.of(), "test-a"),
        BlocklistUpdates.Scope.USER);
    assertThat(updates.current().sequence()).isEqualTo(8);
    assertThat(updates.current().match(EXTRA_SPKI, null)).isPresent();
    assertThat(updates.current().match("cd".repeat(32), null)).isEmpty();
  }

  @Test
  void equalSequenceIsANoOp() throws Exception {
    updates.install(doc(7, "test-a"), BlocklistUpdates.Scope.USER);
    byte[] installed = Files.readAllBytes(where.user());
    BlocklistUpdates.Installed again = updates.install(doc(7, "test-b"), BlocklistUpdates.Scope.USER);
    assertThat(again.changed()).isFalse();
    assertThat(Files.readAllBytes(where.user())).isEqualTo(installed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad-signature", "unknown-key", "retired-key", "lower-sequence", "expired", "truncated",
      "oversized", "not-json", "signature-over-other-bytes", "no-signature", "not-a-blocklist", "symlink"})
  void everyRefusalLeavesTheInstalledListByteIdentical(String attack) throws Exception {
    // installed: sequence 10, signed by test-b, retiring test-a
    updates.install(TestSigning.signed(listWithExtraEntry("v10"), 10, Instant.now().plus(30, ChronoUnit.DAYS), List.of("test-a"), "test-b"),
        BlocklistUpdates.Scope.USER);
    byte[] before = Files.readAllBytes(where.user());

    ErrorCode expected;
    byte[] file;
    switch (attack) {
      case "bad-signature" -> {
        file = flipSignatureBit(doc(11, "test-b"));
        expected = ErrorCode.UPDATE_BAD_SIGNATURE;
      }
      case "unknown-key" -> {
        file = doc(11, "test-untrusted");
        expected = ErrorCode.UPDATE_BAD_SIGNATURE;
      }
      case "retired-key" -> {
        file = doc(11, "test-a");
        expected = ErrorCode.UPDATE_BAD_SIGNATURE;
      }
      case "lower-sequence" -> {
        file = doc(9, "test-b");
        expected = ErrorCode.UPDATE_NOT_NEWER;
      }
      case "expired" -> {
        file = TestSigning.signed(listWithExtraEntry("old"), 11, Instant.now().minus(1, ChronoUnit.DAYS), List.of(), "test-b");
        expected = ErrorCode.UPDATE_EXPIRED;
      }
      case "truncated" -> {
        byte[] d = doc(11, "test-b");
        file = Arrays.copyOf(d, d.length / 2);
        expected = ErrorCode.UPDATE_MALFORMED;
      }
      case "oversized" -> {
        file = new byte[SignedDocument.MAX_BYTES + 1];
        Arrays.fill(file, (byte) ' ');
        expected = ErrorCode.UPDATE_TOO_LARGE;
      }
      case "not-json" -> {
        file = "<html>captive portal</html>".getBytes(StandardCharsets.UTF_8);
        expected = ErrorCode.UPDATE_MALFORMED;
      }
      case "signature-over-other-bytes" -> {
        file = swapDocument(doc(11, "test-b"), doc(12, "test-untrusted"));
        expected = ErrorCode.UPDATE_BAD_SIGNATURE;
      }
      case "no-signature" -> {
        ObjectNode env = (ObjectNode) MAPPER.readTree(doc(11, "test-b"));
        env.putArray("signatures");
        file = MAPPER.writeValueAsBytes(env);
        expected = ErrorCode.UPDATE_BAD_SIGNATURE;
      }
      case "not-a-blocklist" -> {
        ObjectNode body = (ObjectNode) MAPPER.readTree(listWithExtraEntry("x"));
        body.put("kind", "policy").put("sequence", 11).put("issued", "2026-01-01T00:00:00Z").put("expires", "2099-01-01T00:00:00Z");
        file = SignedDocument.sign(MAPPER.writeValueAsBytes(body), java.util.Map.of("test-b", TestSigning.key("test-b"))).toBytes();
        expected = ErrorCode.UPDATE_MALFORMED;
      }
      case "symlink" -> {
        // installing reads the update from bytes; here the attack is on the installed file itself
        Files.createDirectories(where.machine().getParent());
        Files.createSymbolicLink(where.machine(), Files.write(dir.resolve("elsewhere2.signed"), doc(50, "test-b")));
        assertThat(updates.current().sequence()).as("a linked machine file is not read").isEqualTo(10);
        assertThat(updates.state().installed().get(0).problem()).isEqualTo(ErrorCode.UPDATE_MALFORMED);
        assertThat(Files.readAllBytes(where.user())).isEqualTo(before);
        return;
      }
      default -> throw new IllegalArgumentException(attack);
    }
    byte[] attackFile = file;
    assertThatThrownBy(() -> updates.check(attackFile)).extracting(e -> ((AnchorwatchException) e).code()).isEqualTo(expected);
    assertThatThrownBy(() -> updates.install(attackFile, BlocklistUpdates.Scope.USER))
        .extracting(e -> ((AnchorwatchException) e).code()).isEqualTo(expected);
    assertThat(Files.readAllBytes(where.user())).isEqualTo(before);
    assertThat(updates.current().sequence()).isEqualTo(10);
    assertThat(where.machine()).doesNotExist();
  }

  @Test
  void aTamperedInstalledFileIsIgnoredAndReported() throws Exception {
    updates.install(doc(7, "test-a"), BlocklistUpdates.Scope.USER);
    Files.write(where.user(), swapDocument(Files.readAllBytes(where.user()), doc(99, "test-untrusted")));
    assertThat(updates.current().source()).isEqualTo("bundled");
    BlocklistUpdates.Candidate user = updates.state().installed().get(1);
    assertThat(user.problem()).isEqualTo(ErrorCode.UPDATE_BAD_SIGNATURE);
  }

  @Test
  void aRetirementByTheMachineListAlsoDisqualifiesAUserListSignedOnlyByThatKey() throws Exception {
    updates.install(doc(20, "test-a"), BlocklistUpdates.Scope.USER);
    Files.createDirectories(where.machine().getParent());
    // written directly (the install would refuse it as older): a machine list retiring test-a
    Files.write(where.machine(), TestSigning.signed(listWithExtraEntry("m"), 15, Instant.now().plus(9, ChronoUnit.DAYS), List.of("test-a"), "test-b"));
    assertThat(updates.current().source()).isEqualTo("machine");
    assertThat(updates.state().installed().get(1).problem()).isEqualTo(ErrorCode.UPDATE_BAD_SIGNATURE);
  }

  @Test
  void twoUpdatesAtOnceLeaveOneConsistentListAndNeverRollBack() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        long low = 100 + round * 2L;
        byte[] a = doc(low, "test-a");
        byte[] b = doc(low + 1, "test-b");
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Object>> fs = new ArrayList<>();
        for (byte[] d : List.of(a, b)) {
          Callable<Object> c = () -> {
            start.await();
            try {
              return updates.install(d, BlocklistUpdates.Scope.USER);
            } catch (AnchorwatchException e) {
              return e.code();
            }
          };
          fs.add(pool.submit(c));
        }
        Object ra = fs.get(0).get();
        Object rb = fs.get(1).get();
        assertThat(rb).isInstanceOf(BlocklistUpdates.Installed.class);
        assertThat(ra).satisfiesAnyOf(r -> assertThat(r).isInstanceOf(BlocklistUpdates.Installed.class),
            r -> assertThat(r).isEqualTo(ErrorCode.UPDATE_NOT_NEWER));
        assertThat(Files.readAllBytes(where.user())).as("round " + round).isEqualTo(b);
        assertThat(updates.current().sequence()).isEqualTo(low + 1);
      }
    } finally {
      pool.shutdownNow();
    }
    try (var s = Files.list(where.user().getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("blocklist.signed", ".blocklist.lock");
    }
  }

  private static byte[] flipSignatureBit(byte[] file) throws Exception {
    ObjectNode env = (ObjectNode) MAPPER.readTree(file);
    ObjectNode sig = (ObjectNode) env.withArray("signatures").get(0);
    byte[] s = Base64.getDecoder().decode(sig.get("ed25519").asText());
    s[5] ^= 1;
    sig.put("ed25519", Base64.getEncoder().encodeToString(s));
    return MAPPER.writeValueAsBytes(env);
  }

  /** {@code signaturesFrom}'s signatures on {@code documentFrom}'s bytes. */
  private static byte[] swapDocument(byte[] signaturesFrom, byte[] documentFrom) throws Exception {
    ObjectNode env = (ObjectNode) MAPPER.readTree(signaturesFrom);
    env.put("document", MAPPER.readTree(documentFrom).get("document").asText());
    return MAPPER.writeValueAsBytes(env);
  }
}
