package org.anchorwatch.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.anchorwatch.blocklist.InspectionCatalog;
import org.anchorwatch.config.IsoInstant;
import org.anchorwatch.blocklist.BlocklistEntry;
import org.anchorwatch.blocklist.Judge;
import org.anchorwatch.blocklist.Tier;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.errors.ErrorInfo;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreEntry;
import org.anchorwatch.stores.StoreListing;
import org.anchorwatch.stores.StoreOpener;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;
import org.anchorwatch.stores.TrustStore;
import org.anchorwatch.stores.Trust;

/**
 * Reads every store and judges every certificate. Notice rules by store role: anything trusted in
 * an ADDED store; JDK entries outside the distro set; EXTRACTED entries from no known source.
 * Distrusted certificates (NSS ",,", Debian "!", p11-kit blocklist dirs) raise nothing: they are
 * already neutralised, and cleanup's "distrust" must make the finding go away.
 */
public final class Scanner {
  private final Judge judge;
  private final Opener opener;

  /** Opens a store; replaceable for fault injection (a store that throws mid-scan). */
  public interface Opener {
    TrustStore open(StoreRef ref);
  }

  public Scanner(Judge judge) {
    this(judge, null);
  }

  /** {@code opener} null: the real stores ({@link StoreOpener#open}). */
  public Scanner(Judge judge, Opener opener) {
    this.judge = judge;
    this.opener = opener;
  }

  public ScanResult scan(List<StoreRef> refs, List<String> policyErrors) {
    Map<StoreRef, StoreListing> read = new LinkedHashMap<>();
    List<StoreReport> reports = new ArrayList<>();
    // Stores overlap (distro directory, extracted bundle, Java cacerts): parse each certificate once.
    try (CertParser.SharedParses shared = CertParser.sharingParses()) {
      read(refs, read, reports);
    }
    Map<StoreRef, StoreListing> listings = LinkedEntries.fold(read);

    Set<String> distroSet = new HashSet<>();
    Set<String> addedSet = new HashSet<>();
    Set<String> systemDistrust = new HashSet<>();
    StoreIndex index = new StoreIndex();
    for (Map.Entry<StoreRef, StoreListing> it : listings.entrySet()) {
      StoreRef ref = it.getKey();
      for (StoreEntry e : it.getValue().entries()) {
        if (ref.role() == Role.DISTRO) distroSet.add(e.cert().sha256());
        if (ref.role() == Role.ADDED || ref.role() == Role.POLICY) addedSet.add(e.cert().sha256());
        if (ref.role() == Role.BLOCKLIST_DIR) {
          systemDistrust.add(e.cert().spkiSha256());
          systemDistrust.add(e.cert().sha256());
        }
      }
    }

    List<Finding> findings = new ArrayList<>();
    Set<String> interception = new LinkedHashSet<>();
    Set<String> distrusted = new LinkedHashSet<>();
    int certificates = 0;
    for (Map.Entry<StoreRef, StoreListing> it : listings.entrySet()) {
      StoreRef ref = it.getKey();
      for (StoreEntry e : it.getValue().entries()) {
        certificates++;
        Trust trust = effectiveTrust(ref, e, systemDistrust);
        CertInfo c = e.cert();
        index.add(c, new Installed(ref.id(), ref.label(), ref.type().wire(), role(ref), e.location(),
            trust.name().toLowerCase(Locale.ROOT), c.sha256(), e.attributes(), ref.place()), ref.role() == Role.DISTRO);
        if (ref.role() == Role.BLOCKLIST_DIR || trust == Trust.DISTRUSTED) continue;
        Optional<BlocklistEntry> hit = judge.match(c);
        if (hit.isPresent() && !hit.get().tier().blocks()) {
          if (trust != Trust.TRUSTED || judge.allowed(c)) continue;
          // shipped by the OS: information; added here by someone: a notice like any added root
          findings.add(finding(notice(ref, c, distroSet, addedSet) ? Level.NOTICE : Level.INFO, ref, e, trust, hit.get()));
        } else if (hit.isPresent()) {
          if (trust == Trust.STORED && ref.role() == Role.DISTRO) continue; // shipped but not selected
          BlocklistEntry b = hit.get();
          (b.tier() == Tier.INTERCEPTION ? interception : b.tier() == Tier.DISTRUSTED ? distrusted : new HashSet<String>()).add(b.name());
          findings.add(finding(Level.BLOCKED, ref, e, trust, b));
        } else if (trust != Trust.TRUSTED || judge.allowed(c)) {
          continue;
        } else {
          Optional<BlocklistEntry> suspected = ref.role() == Role.DISTRO ? Optional.empty() : judge.suspect(c);
          if (suspected.isPresent()) {
            // an interception operator's name on an unknown key: the next re-key, alarmed like the entry it imitates
            interception.add(suspected.get().name() + " (suspected by name)");
            findings.add(finding(Level.BLOCKED, ref, e, trust, suspected.get()));
          } else if (notice(ref, c, distroSet, addedSet)) {
            Optional<InspectionCatalog.Product> p = judge.inspection(c);
            Finding.Inspection by = p.isPresent() ? new Finding.Inspection(p.get().name(), p.get().kind(), p.get().source()) : null;
            findings.add(finding(Level.NOTICE, ref, e, trust, null, by));
          }
        }
      }
    }
    int blocked = 0;
    int notices = 0;
    for (Finding f : findings) {
      if (f.level().equals("blocked")) blocked++;
      if (f.level().equals("notice")) notices++;
    }
    int failed = 0;
    for (StoreReport r : reports) if (r.error() != null) failed++;
    List<String> policySources = new ArrayList<>();
    for (Object s : judge.policy().sources()) policySources.add(s.toString());
    Summary summary = new Summary(refs.size(), failed, certificates,
        blocked, notices, List.copyOf(interception), List.copyOf(distrusted),
        judge.blocklist().version(), List.copyOf(policySources),
        List.copyOf(policyErrors), IsoInstant.format(Instant.now()), judge.blocklist().sequence());
    return new ScanResult(List.copyOf(reports), List.copyOf(findings), summary, index);
  }

