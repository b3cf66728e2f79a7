package org.anchorwatch.cleanup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Backups in the per-user data dir: backups/ID/ holds one blob per saved object and manifest.json,
 * written last. Every file is written atomically and read back against its checksum before the
 * caller may remove anything.
 */
public final class BackupStore {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Path root;
  private final AtomicFiles io;

  public BackupStore(Path root, AtomicFiles io) {
    this.root = root;
    this.io = io;
  }

  public Path root() {
    return root;
  }

  public Path dir(String id) {
    return root.resolve(id);
  }

  /** Writes every capture and the manifest, then verifies the lot; BACKUP_FAILED on any problem. */
  public BackupManifest create(String id, Plan plan, Map<Step, StoreChanges.Capture> captures) throws AnchorwatchException {
    Path dir = dir(id);
    List<BackupItem> items = new ArrayList<>();
    try {
      for (Map.Entry<Step, StoreChanges.Capture> e : captures.entrySet()) {
        Step s = e.getKey();
        StoreChanges.Capture c = e.getValue();
        String kind = kind(s);
        String blob = null;
        String blobSha = null;
        if (c.blob() != null) {
          blob = "step-" + s.index() + "." + kind;
          io.write(dir.resolve(blob), c.blob());
          blobSha = Hex.of(CertParser.digest("SHA-256", c.blob()));
        }
        String der = "step-" + s.index() + ".der";
        io.write(dir.resolve(der), c.der());
        String path = switch (kind) {
          case "conf" -> s.details().get("conf");
          case "blocklist" -> s.details().get("blocklistDir");
          case "windows", "macos" -> s.details().get(OsSteps.LOCATION);
          default -> s.details().get("path");
        };
        items.add(new BackupItem(s.index(), s.store(), s.storeType(), s.location(), s.action(), s.sha256(), kind, path,
            c.nickname(), c.trust(), c.alias(), c.keystoreType(), c.mode(), c.owner(), c.group(), c.mtime(),
            s.details().get("entry"), s.details().get("distro"), blob, blobSha, der, Hex.of(CertParser.digest("SHA-256", c.der()))));
      }
      BackupManifest m = new BackupManifest(id, plan.planId(), Instant.now().toString(), plan.target(), plan.mode(), List.copyOf(items));
      io.write(dir.resolve("manifest.json"), JSON.writeValueAsBytes(m));
      verify(id);
      return m;
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "backup in " + dir + " failed (" + e.getMessage() + "); nothing was removed");
    } catch (AnchorwatchException e) {
      if (e.code() == ErrorCode.BACKUP_FAILED) throw e;
      throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "backup in " + dir + " failed: " + e.getMessage() + "; nothing was removed");
    }
  }

  static String kind(Step s) {
    return switch (s.actionEnum()) {
      case DESELECT -> "conf";
      case BLOCKLIST -> "blocklist";
      default -> switch (s.storeType()) {
        case "nss" -> "nss";
        case "keystore" -> "keystore";
        case "windows", "macos" -> s.storeType();
        default -> "file";
      };
    };
  }

  /** Reads the backup back: manifest parses, every blob matches its checksum, every DER is the certificate named. */
  public BackupManifest verify(String id) throws AnchorwatchException {
    BackupManifest m = read(id);
    for (BackupItem i : m.items()) {
      if (i.blob() != null && !Hex.of(CertParser.digest("SHA-256", bytes(id, i.blob()))).equals(i.blobSha256())) {
        throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "backup " + id + ": " + i.blob() + " does not match its checksum");
      }
      byte[] der = bytes(id, i.der());
      if (!Hex.of(CertParser.digest("SHA-256", der)).equals(i.derSha256()) || !i.derSha256().equals(i.sha256())) {
        throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "backup " + id + ": " + i.der() + " is not the certificate " + i.sha256());
      }
    }
    return m;
  }

  public BackupManifest read(String id) throws AnchorwatchException {
    if (!id.matches("[0-9a-f]{8,64}")) throw new AnchorwatchException(ErrorCode.BACKUP_UNKNOWN, "no backup '" + id + "'");
    try {
      return JSON.readValue(Files.readAllBytes(dir(id).resolve("manifest.json")), BackupManifest.class);
    } catch (NoSuchFileException e) {
      throw new AnchorwatchException(ErrorCode.BACKUP_UNKNOWN, "no backup '" + id + "' in " + root);
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "backup " + id + " is unreadable: " + e.getMessage());
    }
  }

  public byte[] bytes(String id, String name) throws AnchorwatchException {
    // names come from the manifest: a plain file name inside this backup, never a path
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.contains("..")) {
      throw new AnchorwatchException(ErrorCode.BACKUP_INCONSISTENT, "backup " + id + ": '" + name + "' is not a file of this backup");
    }
    try {
      return Files.readAllBytes(dir(id).resolve(name));
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.BACKUP_FAILED, "backup " + id + ": cannot read " + name + ": " + e.getMessage());
    }
  }

  /** Complete backups, newest first; folders without a manifest are interrupted writes (doctor's business). */
  public List<BackupManifest> list() {
    List<BackupManifest> out = new ArrayList<>();
    if (!Files.isDirectory(root)) return out;
    try (Stream<Path> s = Files.list(root)) {
      for (Path d : (Iterable<Path>) s::iterator) {
        try {
          out.add(read(d.getFileName().toString()));
        } catch (AnchorwatchException skip) {
          // not a complete backup
        }
      }
    } catch (IOException e) {
      return out;
    }
    // by instant, not by text: Instant.toString drops trailing zero digits, so "…:01Z" would sort after "…:01.5Z"
    out.sort(Comparator.comparing(BackupStore::created).reversed());
    return out;
  }

  private static Instant created(BackupManifest m) {
    try {
      return Instant.parse(m.createdAt());
    } catch (RuntimeException unreadable) {
      return Instant.EPOCH; // a manifest with a broken date is listed last, not hidden
    }
  }
}
