package org.anchorwatch.cli;

import java.io.PrintWriter;
import org.anchorwatch.install.InstallDoctor;

/** The installation part of `anchorwatch doctor` as text: one block per finding, code first. */
final class InstallDoctorPrinter {
  private InstallDoctorPrinter() {}

  static void print(PrintWriter out, InstallDoctor.Report r) {
    out.printf("%nInstallation: %d manifest(s) checked, %d finding(s).%n", r.checked().size(), r.findings().size());
    for (InstallDoctor.Finding f : r.findings()) {
      out.printf("  %s%s: %s%n", f.code(), f.browser() == null ? "" : " (" + f.browser() + ")", f.code().meaning());
      if (f.location() != null) out.printf("    where: %s%n", f.location());
      out.printf("    seen:  %s%n    fix:   %s%n", f.detail(), f.fix());
    }
  }
}
