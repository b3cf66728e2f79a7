package org.anchorwatch.install;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anchorwatch.install.InstallDoctor.Finding;
import org.anchorwatch.install.Locations.Sandbox;

/**
 * Snap and Flatpak browsers (manifests/locations.json "sandboxed"): the installer writes nothing
 * for them, because whether the sandbox can see and start the host depends on the portal and the
 * package; doctor names each one found and passes on the table's advice verbatim.
 */
final class Sandboxes {
  private final Locations locations;

  Sandboxes(Locations locations) {
    this.locations = locations;
  }

  List<Finding> findings(UserDirs dirs, Path root) {
    List<Finding> out = new ArrayList<>();
    for (Sandbox s : locations.sandboxed()) {
      for (String d : s.detect()) {
        Path p = d.startsWith("~/") ? dirs.expand(d) : InstallDoctor.under(root, d);
        if (Files.isDirectory(p)) {
          out.add(new Finding(InstallProblem.SANDBOXED_BROWSER, s.id(), p.toString(), "found " + p, InstallProblem.SANDBOXED_BROWSER.fix(s.note())));
          break;
        }
      }
    }
    return out;
  }
}
