package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup someone edited after the fact (its checksums made to agree again) is refused before
 * anything is put back: every way the manifest can disagree with the journal or with itself.
 */
class BackupCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  CleanupFixture fx;
  TestCerts.Issued evil;
  Path anchors;
  Path anchor;
  CleanupService svc;
  String id;

  @BeforeEach
  void setUp() throws Exception {
    fx = new CleanupFixture(tmp);
    evil = TestCerts.root("Check Evil Root");
    fx.deny("Check Evil", evil);
    anchors = tmp.resolve("anchors");
    anchor = evil.writePem(anchors.resolve("evil.pem"));
    svc = fx.service(List.of("pem:" + anchors), false);
    id = svc.applyConfirmedByPerson(svc.plan(evil.sha256(), false), e -> {}).backupId();
    assertThat(anchor).doesNotExist();
  }

  private Path dir() {
    return fx.dirs().data().resolve("backups").resolve(id);
  }

  private Path journal() {
    return fx.dirs().state().resolve("journal").resolve(id + ".jsonl");
  }

  /** Edits the first item of the manifest, keeping every checksum in agreement with the files. */
  private void tamper(Consumer<ObjectNode> edit) throws Exception {
    Path manifest = dir().resolve("manifest.json");
    ObjectNode m = (ObjectNode) JSON.readTree(manifest.toFile());
    edit.accept((ObjectNode) m.path("items").get(0));
    Files.write(manifest, JSON.writeValueAsBytes(m));
  }

  private void refused(String why) throws Exception {
    assertThatThrownBy(() -> svc.restore(id, Set.of(), e -> {}))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_INCONSISTENT))
        .hasMessageContaining(why).hasMessageContaining("nothing was restored");
    assertThat(anchor).doesNotExist();
    assertThat(svc.backups()).singleElement().satisfies(b -> assertThat(b.consistent()).isFalse());
  }

  private static String sha(byte[] b) {
    return Hex.of(CertParser.digest("SHA-256", b));
  }

  @Test
  void anUntouchedBackupIsConsistent() throws Exception {
    assertThat(svc.backups()).singleElement().satisfies(b -> {
      assertThat(b.consistent()).isTrue();
      assertThat(b.id()).isEqualTo(id);
      assertThat(b.fullyRestored()).isFalse();
      assertThat(b.locations()).singleElement().satisfies(l -> {
        assertThat(l.kind()).isEqualTo("file");
        assertThat(l.location()).isEqualTo(anchor.toString());
        assertThat(l.restored()).isFalse();
      });
    });
  }

  @Test
  void aManifestNamingAnotherBackupIsRefused() throws Exception {
    Path manifest = dir().resolve("manifest.json");
    ObjectNode m = (ObjectNode) JSON.readTree(manifest.toFile());
    m.put("id", "0123456789abcdef");
    Files.write(manifest, JSON.writeValueAsBytes(m));
    refused("names another backup");
  }

  @Test
  void aBackupWithoutItsJournalIsRefused() throws Exception {
    Files.delete(journal());
    refused("no journal of this operation");
  }

  @Test
  void aLocationTheJournalNeverNamedIsRefused() throws Exception {
    Path other = anchors.resolve("elsewhere.pem");
    tamper(i -> i.put("location", other.toString()).put("path", other.toString()));
    refused("the journal never recorded removing");
    assertThat(other).doesNotExist();
  }

  @Test
  void aStoreTheJournalNeverNamedIsRefused() throws Exception {
    tamper(i -> i.put("store", "pem:" + tmp));
    refused("the journal never recorded removing");
  }

  @Test
  void aStepNumberTheJournalNeverNamedIsRefused() throws Exception {
    tamper(i -> i.put("step", 5));
    refused("the journal never recorded removing");
  }

  @Test
  void aModeOwnerGroupOrTrustOtherThanTheJournalRecordedIsRefused() throws Exception {
    Path manifest = dir().resolve("manifest.json");
    byte[] original = Files.readAllBytes(manifest);
    for (String[] edit : List.of(new String[] {"mode", "rwsrwsrwx"}, new String[] {"owner", "nobody"}, new String[] {"group", "nogroup"},
        new String[] {"trust", "CT,C,C"})) {
      tamper(i -> i.put(edit[0], edit[1]));
      refused("mode, owner or trust differ");
      Files.write(manifest, original);
    }
    assertThat(svc.backups()).singleElement().satisfies(b -> assertThat(b.consistent()).isTrue());
  }

  @Test
  void aBlobThatIsNotAStepFileIsRefused() throws Exception {
    byte[] manifestBytes = Files.readAllBytes(dir().resolve("manifest.json"));
    Files.write(dir().resolve("other.file"), Files.readAllBytes(dir().resolve("step-0.file")));
    tamper(i -> i.put("blob", "other.file"));
    refused("bad blob name");
    Files.write(dir().resolve("manifest.json"), manifestBytes);
    Files.write(dir().resolve("step-0.txt"), Files.readAllBytes(dir().resolve("step-0.der")));
    tamper(i -> i.put("der", "step-0.txt"));
    refused("bad certificate file name");
  }

  @Test
  void aSavedFileThatDoesNotHoldTheCertificateIsRefused() throws Exception {
    byte[] other = TestCerts.root("Someone Else").pem().getBytes(StandardCharsets.US_ASCII);
    Files.write(dir().resolve("step-0.file"), other);
    tamper(i -> i.put("blobSha256", sha(other)));
    refused("does not hold the certificate");
  }

  @Test
  void aSavedFileThatIsNotACertificateIsRefused() throws Exception {
    byte[] junk = "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII);
    Files.write(dir().resolve("step-0.file"), junk);
    tamper(i -> i.put("blobSha256", sha(junk)));
    refused("is not a certificate file");
  }

  @Test
  void aPathOutsideItsStoreIsRefusedEvenWhenTheJournalAgrees() throws Exception {
    Path outside = tmp.resolve("etc/cron.d/evil.pem");
    tamper(i -> i.put("location", outside.toString()).put("path", outside.toString()));
    // the forger rewrites the journal's intent line too
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(journal())) lines.add(l.replace(anchor.toString(), outside.toString()));
    Files.write(journal(), lines);
    refused("is not part of");
    assertThat(outside).doesNotExist();
  }

  @Test
  void aLocationSpelledDifferentlyFromItsPathIsRefused() throws Exception {
    String spelled = anchors + "/./evil.pem";
    tamper(i -> i.put("location", spelled));
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(journal())) lines.add(l.replace("\"" + anchor + "\"", "\"" + spelled + "\""));
    Files.write(journal(), lines);
    refused("is not part of");
  }

  @Test
  void anUnknownKindIsRefused() throws Exception {
    tamper(i -> i.put("kind", "script"));
    assertThatThrownBy(() -> svc.restore(id, Set.of(), e -> {}))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_INCONSISTENT));
    assertThat(anchor).doesNotExist();
  }
}
