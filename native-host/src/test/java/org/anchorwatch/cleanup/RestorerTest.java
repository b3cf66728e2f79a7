package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Undo location by location on a real anchor directory, with the journal and the history marker it leaves. */
class RestorerTest {
  @TempDir Path tmp;
  CleanupFixture fx;
  TestCerts.Issued evil;
  Path anchors;
  Path a;
  Path b;
  CleanupService svc;
  String id;

  @BeforeEach
  void setUp() throws Exception {
    fx = new CleanupFixture(tmp);
    evil = TestCerts.root("Restore Evil Root");
    fx.deny("Restore Evil", evil);
    anchors = tmp.resolve("anchors");
    a = evil.writePem(anchors.resolve("a.pem"));
    b = evil.writePem(anchors.resolve("b.pem"));
    svc = fx.service(List.of("pem:" + anchors), false);
    id = svc.applyConfirmedByPerson(svc.plan(evil.sha256(), false), e -> {}).backupId();
  }

  private Path restoreJournal() throws Exception {
    try (Stream<Path> s = Files.list(fx.dirs().state().resolve("journal"))) {
      return s.filter(p -> p.getFileName().toString().startsWith("restore-" + id + "-")).sorted().findFirst().orElseThrow();
    }
  }

  @Test
  void oneLocationAtATimeWithTheHistoryMarkingWhatIsBack() throws Exception {
    List<ProgressEvent> progress = new ArrayList<>();
    Restorer.RestoreResult r = svc.restore(id, Set.of(1), progress::add);
    assertThat(r.backupId()).isEqualTo(id);
    assertThat(r.steps()).singleElement().satisfies(s -> {
      assertThat(s.step()).isEqualTo(1);
      assertThat(s.status()).isEqualTo("restored");
      assertThat(s.location()).isEqualTo(b.toString());
    });
    assertThat(r.rebuilds()).isEmpty();
    assertThat(a).doesNotExist();
    assertThat(b).exists();
    assertThat(progress).singleElement().satisfies(p -> {
      assertThat(p.phase()).isEqualTo("restore");
      assertThat(p.step()).isEqualTo(1);
      assertThat(p.status()).isEqualTo("restored");
    });
    List<JsonNode> lines = Journal.read(restoreJournal());
    assertThat(lines).extracting(e -> e.path("event").asText()).containsExactly("begin-restore", "restored", "done");
    assertThat(lines.get(0).path("detail").asText()).isEqualTo(id);
    assertThat(lines.get(1).path("step").asInt()).isEqualTo(1);
    assertThat(Restorer.restoredSteps(svc.context().backups(), id)).containsExactly(1);
    assertThat(svc.backups()).singleElement().satisfies(s -> {
      assertThat(s.fullyRestored()).isFalse();
      assertThat(s.locations()).extracting(BackupSummary.Location::restored).containsExactly(false, true);
    });

    svc.restore(id, Set.of(0), e -> {});
    assertThat(a).exists();
    assertThat(Restorer.restoredSteps(svc.context().backups(), id)).containsExactlyInAnyOrder(0, 1);
    assertThat(svc.backups()).singleElement().satisfies(s -> assertThat(s.fullyRestored()).isTrue());
  }