  private void read(List<StoreRef> refs, Map<StoreRef, StoreListing> listings, List<StoreReport> reports) {
    for (StoreRef ref : refs) {
      try {
        StoreListing l = (opener == null ? StoreOpener.open(ref) : opener.open(ref)).list();
        listings.put(ref, l);
        reports.add(report(ref, l.entries().size(), null, l.warnings()));
      } catch (AnchorwatchException e) {
        reports.add(report(ref, 0, ErrorInfo.of(e), List.of()));
      } catch (RuntimeException e) {
        // A bug or a native fault in one store must not hide the others.
        reports.add(report(ref, 0, ErrorInfo.of(ErrorCode.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage()), List.of()));
      }
    }
  }

  private static boolean notice(StoreRef ref, CertInfo c, Set<String> distroSet, Set<String> addedSet) {
    return switch (ref.role()) {
      case ADDED, POLICY -> true;
      case JDK -> !distroSet.contains(c.sha256());
      case EXTRACTED -> !distroSet.contains(c.sha256()) && !addedSet.contains(c.sha256());
      case DISTRO, BLOCKLIST_DIR -> false;
    };
  }

  /** A p11-kit blocklist dir distrusts a certificate in every system PEM store, not in NSS or JDKs. */
  private static Trust effectiveTrust(StoreRef ref, StoreEntry e, Set<String> systemDistrust) {
    boolean system = ref.type() == StoreType.PEM && !ref.explicit() && ref.role() != Role.BLOCKLIST_DIR;
    if (system && (systemDistrust.contains(e.cert().spkiSha256()) || systemDistrust.contains(e.cert().sha256()))) {
      return Trust.DISTRUSTED;
    }
    return e.trust();
  }

  private static Finding finding(Level level, StoreRef ref, StoreEntry e, Trust trust, BlocklistEntry b) {
    return finding(level, ref, e, trust, b, null);
  }

  private static Finding finding(Level level, StoreRef ref, StoreEntry e, Trust trust, BlocklistEntry b, Finding.Inspection by) {
    CertInfo c = e.cert();
    String installedAt = e.attributes().getOrDefault("created", e.attributes().get("mtime"));
    return new Finding(level.wire(), ref.id(), ref.label(), e.location(), c.sha256(), c.sha1(), c.spkiSha256(),
        c.subject(), c.issuer(), IsoInstant.format(c.notAfter()), trust.name().toLowerCase(Locale.ROOT), installedAt,
        EntryView.of(b), e.attributes(), ref.place(), by);
  }

  private static StoreReport report(StoreRef ref, int count, ErrorInfo error, List<String> warnings) {
    return new StoreReport(ref.id(), ref.type().wire(), role(ref), ref.label(), ref.path().toString(), count, error, warnings);
  }

  private static String role(StoreRef ref) {
    return ref.role().name().toLowerCase(Locale.ROOT);
  }
}
