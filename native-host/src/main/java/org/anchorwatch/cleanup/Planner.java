package org.anchorwatch.cleanup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.anchorwatch.certs.Hex;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.privilege.ShellQuote;
import org.anchorwatch.scan.EntryView;
import org.anchorwatch.scan.Finding;
import org.anchorwatch.scan.Installed;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.StoreReport;
import org.anchorwatch.stores.DiscoveryContext;
import org.anchorwatch.stores.LinuxLayout;

/**
 * Turns "remove this certificate" into one step per location, choosing per store what can be
 * done safely: delete or distrust in NSS, delete a keystore alias, remove an added anchor file,
 * deselect or blocklist a distro-shipped CA (never delete package files), let the distro's
 * rebuild regenerate extracted bundles, and give instructions where the host cannot act.
 */
public final class Planner {
  private final DiscoveryContext ctx;
  private final RebuildCommands rebuilds;
  public Planner(DiscoveryContext ctx, RebuildCommands rebuilds) {
    this.ctx = ctx;
    this.rebuilds = rebuilds;
  }

  public Plan plan(ScanResult scan, String query, boolean distrust) throws AnchorwatchException {
    String hex = Hex.normalise(query, 32).orElseThrow(() ->
        new AnchorwatchException(ErrorCode.BAD_HASH, "'" + query + "' is not a certificate or SPKI SHA-256 (hex or base64)"));
    List<Installed> where = scan.index().bySha256(hex);
    boolean bySpki = where.isEmpty();
    if (bySpki) where = scan.index().bySpki(hex);
    if (where.isEmpty()) {
      throw new AnchorwatchException(ErrorCode.NOT_INSTALLED, "no store on this machine holds a certificate with " + (hex.substring(0, 16)) + "…");
    }
    Map<String, StoreReport> stores = new LinkedHashMap<>();
    for (StoreReport s : scan.stores()) stores.put(s.id(), s);

    List<Draft> drafts = new ArrayList<>();
    for (Installed i : where) {
      if (i.role().equals("blocklist_dir") || i.trust().equals("distrusted")) continue; // already neutralised
      drafts.add(draft(i, stores.get(i.store()), distrust));
    }
    if (drafts.isEmpty()) {
      throw new AnchorwatchException(ErrorCode.NOT_INSTALLED, "every copy of " + hex.substring(0, 16) + "… is already distrusted");
    }
    // A root that a browser policy installs comes back at the next start: say so at every NSS copy
    List<String> policies = drafts.stream().map(d -> d.details.get("policy")).filter(java.util.Objects::nonNull).distinct().toList();
    if (!policies.isEmpty()) {
      for (Draft d : drafts) {
        if (d.installed.type().equals("nss")) d.caveats.add(policyCaveat(String.join(", ", policies)));
      }
    }
    Set<String> rebuildDistros = new LinkedHashSet<>();
    for (Draft d : drafts) if (d.rebuildDistro != null && d.action.changesStore()) rebuildDistros.add(d.rebuildDistro);

    List<Step> steps = new ArrayList<>();
    for (Draft d : drafts) steps.add(d.finish(steps.size(), rebuildDistros));
    org.anchorwatch.certs.CertInfo cert = scan.index().cert(drafts.get(0).installed.sha256());
    EntryView entry = scan.findings().stream().filter(f -> f.sha256().equals(cert.sha256()) && f.entry() != null)
        .map(Finding::entry).findFirst().orElse(null);
    Plan.Target target = new Plan.Target(query, bySpki ? null : cert.sha256(), cert.spkiSha256(), cert.subject(), cert.issuer(),
        cert.notAfter().toString(), entry);
    List<Caveat> caveats = new ArrayList<>();
    if (!rebuildDistros.isEmpty()) {
      for (String d : rebuildDistros) {
        if (rebuilds.command(d).isEmpty()) {
          caveats.add(Caveat.of(Caveat.NO_REBUILD, "The system bundles will not be rebuilt automatically here (a --root other than /); run: "
              + rebuilds.display(d), rebuilds.display(d)));
        }
      }
    }
    String since = steps.stream().map(Step::installedAt).filter(java.util.Objects::nonNull).sorted().findFirst().orElse(null);
    String rebuild = rebuildDistros.isEmpty() ? null : String.join("; ", rebuildDistros.stream().map(rebuilds::display).toList());
    return new Plan(newId(), Instant.now().toString(), target, distrust ? "distrust" : "delete", List.copyOf(steps),
        steps.stream().anyMatch(Step::elevation), rebuild, List.copyOf(caveats), since);
  }

  /** The target of a verify: the certificate (or key) a query names, even when no store holds it any more. */
  public Plan.Target targetFor(ScanResult scan, String query) throws AnchorwatchException {
    String hex = Hex.normalise(query, 32).orElseThrow(() ->
        new AnchorwatchException(ErrorCode.BAD_HASH, "'" + query + "' is not a certificate or SPKI SHA-256 (hex or base64)"));
    org.anchorwatch.certs.CertInfo c = scan.index().cert(hex);
    if (c != null) return new Plan.Target(query, c.sha256(), c.spkiSha256(), c.subject(), c.issuer(), c.notAfter().toString(), null);
    List<Installed> byKey = scan.index().bySpki(hex);
    if (!byKey.isEmpty()) {
      org.anchorwatch.certs.CertInfo k = scan.index().cert(byKey.get(0).sha256());
      return new Plan.Target(query, null, hex, k.subject(), k.issuer(), k.notAfter().toString(), null);
    }
    // gone from every store: check both spellings
    return new Plan.Target(query, hex, hex, null, null, null, null);
  }

