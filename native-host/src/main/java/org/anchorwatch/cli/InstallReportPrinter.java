package org.anchorwatch.cli;

import java.io.PrintWriter;
import org.anchorwatch.install.InstallReport;
import org.anchorwatch.config.Json;

/** Human or JSON output for install/uninstall, one line per manifest file. */
final class InstallReportPrinter {
  private InstallReportPrinter() {}

  static void print(PrintWriter out, InstallReport r, boolean json) {
    if (json) {
      out.println(Json.pretty(r));
      out.flush();
      return;
    }
    if (r.operation().equals("install")) {
      out.printf("Native-messaging host manifests for this user (launcher %s):%n", r.hostPath());
    } else {
      out.println(r.manifests().isEmpty() ? "Nothing to remove: no manifests recorded." : "Native-messaging host manifests removed for this user:");
    }
    for (InstallReport.Change c : r.manifests()) {
      out.printf("  %-10s %-14s %s%s%n", c.action(), c.browser(), c.path(), c.note() == null ? "" : "  (" + c.note() + ")");
    }
    out.printf("Record: %s%n", r.record());
    out.flush();
  }
}
