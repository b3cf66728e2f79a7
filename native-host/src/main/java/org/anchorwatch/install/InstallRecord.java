package org.anchorwatch.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What `install` wrote, so `uninstall` removes exactly those files and only while they still
 * hold what we wrote (the hash). Kept at $XDG_DATA_HOME/anchorwatch/installed-manifests.json.
 */
record InstallRecord(int version, List<Entry> entries) {
  static final String FILE = "anchorwatch/installed-manifests.json";
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One manifest: which browser it serves, where it is, the SHA-256 of what we wrote. */
  record Entry(String browser, String path, String sha256, String hostPath, String installedAt) {}

  static InstallRecord load(Path file) throws InstallException {
    try {
      InstallRecord r = MAPPER.readValue(Files.readAllBytes(file), InstallRecord.class);
      return new InstallRecord(r.version(), r.entries() == null ? List.of() : List.copyOf(r.entries()));
    } catch (NoSuchFileException e) {
      return new InstallRecord(1, List.of());
    } catch (IOException e) {
      throw new InstallException(InstallException.Kind.FAILED, "install record " + file + " unreadable: " + e.getMessage()
          + " (move it aside to start afresh; nothing was changed)", e);
    }
  }

  Entry find(Path manifest) {
    return entries.stream().filter(e -> e.path().equals(manifest.toString())).findFirst().orElse(null);
  }

  /** Entries replaced by path, in first-seen order. */
  InstallRecord with(List<Entry> updates) {
    Map<String, Entry> byPath = new LinkedHashMap<>();
    entries.forEach(e -> byPath.put(e.path(), e));
    updates.forEach(e -> byPath.put(e.path(), e));
    return new InstallRecord(1, List.copyOf(byPath.values()));
  }

  InstallRecord without(List<String> paths) {
    List<Entry> kept = new ArrayList<>(entries);
    kept.removeIf(e -> paths.contains(e.path()));
    return new InstallRecord(1, List.copyOf(kept));
  }

  /** Writes the record, or deletes it when nothing is left to remember. */
  void save(Path file) throws IOException {
    if (entries.isEmpty()) {
      Files.deleteIfExists(file);
      return;
    }
    ManifestFiles.writeAtomically(file, (MAPPER.writeValueAsString(this) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
