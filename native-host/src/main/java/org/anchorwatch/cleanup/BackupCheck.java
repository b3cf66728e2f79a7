package org.anchorwatch.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.util.List;
import org.anchorwatch.certs.BadCertificateException;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.Keystores;

/**
 * Before anything is put back, a backup must agree with itself, with its journal and with the
 * certificate it claims to hold. A checksum only proves a file matches another file the same
 * person could have written; these checks tie the bytes to the removed certificate: the journal's
 * intent line names the location and SHA-256 this half removed, the DER hashes to it, the saved
 * file or keystore really holds it, and the location belongs to the store it was taken from.
 */
final class BackupCheck {
  private static final String NAME = "step-\\d{1,4}\\.(der|nss|keystore|file|conf|blocklist|windows|macos)";
  private static final String NSS_TRUST = "[pPcCTuw]*,[pPcCTuw]*,[pPcCTuw]*";

  private BackupCheck() {}

  /** BACKUP_INCONSISTENT naming the first disagreement; the manifest when everything agrees. */
  static BackupManifest require(BackupStore store, Path journalDir, String id) throws AnchorwatchException {
    BackupManifest m = store.verify(id);
    if (!m.id().equals(id)) throw inconsistent(id, "the manifest names another backup");
    List<JsonNode> events;
    try {
      events = Journal.read(journalDir.resolve(id + ".jsonl"));
    } catch (IOException e) {
      throw inconsistent(id, "no journal of this operation");
    }
    for (BackupItem i : m.items()) {
      String where = "location " + i.step() + " (" + i.location() + ")";
      if (i.blob() != null && !i.blob().matches(NAME)) throw inconsistent(id, where + ": bad blob name");
      if (!i.der().matches(NAME)) throw inconsistent(id, where + ": bad certificate file name");
      boolean journaled = events.stream().anyMatch(e -> e.path("event").asText().equals("intent") && e.path("step").asInt(-1) == i.step()
          && e.path("sha256").asText().equals(i.sha256()) && e.path("location").asText().equals(i.location())
          && e.path("store").asText().equals(i.store()));
      if (!journaled) throw inconsistent(id, where + ": the journal never recorded removing this certificate there");
      // what restore would put back (mode, owner, NSS trust) must be what the backup recorded when it was made
      boolean attributes = events.stream().anyMatch(e -> e.path("event").asText().equals("backed-up") && e.path("step").asInt(-1) == i.step()
          && java.util.Objects.equals(e.path("mode").asText(null), i.mode()) && java.util.Objects.equals(e.path("owner").asText(null), i.owner())
          && java.util.Objects.equals(e.path("group").asText(null), i.group()) && java.util.Objects.equals(e.path("trust").asText(null), i.trust()));
      if (!attributes) throw inconsistent(id, where + ": mode, owner or trust differ from what the journal recorded at backup time");
      checkPlace(id, i);
      checkContent(store, id, i);
    }
    return m;
  }

  static boolean consistent(BackupStore store, Path journalDir, String id) {
    try {
      require(store, journalDir, id);
      return true;
    } catch (AnchorwatchException e) {
      return false;
    }
  }

  /** The saved location must be the store's own (or inside it), spelled the way the scan spelled it. */
  private static void checkPlace(String id, BackupItem i) throws AnchorwatchException {
    int colon = i.store().indexOf(':');
    Path store = Path.of(colon < 0 ? i.store() : i.store().substring(colon + 1)).normalize();
    Path path = Path.of(i.path()).normalize();
    boolean ok = switch (i.kind()) {
      case "nss", "keystore" -> path.equals(store) && i.location().startsWith(store.toString());
      case "file" -> (path.equals(store) || path.startsWith(store)) && i.location().equals(path.toString());
      case "conf" -> path.endsWith(Path.of("etc", "ca-certificates.conf")) && i.entry() != null && i.entry().matches("[^\\n\\r!]+")
          && !i.entry().contains("..");
      case "blocklist" -> true; // checked against the distrust-dir table where it is restored
      // an OS location ("LocalMachine\\ROOT", "domain/admin") names its store; restore re-finds it through the OS API
      case "windows", "macos" -> i.location().startsWith(i.path() + "#") && i.path().replace('\\', '/').equals(
          (colon < 0 ? i.store() : i.store().substring(colon + 1)).replace('\\', '/'));
      default -> false;
    };
    if (!ok) throw inconsistent(id, "location " + i.step() + ": " + i.path() + " is not part of " + i.store());
    if (i.kind().equals("nss") && i.trust() != null && !i.trust().isEmpty() && !i.trust().matches(NSS_TRUST)) {
      throw inconsistent(id, "location " + i.step() + ": trust '" + i.trust() + "' is not an NSS trust string");
    }
  }

  /** The saved bytes must hold the certificate the journal names. */
  private static void checkContent(BackupStore store, String id, BackupItem i) throws AnchorwatchException {
    if (i.blob() == null) return;
    byte[] blob = store.bytes(id, i.blob());
    switch (i.kind()) {
      case "file" -> {
        try {
          List<CertInfo> certs = CertParser.parseAny(blob);
          if (certs.stream().noneMatch(c -> c.sha256().equals(i.sha256()))) throw inconsistent(id, i.blob() + " does not hold the certificate " + i.sha256());
        } catch (BadCertificateException e) {
          throw inconsistent(id, i.blob() + " is not a certificate file");
        }
      }
      case "keystore" -> {
        try {
          Certificate c = Keystores.load(blob, Path.of(i.path())).store().getCertificate(i.alias());
          if (c == null || !Hex.of(CertParser.digest("SHA-256", c.getEncoded())).equals(i.sha256())) {
            throw inconsistent(id, i.blob() + " does not hold " + i.sha256() + " under alias " + i.alias());
          }
        } catch (GeneralSecurityException e) {
          throw inconsistent(id, i.blob() + " is not a keystore");
        }
      }
      case "windows" -> {
        try {
          org.anchorwatch.stores.windows.SerializedElement.verified(blob, i.sha256());
        } catch (AnchorwatchException e) {
          throw inconsistent(id, i.blob() + " is not a serialized element of " + i.sha256());
        }
      }
      default -> {
        // conf: the restore re-selects the journaled entry; the saved bytes are kept for reference only;
        // macos: the trust-settings plist is re-applied to the DER, whose hash the manifest check ties to the SHA-256
      }
    }
  }

  private static AnchorwatchException inconsistent(String id, String why) {
    return new AnchorwatchException(ErrorCode.BACKUP_INCONSISTENT, "backup " + id + ": " + why + "; nothing was restored");
  }
}