  @Test
  void aRestoreWaitsForNoOneWhileAnotherOperationHoldsTheStore() throws Exception {
    try (StoreLocks held = StoreLocks.acquire(svc.context().lockDir(), List.of("pem:" + anchors))) {
      assertThatThrownBy(() -> svc.restore(id, Set.of(), e -> {}))
          .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));
    }
    assertThat(a).doesNotExist();
    svc.restore(id, Set.of(), e -> {});
    assertThat(a).exists();
  }

  @Test
  void aStepTheBackupDoesNotHaveIsABadArgument() {
    assertThatThrownBy(() -> svc.restore(id, Set.of(7), e -> {}))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT))
        .hasMessageContaining("no step");
  }

  @Test
  void unknownOrMalformedBackupIdsAreUnknown() {
    for (String bad : List.of("0123456789abcdef", "../../etc", "")) {
      assertThatThrownBy(() -> svc.restore(bad, Set.of(), e -> {})).as(bad)
          .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_UNKNOWN));
    }
  }

  @Test
  void aFileThatCameBackWithOtherContentIsNotOverwritten() throws Exception {
    Files.writeString(a, "someone else's file\n");
    List<ProgressEvent> progress = new ArrayList<>();
    Restorer.RestoreResult r = svc.restore(id, Set.of(), progress::add);
    assertThat(r.steps()).extracting(StepStatus::status).containsExactly("failed", "restored");
    assertThat(r.steps().get(0).message()).contains("exists with other content");
    assertThat(Files.readString(a)).isEqualTo("someone else's file\n");
    assertThat(b).exists();
    assertThat(progress).extracting(ProgressEvent::status).containsExactly("failed", "restored");
    assertThat(Journal.read(restoreJournal())).extracting(e -> e.path("event").asText())
        .containsExactly("begin-restore", "failed", "restored", "done");
    // only the restored location is marked
    assertThat(Restorer.restoredSteps(svc.context().backups(), id)).containsExactly(1);
  }

  @Test
  void aPutBackTheRescanDoesNotSeeIsReportedAsFailed() throws Exception {
    StoreChanges silent = new StoreChanges(new AtomicFiles()) {
      @Override
      public void restore(BackupItem item, byte[] blob, byte[] der) {
        // claims success, writes nothing
      }
    };
    CleanupService lying = fx.service(fx.options(List.of("pem:" + anchors), false), silent, new AtomicFiles());
    Restorer.RestoreResult r = lying.restore(id, Set.of(0), e -> {});
    assertThat(r.steps()).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo("failed");
      assertThat(s.message()).isEqualTo("restored but a rescan does not show it at " + a);
    });
    assertThat(Restorer.restoredSteps(svc.context().backups(), id)).isEmpty();
  }

  @Test
  void aBlobWhoseChecksumNoLongerMatchesStopsTheRestore() throws Exception {
    Path blob = fx.dirs().data().resolve("backups").resolve(id).resolve("step-0.file");
    Files.writeString(blob, "changed\n");
    assertThatThrownBy(() -> svc.restore(id, Set.of(), e -> {}))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_FAILED))
        .hasMessageContaining("does not match its checksum");
    assertThat(a).doesNotExist();
    assertThat(b).doesNotExist();
  }

  @Test
  void theHistoryListsCompleteBackupsNewestFirst() throws Exception {
    evil.writePem(anchors.resolve("c.pem"));
    String second = svc.applyConfirmedByPerson(svc.plan(evil.sha256(), false), e -> {}).backupId();
    Files.createDirectories(fx.dirs().data().resolve("backups").resolve("0123456789abcdef")); // interrupted: no manifest
    assertThat(svc.backups()).extracting(BackupSummary::id).containsExactly(second, id);
    assertThat(svc.context().backups().list()).extracting(BackupManifest::id).containsExactly(second, id);

    // newest first by time, not by text: a whole second prints without a fraction ("…:01Z" < "…:01.500Z" as instants)
    setCreatedAt(id, "2026-11-27T10:00:01.500Z");
    setCreatedAt(second, "2026-11-27T10:00:01Z");
    assertThat(svc.context().backups().list()).extracting(BackupManifest::id).containsExactly(id, second);
    setCreatedAt(second, "not a date");
    assertThat(svc.context().backups().list()).extracting(BackupManifest::id).containsExactly(id, second);
  }

  private void setCreatedAt(String backup, String createdAt) throws Exception {
    Path manifest = fx.dirs().data().resolve("backups").resolve(backup).resolve("manifest.json");
    com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(manifest.toFile());
    m.put("createdAt", createdAt);
    Files.write(manifest, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(m));
  }
}
