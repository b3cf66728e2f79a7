package org.anchorwatch.scan;

import java.util.Map;
import org.anchorwatch.stores.Place;

/**
 * One certificate worth the user's attention, at one location. A root installed in three
 * stores is three findings: cleanup acts per location. {@code place} says where in codes the
 * extension puts into words; {@code storeLabel} and {@code location} are the English and the path.
 */
public record Finding(
    String level,
    String store,
    String storeLabel,
    String location,
    String sha256,
    String sha1,
    String spkiSha256,
    String subject,
    String issuer,
    String notAfter,
    String trust,
    String installedAt,
    EntryView entry,
    Map<String, String> attributes,
    Place place,
    Inspection inspection) {

  /** The product whose per-install inspection root a notice is (catalog match by name), else null. */
  public record Inspection(String product, String kind, String source) {}
}
