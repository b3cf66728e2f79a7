package org.anchorwatch.cleanup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.Keystores;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.stores.nss.NssDatabase;
import org.anchorwatch.stores.nss.NssStore;

/**
 * The only code that changes trust stores, one method per action and its exact reverse. Each
 * change selects the certificate by SHA-256, never by name. Capture reads what a backup needs
 * before anything changes.
 */
public class StoreChanges {
  private final AtomicFiles io;
  private final OsSteps os;

  public StoreChanges(AtomicFiles io) {
    this(io, OsSteps.system());
  }

  /** The Windows/macOS part (the administrator half asks it which locations are its own). */
  public OsSteps os() {
    return os;
  }

  public StoreChanges(AtomicFiles io, OsSteps os) {
    this.io = io;
    this.os = os;
  }

  /** What must be saved for one step: raw blob (file/keystore/conf bytes), the DER, and metadata. */
  public record Capture(byte[] blob, byte[] der, String nickname, String trust, String alias, String keystoreType,
      String mode, String owner, String group, String mtime) {}

  public Capture capture(Step s) throws AnchorwatchException {
    if (OsSteps.handles(s.storeType())) return os.capture(s);
    Path path = Path.of(s.details().get("path"));
    try {
      return switch (s.actionEnum()) {
        case DELETE, DISTRUST -> switch (s.storeType()) {
          case "nss" -> captureNss(path, s.sha256());
          case "keystore" -> captureKeystore(path, s);
          default -> captureFile(path, s.sha256());
        };
        case DESELECT -> {
          Path conf = Path.of(s.details().get("conf"));
          Capture f = fileMeta(conf, Files.readAllBytes(conf));
          yield new Capture(f.blob(), derFromFile(path, s.sha256()), null, null, null, null, f.mode(), f.owner(), f.group(), f.mtime());
        }
        case BLOCKLIST -> new Capture(null, derFromFile(path, s.sha256()), null, null, null, null, null, null, null, null);
        default -> throw new IllegalArgumentException("nothing to capture for " + s.action());
      };
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "cannot read " + path + " for the backup: " + e.getMessage());
    }
  }

  private Capture captureNss(Path db, String sha256) throws AnchorwatchException {
    for (StoreEntry e : new NssStore(db).list().entries()) {
      if (e.cert().sha256().equals(sha256)) {
        return new Capture(null, e.cert().der(), e.attributes().get("nickname"), e.attributes().get("trust"), null, null, null, null, null, null);
      }
    }
    throw new AnchorwatchException(ErrorCode.PLAN_STALE, "the certificate is no longer in " + db);
  }

  private Capture captureKeystore(Path file, Step s) throws IOException, AnchorwatchException {
    byte[] bytes = Files.readAllBytes(file);
    Keystores.Loaded ks = Keystores.load(bytes, file);
    try {
      Certificate c = ks.store().getCertificate(s.details().get("alias"));
      if (c == null || !Hex.of(CertParser.digest("SHA-256", c.getEncoded())).equals(s.sha256())) {
        throw new AnchorwatchException(ErrorCode.PLAN_STALE, "alias " + s.details().get("alias") + " in " + file + " no longer holds that certificate");
      }
      Capture meta = fileMeta(file, bytes);
      return new Capture(bytes, c.getEncoded(), null, null, s.details().get("alias"), ks.type(), meta.mode(), meta.owner(), meta.group(), meta.mtime());
    } catch (java.security.GeneralSecurityException e) {
      throw new AnchorwatchException(ErrorCode.STORE_CORRUPT, file + ": " + e.getMessage());
    }
  }

  private Capture captureFile(Path file, String sha256) throws IOException, AnchorwatchException {
    byte[] bytes = Files.readAllBytes(file);
    byte[] der = derFromFile(file, sha256);
    Capture meta = fileMeta(file, bytes);
    return new Capture(bytes, der, null, null, null, null, meta.mode(), meta.owner(), meta.group(), meta.mtime());
  }

  private static Capture fileMeta(Path file, byte[] bytes) throws IOException {
    PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return new Capture(bytes, null, null, null, null, null, PosixFilePermissions.toString(a.permissions()), a.owner().getName(),
        a.group().getName(), a.lastModifiedTime().toInstant().toString());
  }

  /** The DER of the certificate with this hash among a file's PEM blocks (p11-kit files hold many). */
  static byte[] derFromFile(Path file, String sha256) throws IOException, AnchorwatchException {
    byte[] bytes = Files.readAllBytes(file);
    for (byte[] der : CertParser.isPem(bytes) ? CertParser.pemBlocks(bytes) : List.of(bytes)) {
      if (Hex.of(CertParser.digest("SHA-256", CertParser.parseDer(der).der())).equals(sha256)) return CertParser.parseDer(der).der();
    }
    throw new AnchorwatchException(ErrorCode.PLAN_STALE, file + " no longer holds certificate " + sha256);
  }

  // ---- forward changes ----

  public void apply(Step s) throws AnchorwatchException {
    if (OsSteps.handles(s.storeType())) {
      os.apply(s);
      return;
    }
    Path path = Path.of(s.details().get("path"));
    try {
      switch (s.actionEnum()) {
        case DELETE -> {
          switch (s.storeType()) {
            case "nss" -> requirePresent(NssDatabase.delete(path, s.sha256()).isPresent(), path);
            case "keystore" -> deleteAlias(path, s.details().get("alias"), s.sha256());
            default -> Files.delete(path);
          }
        }
        case DISTRUST -> requirePresent(NssDatabase.distrust(path, s.sha256()).isPresent(), path);
        case DESELECT -> rewriteSelection(Path.of(s.details().get("conf")), s.details().get("entry"), true);
        case BLOCKLIST -> {
          byte[] der = derFromFile(path, s.sha256());
          Path dir = Path.of(s.details().get("blocklistDir"));
          Files.createDirectories(dir);
          io.write(blocklistFile(dir, s.sha256()), pem(der));
        }
        default -> throw new IllegalArgumentException("no change for " + s.action());
      }
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.REMOVE_FAILED, "cannot change " + path + ": " + e.getMessage());
    }
  }

  static Path blocklistFile(Path dir, String sha256) {
    return dir.resolve("anchorwatch-" + sha256.substring(0, 16) + ".pem");
  }

  private static void requirePresent(boolean present, Path db) throws AnchorwatchException {
    if (!present) throw new AnchorwatchException(ErrorCode.PLAN_STALE, "the certificate was no longer in " + db);
  }

  private void deleteAlias(Path file, String alias, String sha256) throws IOException, AnchorwatchException {
    Keystores.Loaded ks = Keystores.load(Files.readAllBytes(file), file);
    try {
      Certificate c = ks.store().getCertificate(alias);
      if (c == null || !Hex.of(CertParser.digest("SHA-256", c.getEncoded())).equals(sha256)) {
        throw new AnchorwatchException(ErrorCode.PLAN_STALE, "alias " + alias + " no longer holds that certificate");
      }
      ks.store().deleteEntry(alias);
      writeKeystore(file, ks);
    } catch (java.security.GeneralSecurityException e) {
      throw new AnchorwatchException(ErrorCode.REMOVE_FAILED, file + ": " + e.getMessage());
    }
  }

  /** Debian selection: "entry" ↔ "!entry", every other line and byte kept as it was. */
  private void rewriteSelection(Path conf, String entry, boolean deselect) throws IOException, AnchorwatchException {
    // one line of the selection file names one shipped certificate: anything else would add lines
    if (entry == null || entry.isEmpty() || !entry.matches("[^\\n\\r!]+") || entry.contains("..") || entry.startsWith("/")) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "'" + entry + "' is not a ca-certificates.conf entry");
    }
    String text = Files.readString(conf, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    String from = deselect ? entry : "!" + entry;
    String to = deselect ? "!" + entry : entry;
    boolean found = false;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(from)) {
        lines.set(i, to);
        found = true;
      }
    }
    if (!found && deselect) {
      if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.add(lines.size() - 1, to);
      else lines.add(to);
    }
    writeKeepingAttributes(conf, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  // ---- reverse changes (restore) ----

  public void restore(BackupItem item, byte[] blob, byte[] der) throws AnchorwatchException {
    if (OsSteps.handles(item.storeType())) {
      os.restore(item, blob, der);
      return;
    }
    Path path = Path.of(item.path());
    try {
      switch (item.kind()) {
        case "nss" -> NssDatabase.restore(path, der, item.nickname(), item.trust() == null || item.trust().isEmpty() ? null : item.trust());
        case "keystore" -> restoreAlias(path, item, der, blob);
        case "file" -> {
          if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (java.util.Arrays.equals(Files.readAllBytes(path), blob)) return;
            throw new AnchorwatchException(ErrorCode.REMOVE_FAILED, path + " exists with other content; not overwritten");
          }
          io.write(path, blob);
          setAttributes(path, item.mode(), item.owner(), item.group(), item.mtime());
        }
        case "conf" -> rewriteSelection(path, item.entry(), false);
        case "blocklist" -> Files.deleteIfExists(blocklistFile(Path.of(item.path()), item.sha256()));
        default -> throw new AnchorwatchException(ErrorCode.INTERNAL, "unknown backup kind " + item.kind());
      }
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.REMOVE_FAILED, "cannot restore " + path + ": " + e.getMessage());
    }
  }

  private void restoreAlias(Path file, BackupItem item, byte[] der, byte[] wholeFile) throws IOException, AnchorwatchException {
    if (!Files.exists(file)) {
      io.write(file, wholeFile);
      setAttributes(file, item.mode(), item.owner(), item.group(), null);
      return;
    }
    Keystores.Loaded ks = Keystores.load(Files.readAllBytes(file), file);
    try {
      Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
      Certificate existing = ks.store().getCertificate(item.alias());
      if (existing != null && java.util.Arrays.equals(existing.getEncoded(), der)) return;
      if (existing != null) throw new AnchorwatchException(ErrorCode.REMOVE_FAILED, "alias " + item.alias() + " now holds another certificate; not overwritten");
      ks.store().setCertificateEntry(item.alias(), c);
      writeKeystore(file, ks);
    } catch (java.security.GeneralSecurityException e) {
      throw new AnchorwatchException(ErrorCode.REMOVE_FAILED, file + ": " + e.getMessage());
    }
  }

  // ---- helpers ----

  /** Same format and password as it was read with, attributes preserved. */
  private void writeKeystore(Path file, Keystores.Loaded ks) throws IOException, java.security.GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store().store(out, ks.password());
    writeKeepingAttributes(file, out.toByteArray());
  }

  private void writeKeepingAttributes(Path file, byte[] bytes) throws IOException {
    PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
    io.write(file, bytes);
    PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    v.setPermissions(a.permissions());
    try {
      v.setOwner(a.owner());
      v.setGroup(a.group());
    } catch (IOException notPermitted) {
      // only root may give a file away; as its owner we already own the rewritten file
    }
  }

  private static void setAttributes(Path file, String mode, String owner, String group, String mtime) throws IOException {
    PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (mode != null) {
      // the recorded mode, but never writable by group or others (a backup is not a way to open a file up)
      java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
      perms.remove(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE);
      perms.remove(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
      v.setPermissions(perms);
    }
    UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
    try {
      if (owner != null) v.setOwner(users.lookupPrincipalByName(owner));
      if (group != null) v.setGroup(users.lookupPrincipalByGroupName(group));
    } catch (IOException notPermittedOrUnknown) {
      // restoring as the same unprivileged user: the file is already ours
    }
    if (mtime != null) v.setTimes(FileTime.from(java.time.Instant.parse(mtime)), null, null);
  }

  static byte[] pem(byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return ("-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
  }
}
