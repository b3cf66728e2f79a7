package org.anchorwatch.cleanup;

import java.util.ArrayList;
import java.util.List;
import org.anchorwatch.scan.Installed;
import org.anchorwatch.scan.ScanResult;

/** "Is it gone?": every location that still trusts the target's key or certificate after a rescan. */
public final class Verifier {
  private Verifier() {}

  public static VerifyResult check(Plan.Target target, ScanResult scan) {
    List<Installed> remaining = new ArrayList<>();
    List<Installed> hits = new ArrayList<>(scan.index().bySha256(target.sha256()));
    for (Installed i : scan.index().bySpki(target.spkiSha256())) if (!hits.contains(i)) hits.add(i);
    for (Installed i : hits) {
      if (i.trust().equals("distrusted") || i.role().equals("blocklist_dir")) continue;
      if (i.role().equals("distro") && i.trust().equals("stored")) continue; // shipped file, not selected
      remaining.add(i);
    }
    return new VerifyResult(target.sha256(), target.spkiSha256(), remaining.isEmpty(), List.copyOf(remaining), scan.summary().scannedAt());
  }
}
