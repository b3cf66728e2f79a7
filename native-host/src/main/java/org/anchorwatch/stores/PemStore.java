package org.anchorwatch.stores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anchorwatch.certs.AuxTrust;
import org.anchorwatch.certs.BadCertificateException;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.config.IsoInstant;
import org.anchorwatch.certs.PemReader;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * A PEM/DER file, a bundle, a p11-kit trust file, or a directory of them. Anything wrong inside
 * (a broken block, a loop, a FIFO, an unreadable sub-directory) is a coded warning, never a
 * failure of the store: one bad entry must not hide the anchors next to it.
 */
public final class PemStore implements TrustStore {
  /** Entry attribute: the non-link file an entry was read from, when it was listed under a link. */
  public static final String TARGET = "target";

  private final Path path;
  private final PemRules rules;
  private final TreeWalker.Limits limits;

  public PemStore(Path path, PemRules rules) {
    this(path, rules, TreeWalker.Limits.DEFAULT);
  }

  PemStore(Path path, PemRules rules, TreeWalker.Limits limits) {
    this.path = path;
    this.rules = rules;
    this.limits = limits;
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
      Path file = path;
      try {
        file = Files.isSymbolicLink(path) ? Links.resolve(path, rules.linkRoot()) : path;
      } catch (WalkProblem p) {
        warnings.add(p.warning(path));
        return new StoreListing(entries, warnings);
      }
      readFile(new TreeWalker.Found(path, file), selection, entries, warnings);
      if (entries.isEmpty() && warnings.stream().anyMatch(w -> w.startsWith(WalkWarning.BAD_CERTIFICATE.name()))) {
        throw new AnchorwatchException(ErrorCode.STORE_CORRUPT, String.join("; ", warnings));
      }
      return new StoreListing(entries, warnings);
    }
    if (!Files.isReadable(path) || !Files.isExecutable(path)) {
      throw new AnchorwatchException(ErrorCode.STORE_PERMISSION_DENIED, "permission denied: " + path);
    }
    TreeWalker.Walk walk = TreeWalker.walk(path, attrs, rules, limits);
    warnings.addAll(walk.warnings());
    for (TreeWalker.Found f : walk.files()) readFile(f, selection, entries, warnings);
    return new StoreListing(entries, warnings);
  }

  private void readFile(TreeWalker.Found found, Map<String, Trust> selection, List<StoreEntry> out, List<String> warnings) {
    Path listed = found.listed();
    byte[] bytes;
    try {
      bytes = SafeFiles.read(found.file(), limits.maxFileBytes());
    } catch (WalkProblem p) {
      warnings.add(p.warning(listed));
      return;
    }
    Map<String, String> attrs = new HashMap<>();
    attrs.put("path", listed.toString());
    if (found.viaLink()) attrs.put(TARGET, found.file().toString());
    try {
      attrs.put("mtime", IsoInstant.format(Files.getLastModifiedTime(found.file(), LinkOption.NOFOLLOW_LINKS).toInstant()));
    } catch (IOException ignored) {
      // the install time is a nicety for aftercare; absence is reported as unknown
    }
    Trust fileTrust = selectionTrust(listed, selection);
    Blocks blocks = blocks(bytes);
    for (String problem : blocks.problems) warnings.add(WalkWarning.BAD_CERTIFICATE.format(listed, problem));
    for (Block b : blocks.good) {
      // "#n" is the n-th certificate block of the file, broken ones counted, so it names the same block for cleanup.
      String loc = blocks.total == 1 ? listed.toString() : listed + "#" + b.block.ordinal();
      try {
        CertInfo cert = CertParser.parseDer(b.block.der());
        out.add(new StoreEntry(cert, loc, trust(b, fileTrust), Map.copyOf(attrs)));
      } catch (BadCertificateException e) {
        warnings.add(WalkWarning.BAD_CERTIFICATE.format(loc, e.getMessage()));
      }
    }
  }

  /** p11-kit's x-distrusted and OpenSSL's aux reject list both distrust; an aux trust list without TLS keeps it out of TLS. */
  private static Trust trust(Block b, Trust fileTrust) {
    if (b.distrusted || b.block.aux() == AuxTrust.TLS_REJECTED) return Trust.DISTRUSTED;
    if (b.block.aux() == AuxTrust.NOT_FOR_TLS && fileTrust == Trust.TRUSTED) return Trust.STORED;
    return fileTrust;
  }

  private record Block(PemReader.Block block, boolean distrusted) {}

  private record Blocks(List<Block> good, List<String> problems, int total) {}

  private static final String P11KIT_OBJECT = "[p11-kit-object-v1]";

  /** p11-kit files hold several objects, each possibly marked x-distrusted; other files are one section. */
  private static Blocks blocks(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String[] parts = text.contains(P11KIT_OBJECT) ? P11Kit.split(text, P11KIT_OBJECT) : new String[] {text};
    List<Block> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int offset = 0;
    for (String part : parts) {
      if (parts.length > 1 && !part.contains("-----BEGIN ")) continue; // the preamble, or an object that is no certificate
      PemReader.Result r = PemReader.read(parts.length == 1 ? bytes : part.getBytes(StandardCharsets.ISO_8859_1));
      boolean distrusted = parts.length > 1 && P11Kit.distrusted(part);
      int last = 0;
      for (PemReader.Block b : r.blocks()) {
        good.add(new Block(new PemReader.Block(b.der(), b.ordinal() + offset, b.aux()), distrusted));
        last = Math.max(last, b.ordinal());
      }
      problems.addAll(r.problems());
      offset += Math.max(last, r.blocks().size() + r.problems().size());
    }
    return new Blocks(good, problems, offset);
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
