package org.anchorwatch.cleanup;

import java.util.List;
import org.anchorwatch.scan.EntryView;

/**
 * Everything that removing one certificate (or every certificate with one key) from this machine
 * involves, shown to the user before anything happens.
 *
 * @param mode "delete" or "distrust"
 * @param rebuild the distro rebuild that must run after system changes (e.g. "update-ca-certificates"), or null
 */
public record Plan(String planId, String createdAt, Target target, String mode, List<Step> steps,
    boolean needsElevation, String rebuild, List<Caveat> caveats, String aftercareSince) {

  /** The certificate being removed, as the explain step shows it. */
  public record Target(String query, String sha256, String spkiSha256, String subject, String issuer, String notAfter, EntryView entry) {}

  public List<Step> actionable() {
    return steps.stream().filter(s -> s.actionEnum().changesStore()).toList();
  }
}
