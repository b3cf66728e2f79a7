package org.anchorwatch.stores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.anchorwatch.certs.BadCertificateException;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * A PEM/DER file, a bundle, a p11-kit trust file, or a directory of them. A bad file inside a
 * directory is a warning, not a failure of the store: one broken anchor must not hide the rest.
 */
public final class PemStore implements TrustStore {
  private static final long MAX_FILE_BYTES = 16L << 20;

  private final Path path;
  private final PemRules rules;

  public PemStore(Path path, PemRules rules) {
    this.path = path;
    this.rules = rules;
  }

  @Override
  public StoreListing list() throws AnchorwatchException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      throw StoreErrors.from(e, path);
    }
    Map<String, Trust> selection = readSelection();
    List<StoreEntry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (!attrs.isDirectory()) {
      readFile(path, selection, entries, warnings);
      if (entries.isEmpty() && !warnings.isEmpty()) {
        throw new AnchorwatchException(ErrorCode.STORE_CORRUPT, String.join("; ", warnings));
      }
      return new StoreListing(entries, warnings);
    }
    if (!Files.isReadable(path) || !Files.isExecutable(path)) {
      throw new AnchorwatchException(ErrorCode.STORE_PERMISSION_DENIED, "permission denied: " + path);
    }
    for (Path file : files(warnings)) readFile(file, selection, entries, warnings);
    return new StoreListing(entries, warnings);
  }

  private List<Path> files(List<String> warnings) throws AnchorwatchException {
    int depth = rules.recursive() ? 16 : 1;
    Set<FileVisitOption> opts = rules.symlinks() ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
    try (Stream<Path> s = Files.walk(path, depth, opts.toArray(FileVisitOption[]::new))) {
      return s.filter(p -> !p.equals(path))
          .filter(p -> rules.symlinks() || !Files.isSymbolicLink(p))
          .filter(p -> Files.isRegularFile(p))
          .filter(p -> rules.suffix() == null || p.getFileName().toString().endsWith(rules.suffix()))
          .filter(p -> !rules.skipNames().contains(p.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      IOException io = e instanceof IOException x ? x : ((java.io.UncheckedIOException) e).getCause();
      throw StoreErrors.from(io, path);
    }
  }

  private void readFile(Path file, Map<String, Trust> selection, List<StoreEntry> out, List<String> warnings) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        warnings.add(file + ": larger than " + MAX_FILE_BYTES + " bytes, skipped");
        return;
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      warnings.add(StoreErrors.from(e, file).getMessage());
      return;
    }
    Map<String, String> attrs = new HashMap<>();
    attrs.put("path", file.toString());
    try {
      attrs.put("mtime", Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().toString());
    } catch (IOException ignored) {
      // the install time is a nicety for aftercare; absence is reported as unknown
    }
    Trust fileTrust = selectionTrust(file, selection);
    List<Section> sections = sections(bytes);
    int total = sections.stream().mapToInt(s -> s.ders.size()).sum();
    int index = 0;
    for (Section section : sections) {
      for (byte[] der : section.ders) {
        index++;
        try {
          CertInfo cert = CertParser.parseDer(der);
          String loc = total == 1 ? file.toString() : file + "#" + index;
          Trust trust = section.distrusted ? Trust.DISTRUSTED : fileTrust;
          out.add(new StoreEntry(cert, loc, trust, Map.copyOf(attrs)));
        } catch (BadCertificateException e) {
          warnings.add(file + (total == 1 ? "" : "#" + index) + ": " + e.getMessage());
        }
      }
    }
  }

  private record Section(List<byte[]> ders, boolean distrusted) {}

  /** p11-kit files hold several objects, each possibly marked x-distrusted; other files are one section. */
  private static List<Section> sections(byte[] bytes) {
    List<Section> out = new ArrayList<>();
    try {
      if (!CertParser.isPem(bytes)) return List.of(new Section(List.of(bytes), false));
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      String[] parts = text.contains("[p11-kit-object-v1]") ? text.split("\\[p11-kit-object-v1\\]") : new String[] {text};
      for (String part : parts) {
        boolean distrusted = part.matches("(?s).*\\bx-distrusted:\\s*true\\b.*");
        out.add(new Section(CertParser.pemBlocks(part.getBytes(StandardCharsets.ISO_8859_1)), distrusted));
      }
      return out;
    } catch (BadCertificateException e) {
      // A malformed block: fall back to treating the file as DER so the parse error is reported once.
      return List.of(new Section(List.of(bytes), false));
    }
  }

  private Map<String, Trust> readSelection() {
    Path conf = rules.selectionConf();
    if (conf == null) return null;
    Map<String, Trust> sel = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) continue;
        if (l.startsWith("!")) sel.put(l.substring(1).strip(), Trust.DISTRUSTED);
        else sel.put(l, Trust.TRUSTED);
      }
    } catch (IOException e) {
      return null; // no conf: every shipped file counts as selected, the Debian default
    }
    return sel;
  }

  private Trust selectionTrust(Path file, Map<String, Trust> selection) {
    if (selection == null) return Trust.TRUSTED;
    String rel = path.relativize(file).toString();
    return selection.getOrDefault(rel, Trust.STORED);
  }
}
