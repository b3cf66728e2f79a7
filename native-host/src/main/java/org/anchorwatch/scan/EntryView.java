package org.anchorwatch.scan;

import java.util.List;
import org.anchorwatch.blocklist.BlocklistEntry;

/** The wire view of a blocklist entry inside findings and verdicts. */
public record EntryView(String id, String name, String category, String tier, String severity,
    String subject, String issuer, String notAfter, List<String> references, String notes, String source) {

  public static EntryView of(BlocklistEntry e) {
    if (e == null) return null;
    return new EntryView(e.id(), e.name(), e.category(), e.tier().wire(), e.severity(), e.subject(), e.issuer(),
        e.notAfter(), e.references(), e.notes(), e.source().name().toLowerCase(java.util.Locale.ROOT));
  }
}