  /**
   * When this copy was added, as far as the store records it (anchor file mtime, keystore entry
   * date). Shipped and generated copies say nothing about when interception became possible: their
   * dates are package installs and rebuilds, so they report null ("unknown").
   */
  static String installedAt(Installed i) {
    if (!i.role().equals("added") && !i.role().equals("jdk")) return null;
    return i.attributes().getOrDefault("created", i.attributes().get("mtime"));
  }

  static String newId() {
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** A step before its index and the plan-wide rebuild are known. */
  private final class Draft {
    final Installed installed;
    final StoreReport store;
    Action action;
    boolean elevation;
    String backup;
    String rebuildDistro;
    final List<Caveat> caveats = new ArrayList<>();
    final List<String> commands = new ArrayList<>();
    final Map<String, String> details = new LinkedHashMap<>();

    Draft(Installed installed, StoreReport store) {
      this.installed = installed;
      this.store = store;
    }

    Step finish(int index, Set<String> rebuildDistros) {
      if (action == Action.REBUILD_COVERS && (rebuildDistro == null || !rebuildDistros.contains(rebuildDistro))) {
        // nothing else in this plan triggers the rebuild that would regenerate this bundle
        action = Action.INSTRUCTIONS;
        commands.add("sudo " + rebuilds.display(rebuildDistro == null ? "debian" : rebuildDistro));
        caveats.add(Caveat.of(Caveat.GENERATED_FILE, "This file is generated. If the certificate is still here after a rebuild, it was "
            + "appended by hand: restore the bundle from the distro package or remove the block manually."));
      }
      return new Step(index, installed.store(), installed.type(), installed.storeLabel(), installed.role(), installed.location(),
          installed.sha256(), action.wire(), elevation, backup, List.copyOf(caveats),
          installedAt(installed), List.copyOf(commands), Map.copyOf(details), installed.place());
    }
  }

  private Draft draft(Installed i, StoreReport store, boolean distrust) {
    Draft d = new Draft(i, store);
    Path storePath = Path.of(store.location());
    Optional<LinuxLayout.SystemRow> row = LinuxLayout.rowFor(storePath, ctx);
    String distro = row.map(LinuxLayout.SystemRow::distro).filter(x -> !x.equals("any")).orElse(null);
    switch (i.type()) {
      case "nss" -> nss(d, storePath, distrust);
      case "keystore" -> keystore(d, storePath, distro);
      case "windows", "macos" -> os(d, distrust);
      default -> pem(d, storePath, distro);
    }
    return d;
  }

  private void nss(Draft d, Path db, boolean distrust) {
    d.action = distrust ? Action.DISTRUST : Action.DELETE;
    d.details.put("path", db.toString());
    d.details.put("nickname", d.installed.attributes().getOrDefault("nickname", ""));
    d.details.put("trust", d.installed.attributes().getOrDefault("trust", ""));
    d.backup = "the certificate (DER), its nickname '" + d.details.get("nickname") + "' and trust '" + d.details.get("trust") + "'";
    d.elevation = !Files.isWritable(db.resolve("cert9.db"));
    if (Files.exists(db.resolve("lock"), java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.exists(db.resolve(".parentlock"))) {
      d.caveats.add(Caveat.of(Caveat.CLOSE_MOZILLA_APP,
          "Close Firefox or Thunderbird first: this profile is open, and a running browser keeps trusting the root until it restarts."));
    } else if (db.endsWith(Path.of(".pki", "nssdb"))) {
      d.caveats.add(Caveat.of(Caveat.RESTART_CHROMIUM, "Restart Chrome/Chromium afterwards: a running browser keeps its trust cache."));
    }
    nssCommand(System.getProperty("os.name", ""), db, d.details.get("nickname"), distrust).ifPresent(d.commands::add);
  }

  /**
   * The command a person could run instead: Mozilla's NSS `certutil` (Debian's libnss3-tools,
   * Homebrew's nss). A distrust keeps the certificate with no trust (",,", what our own distrust
   * writes); a removal deletes it. None on Windows, where `certutil` is Windows' own, different
   * program and Mozilla ships no NSS tools: the step itself runs through NSS, not this command.
   */
  static Optional<String> nssCommand(String osName, Path db, String nickname, boolean distrust) {
    if (osName != null && osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows")) return Optional.empty();
    List<String> argv = distrust
        ? List.of("certutil", "-M", "-d", "sql:" + db, "-n", nickname, "-t", ",,")
        : List.of("certutil", "-D", "-d", "sql:" + db, "-n", nickname);
    return Optional.of(ShellQuote.join(argv));
  }

  private static void os(Draft d, boolean distrust) {
    OsSteps.Drafted o = OsSteps.plan(d.installed, distrust);
    d.action = o.action();
    d.elevation = o.elevation();
    d.backup = o.backup();
    d.commands.addAll(o.commands());
    d.caveats.addAll(o.caveats());
    d.details.putAll(o.details());
  }

  private void keystore(Draft d, Path file, String distro) {
    d.details.put("path", file.toString());
    d.details.put("alias", d.installed.attributes().getOrDefault("alias", ""));
    if (d.installed.role().equals("extracted")) {
      d.action = Action.REBUILD_COVERS;
      d.rebuildDistro = distro;
      d.backup = "nothing: the distro regenerates this keystore from the system bundle";
      d.caveats.add(Caveat.of(Caveat.DISTRO_MANAGED, "Managed by the distribution: handled at its source, not edited in place."));
      return;
    }
    d.action = Action.DELETE;
    d.elevation = !Files.isWritable(file);
    d.backup = "the whole keystore file, and the alias '" + d.details.get("alias") + "' with its certificate";
    d.commands.add(ShellQuote.join(List.of("keytool", "-delete", "-alias", d.details.get("alias"), "-keystore", file.toString(), "-storepass", "changeit")));
  }

  private static Caveat policyCaveat(String policy) {
    return Caveat.of(Caveat.POLICY_MANAGED, "Managed by Firefox enterprise policy (" + policy + "): Firefox installs it again at every "
        + "start until the Certificates.Install entry is removed there.", policy);
  }

  private void pem(Draft d, Path storePath, String distro) {
    String loc = d.installed.location();
    if (d.installed.role().equals("policy")) {
      Path file = Path.of(loc);
      String policy = org.anchorwatch.stores.FirefoxPolicies.policyFor(file, ctx).map(Path::toString).orElse("policies.json");
      d.action = Action.INSTRUCTIONS;
      d.details.put("path", file.toString());
      d.details.put("policy", policy);
      d.backup = "nothing: the host does not edit browser policies";
      d.caveats.add(policyCaveat(policy));
      d.commands.add(ShellQuote.comment("remove the entry for " + file + " from \"Certificates\": {\"Install\": [...]} in " + policy));
      d.commands.add(ShellQuote.join(List.of("sudo", "rm", file.toString())));
      return;
    }
    int hash = loc.lastIndexOf('#');
    boolean inBundle = hash > 0 && loc.substring(hash + 1).matches("\\d+");
    Path file = Path.of(inBundle ? loc.substring(0, hash) : loc);
    d.details.put("path", file.toString());
    if (distro != null) d.details.put("distro", distro);
    switch (d.installed.role()) {
      case "extracted" -> {
        d.action = Action.REBUILD_COVERS;
        d.rebuildDistro = distro;
        d.backup = "nothing: this bundle is generated from the anchor sources";
      }
      case "distro" -> {
        d.rebuildDistro = distro;
        if ("debian".equals(distro)) {
          Path conf = ctx.reroot(LinuxLayout.DEBIAN_SELECTION);
          d.action = Action.DESELECT;
          d.details.put("conf", conf.toString());
          d.details.put("entry", storePath.relativize(file).toString());
          d.elevation = !Files.isWritable(conf);
          d.backup = "the current " + conf.getFileName() + " (exact bytes)";
          d.commands.add(ShellQuote.join(List.of("sudo", "sed", "-i", "s|^" + d.details.get("entry") + "$|!" + d.details.get("entry") + "|", conf.toString())));
          d.caveats.add(Caveat.of(Caveat.DISTRO_DESELECTED,
              "Shipped by the ca-certificates package: it is deselected, not deleted, and stays deselected across upgrades."));
        } else if (distro != null && LinuxLayout.DISTRUST_DIRS.containsKey(distro)) {
          Path dir = ctx.reroot(LinuxLayout.DISTRUST_DIRS.get(distro));
          d.action = Action.BLOCKLIST;
          d.details.put("blocklistDir", dir.toString());
          d.elevation = !(Files.isDirectory(dir) ? Files.isWritable(dir) : Files.isWritable(dir.getParent() == null ? dir : dir.getParent()));
          d.backup = "nothing is removed: a distrust copy is added to " + dir;
          d.commands.add(ShellQuote.join(List.of("sudo", "cp", file.toString(), dir + "/")));
        } else {
          d.action = Action.INSTRUCTIONS;
          d.commands.add(ShellQuote.comment("shipped by the distribution; ask its package manager to remove or distrust " + file));
        }
      }
      default -> {
        if (inBundle) {
          d.action = Action.INSTRUCTIONS;
          d.commands.add(ShellQuote.comment(file + " holds several certificates; remove block " + loc.substring(hash + 1) + " by hand after a copy"));
          d.backup = "nothing: the host does not edit multi-certificate files";
          return;
        }
        d.action = Action.DELETE;
        d.rebuildDistro = distro;
        d.elevation = !Files.isWritable(file.getParent());
        d.backup = "the file's exact bytes, path, mode and owner";
        if (distro != null) d.commands.add(ShellQuote.join(List.of("sudo", "rm", file.toString())));
      }
    }
  }
}
