package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anchorwatch.scan.EntryView;
import org.anchorwatch.scan.Finding;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.StoreReport;
import org.anchorwatch.scan.Summary;

/** Human output: one line per store, then findings grouped by certificate with every location. */
final class ScanReportPrinter {
  private final PrintWriter out;

  ScanReportPrinter(PrintWriter out) {
    this.out = out;
  }

  void print(ScanResult r) {
    out.printf("Trust stores (%d):%n", r.stores().size());
    for (StoreReport s : r.stores()) {
      String state = s.error() == null
          ? s.certificates() + " certificate" + (s.certificates() == 1 ? "" : "s")
          : "ERROR " + s.error().code() + ": " + s.error().message();
      out.printf("  %-8s %-60s %s  [%s]%n", s.type(), s.location(), state, s.label());
      for (String w : s.warnings()) out.printf("           warning: %s%n", w);
    }
    Map<String, List<Finding>> byCert = new LinkedHashMap<>();
    for (Finding f : r.findings()) byCert.computeIfAbsent(f.level() + f.sha256(), k -> new java.util.ArrayList<>()).add(f);
    out.println();
    if (byCert.isEmpty()) {
      out.println("No blocklisted or locally added roots found.");
    } else {
      out.printf("Findings (%d certificates, %d locations):%n", byCert.size(), r.findings().size());
      byCert.values().stream()
          .sorted(java.util.Comparator.comparingInt(g -> rank(g.get(0).level())))
          .forEach(this::printGroup);
    }
    Summary s = r.summary();
    out.println();
    long info = r.findings().stream().filter(f -> f.level().equals("info")).count();
    out.printf("Summary: %d stores (%d unreadable), %d certificates, %d blocked, %d notice%s. Blocklist %s.%n",
        s.stores(), s.storesWithErrors(), s.certificates(), s.blocked(), s.notice(), info == 0 ? "" : ", " + info + " info",
        s.blocklistVersion());
    if (!s.interception().isEmpty()) out.printf("INTERCEPTION ROOTS PRESENT: %s%n", String.join(", ", s.interception()));
    for (String e : s.policyErrors()) out.printf("Policy problem (ignored file): %s%n", e);
  }

  private void printGroup(List<Finding> group) {
    Finding f = group.get(0);
    EntryView e = f.entry();
    if (e != null) {
      out.printf("%n  %-8s %s  (%s; %s, severity %s)%n", f.level().toUpperCase(java.util.Locale.ROOT), e.name(), e.id(),
          describe(e.tier(), e.category()), e.severity());
      if (e.notes() != null) out.printf("    why: %s%n", e.notes());
    } else {
      out.printf("%n  NOTICE   %s%n", f.subject());
      if (f.inspection() != null) {
        out.printf("    TLS inspection by %s (%s)%n", f.inspection().product(), f.inspection().kind());
        out.printf("    why: %s generates this root on each install to read encrypted traffic; remove it if you did not choose that.%n",
            f.inspection().product());
      } else {
        out.println("    why: a root added to a trust store that is not on the blocklist; if you did not add it, find out who did.");
      }
    }
    out.printf("    subject: %s%n    issuer:  %s%n    expires: %s%n    sha256:  %s%n    spki:    %s%n",
        f.subject(), f.issuer(), f.notAfter(), f.sha256(), f.spkiSha256());
    out.println("    installed in:");
    for (Finding g : group) {
      out.printf("      - %s  [%s]%n", g.location(), g.storeLabel());
      String target = g.attributes().get("target");
      if (target != null) out.printf("          (a link to %s)%n", target);
      String also = g.attributes().get("alsoAt");
      if (also != null) for (String a : also.split("\n")) out.printf("          also reached through %s%n", a);
    }
  }

  private static int rank(String level) {
    return switch (level) {
      case "blocked" -> 0;
      case "notice" -> 1;
      default -> 2;
    };
  }

  private static String describe(String tier, String category) {
    return switch (tier) {
      case "interception" -> "interception root: whoever holds its key can read this machine's TLS traffic";
      case "distrusted" -> "distrusted or compromised CA (" + category + ")";
      case "leaf" -> "a leaked or misissued server certificate, never a legitimate trust anchor (" + category + ")";
      case "sunset" -> "a CA browsers phase out by issuance date: newer certificates from it are refused, older ones still work";
      default -> "test entry";
    };
  }
}
