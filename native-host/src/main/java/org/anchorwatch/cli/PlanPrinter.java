package org.anchorwatch.cli;

import java.io.PrintWriter;
import org.anchorwatch.cleanup.ApplyResult;
import org.anchorwatch.cleanup.Plan;
import org.anchorwatch.cleanup.StepStatus;
import org.anchorwatch.cleanup.Step;
import org.anchorwatch.cleanup.VerifyResult;
import org.anchorwatch.scan.Installed;

/** Human renderings of plans and apply results: explain → where → what is backed up → what happens. */
final class PlanPrinter {
  private PlanPrinter() {}

  static void plan(PrintWriter out, Plan p) {
    Plan.Target t = p.target();
    out.printf("Certificate: %s%n", t.subject());
    if (t.entry() != null) {
      out.printf("  %s (%s, %s, severity %s)%n", t.entry().name(), t.entry().id(), t.entry().tier(), t.entry().severity());
      if (t.entry().notes() != null) out.printf("  why: %s%n", t.entry().notes());
    }
    out.printf("  issuer: %s%n  sha256: %s%n  spki:   %s%n", t.issuer(), t.sha256(), t.spkiSha256());
    out.printf("%nPlan %s (%s), %d location(s):%n", p.planId(), p.mode(), p.steps().size());
    for (Step s : p.steps()) {
      out.printf("  [%d] %-16s %s%n      store: %s%s%n", s.index(), s.action(), s.location(), s.storeLabel(),
          s.elevation() ? "  (needs administrator rights)" : "");
      if (s.backup() != null) out.printf("      backup: %s%n", s.backup());
      if (s.installedAt() != null) out.printf("      installed: %s%n", s.installedAt());
      for (org.anchorwatch.cleanup.Caveat c : s.caveats()) out.printf("      note: %s%n", c.text());
      if (s.action().equals("instructions") || s.elevation()) for (String c : s.commands()) out.printf("      $ %s%n", c);
    }
    if (p.rebuild() != null) out.printf("%nAfterwards the system bundles are rebuilt with: %s%n", p.rebuild());
    for (org.anchorwatch.cleanup.Caveat c : p.caveats()) out.printf("Note: %s%n", c.text());
  }

  static void result(PrintWriter out, ApplyResult r) {
    out.printf("%nOperation %s%n", r.operationId());
    for (StepStatus s : r.steps()) {
      out.printf("  [%d] %-18s %s%s%n", s.step(), s.status(), s.location(), note(s.message()));
    }
    for (ApplyResult.RebuildRun run : r.rebuilds()) out.printf("  rebuild: %s%n", rebuild(run));
    for (String c : r.elevationCommands()) out.printf("  run as administrator: %s%n", c);
    out.printf("Backup: %s  (undo: anchorwatch restore %s)%n", r.backupDir(), r.backupId());
    verify(out, r.verify());
    out.println();
    out.println("Aftercare: traffic may have been readable while this root was trusted"
        + (r.aftercareSince() == null ? " (install time unknown)" : " (installed " + r.aftercareSince() + ")") + ".");
    out.println("  Change the passwords of accounts you used since then, and on networks that intercept TLS use a VPN or Tor Browser.");
  }

  /** What follows a step's line: its message, or nothing (a rebuild-covered step without commands has an empty one). */
  static String note(String message) {
    return message == null || message.isBlank() ? "" : "  — " + message;
  }

  /** A rebuild and its exit code; one that never ran (exit -1) says why instead of "exit -1". */
  static String rebuild(ApplyResult.RebuildRun run) {
    if (run.exitCode() < 0 && run.output() != null && !run.output().isBlank()) return run.command() + " → " + run.output();
    return run.command() + " → exit " + run.exitCode();
  }

  static void verify(PrintWriter out, VerifyResult v) {
    if (v.clean()) {
      out.println("Verified: no store on this machine trusts it any more.");
      return;
    }
    out.printf("Still trusted in %d location(s):%n", v.remaining().size());
    for (Installed i : v.remaining()) out.printf("  - %s  [%s]%n", i.location(), i.storeLabel());
  }
}
