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
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.testsupport.TestCerts;
import org.anchorwatch.testsupport.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forged backups of an NSS database (made with certutil) and of a keystore: refused before anything is put back. */
class BackupCheckStoresTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  CleanupFixture fx;
  TestCerts.Issued evil;

  @BeforeEach
  void setUp() throws Exception {
    fx = new CleanupFixture(tmp);
    evil = TestCerts.root("Forged Store Root");
    fx.deny("Forged Store", evil);
  }

  private void tamper(String id, Consumer<ObjectNode> edit) throws Exception {
    Path manifest = fx.dirs().data().resolve("backups").resolve(id).resolve("manifest.json");
    ObjectNode m = (ObjectNode) JSON.readTree(manifest.toFile());
    edit.accept((ObjectNode) m.path("items").get(0));
    Files.write(manifest, JSON.writeValueAsBytes(m));
  }

  private void rewriteJournal(String id, String from, String to) throws Exception {
    Path journal = fx.dirs().state().resolve("journal").resolve(id + ".jsonl");
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(journal)) lines.add(l.replace(from, to));
    Files.write(journal, lines);
  }

  private static void refused(CleanupService svc, String id, String why) {
    assertThatThrownBy(() -> svc.restore(id, Set.of(), e -> {}))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_INCONSISTENT))
        .hasMessageContaining(why);
  }

  @Test
  void anNssBackupWithAForgedTrustStringOrAnotherDatabaseIsRefused() throws Exception {
    Path db = Files.createDirectories(fx.home.resolve(".pki/nssdb"));
    String certutil = Tools.requireCertutil().toString();
    Tools.run(certutil, "-N", "-d", "sql:" + db, "--empty-password").ok();
    Tools.run(certutil, "-A", "-d", "sql:" + db, "-n", "Forged", "-t", "C,,", "-i", evil.writePem(tmp.resolve("evil.pem")).toString()).ok();
    CleanupService svc = fx.service(List.of("nss:" + db), false);
    String id = svc.applyConfirmedByPerson(svc.plan(evil.sha256(), false), e -> {}).backupId();
    Path manifest = fx.dirs().data().resolve("backups").resolve(id).resolve("manifest.json");
    byte[] original = Files.readAllBytes(manifest);
    Path journal = fx.dirs().state().resolve("journal").resolve(id + ".jsonl");
    byte[] originalJournal = Files.readAllBytes(journal);

    // a trust string is handed to NSS as it is: the forger changes it in the manifest and in the journal alike
    tamper(id, i -> i.put("trust", "CT,C,c -d /etc"));
    rewriteJournal(id, "\"trust\":\"C,,\"", "\"trust\":\"CT,C,c -d /etc\"");
    refused(svc, id, "is not an NSS trust string");
    Files.write(manifest, original);
    Files.write(journal, originalJournal);

    Path other = Files.createDirectories(tmp.resolve("other-db"));
    tamper(id, i -> i.put("path", other.toString()));
    refused(svc, id, "is not part of");
    Files.write(manifest, original);

    svc.restore(id, Set.of(), e -> {});
    assertThat(Tools.run(certutil, "-L", "-d", "sql:" + db).ok().output()).contains("Forged");
  }

  @Test
  void aKeystoreBackupThatDoesNotHoldTheAliasOrIsNoKeystoreIsRefused() throws Exception {
    Path ks = tmp.resolve("jdk/lib/security/cacerts");
    CleanupSystemStoresTest.writeKeystore(ks, "PKCS12", Map.of("evil", evil, "other", TestCerts.root("Keystore Neighbour")));
    CleanupService svc = fx.service(List.of("keystore:" + ks), false);
    String id = svc.applyConfirmedByPerson(svc.plan(evil.sha256(), false), e -> {}).backupId();
    Path dir = fx.dirs().data().resolve("backups").resolve(id);
    byte[] original = Files.readAllBytes(dir.resolve("manifest.json"));
    byte[] blob = Files.readAllBytes(dir.resolve("step-0.keystore"));

    // the alias is journaled nowhere; the saved keystore itself must hold the certificate under it
    tamper(id, i -> i.put("alias", "other"));
    refused(svc, id, "under alias other");
    Files.write(dir.resolve("manifest.json"), original);

    byte[] junk = "not a keystore".getBytes(StandardCharsets.US_ASCII);
    Files.write(dir.resolve("step-0.keystore"), junk);
    tamper(id, i -> i.put("blobSha256", Hex.of(CertParser.digest("SHA-256", junk))));
    assertThatThrownBy(() -> svc.restore(id, Set.of(), e -> {}))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isIn(ErrorCode.BACKUP_INCONSISTENT, ErrorCode.STORE_CORRUPT));
    Files.write(dir.resolve("step-0.keystore"), blob);
    Files.write(dir.resolve("manifest.json"), original);

    Path elsewhere = tmp.resolve("elsewhere/cacerts");
    tamper(id, i -> i.put("path", elsewhere.toString()));
    refused(svc, id, "is not part of");
    Files.write(dir.resolve("manifest.json"), original);

    svc.restore(id, Set.of(), e -> {});
    assertThat(svc.verify(evil.sha256()).clean()).isFalse();
  }
}
