package org.anchorwatch.stores.nss;

import java.nio.file.Path;
import java.util.Optional;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Changes to an NSS database for cleanup: distrust, delete, restore. Each opens the database
 * read-write, picks the exact certificate by SHA-256 (nicknames repeat when a CA re-issues its
 * root), and re-reads it before closing to prove the change landed. Not wired to the CLI yet.
 */
public final class NssDatabase {
  private NssDatabase() {}

  /**
   * Sets the trust to ",," (the cert stays, so undoing is trivial). Empty when no cert has that
   * hash; otherwise the state before the change.
   */
  public static Optional<NssBackup> distrust(Path dir, String sha256) throws AnchorwatchException {
    String hash = hash(sha256);
    return Nss.open(dir, Nss.Mode.WRITE, s -> {
      Optional<NssBackup> before = s.withCert(hash, (cert, info) -> {
        s.changeTrust(cert, NssTrust.DISTRUST);
        return backup(dir, info);
      });
      if (before.isPresent()) verify(s, hash, dir, true, NssTrust.DISTRUST);
      return before;
    });
  }

  /** Deletes the cert and its trust object. Empty when no cert has that hash; else what was deleted. */
  public static Optional<NssBackup> delete(Path dir, String sha256) throws AnchorwatchException {
    String hash = hash(sha256);
    return Nss.open(dir, Nss.Mode.WRITE, s -> {
      Optional<NssBackup> before = s.withCert(hash, (cert, info) -> {
        s.delete(cert);
        return backup(dir, info);
      });
      if (before.isPresent()) verify(s, hash, dir, false, null);
      return before;
    });
  }

  /**
   * Puts a certificate back: imports it under {@code nickname} if it is gone, then sets
   * {@code trust} ("C,,", ",,", ...; parsed by NSS exactly like certutil -t). A null trust
   * leaves an imported cert without a trust object (NSS then reads it as ",,"). A cert still
   * present keeps its current nickname; only its trust is set.
   */
  public static void restore(Path dir, byte[] der, String nickname, String trust) throws AnchorwatchException {
    if (der == null || der.length == 0) throw new AnchorwatchException(ErrorCode.BAD_CERTIFICATE, "no certificate bytes to restore");
    if (nickname == null || nickname.isBlank()) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "a nickname is required to restore into NSS");
    String hash = Hex.of(CertParser.digest("SHA-256", der));
    Nss.open(dir, Nss.Mode.WRITE, s -> {
      NssTrust wanted = trust == null ? null : s.decodeTrust(trust);
      if (s.withCert(hash, (cert, info) -> true).isEmpty()) s.importCert(der, nickname);
      if (wanted != null) {
        Optional<Boolean> found = s.withCert(hash, (cert, info) -> {
          s.changeTrust(cert, wanted);
          return true;
        });
        if (found.isEmpty()) throw new AnchorwatchException(ErrorCode.INTERNAL, "imported certificate not found in " + dir);
      }
      verify(s, hash, dir, true, wanted);
      return null;
    });
  }

  private static NssBackup backup(Path dir, NssCert info) {
    return new NssBackup(dir, info.der(), info.nickname(), info.trust() == null ? null : info.trust().render());
  }

  /**
   * Re-reads the token: the change must be visible before we report success. Trust is compared by
   * anchor status only, because NSS normalises what it stores ("CTP,Cu,c" reads back as "CT,C,c":
   * T only counts for SSL, u and w are never stored), so the exact flags may differ from a request.
   */
  private static void verify(NssSession s, String hash, Path dir, boolean present, NssTrust trust) throws AnchorwatchException {
    Optional<NssCert> now = s.withCert(hash, (cert, info) -> info);
    boolean ok = present
        ? now.isPresent() && (trust == null || trust.isAnchor() == (now.get().trust() != null && now.get().trust().isAnchor()))
        : now.isEmpty();
    if (!ok) {
      throw new AnchorwatchException(ErrorCode.INTERNAL, "NSS reported success but " + dir + " does not show the change for " + hash);
    }
  }

  private static String hash(String sha256) throws AnchorwatchException {
    return Hex.normalise(sha256, 32).orElseThrow(() -> new AnchorwatchException(ErrorCode.BAD_HASH, "not a SHA-256: '" + sha256 + "'"));
  }
}
