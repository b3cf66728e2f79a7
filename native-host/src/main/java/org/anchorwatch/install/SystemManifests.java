package org.anchorwatch.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system-scope Linux manifests a package ships, from manifests/locations.json: each
 * browser's first system folder (where its vendor's own packages look; Brave and Vivaldi share
 * Chrome's), rendered for the packaged launcher. Run at build time by installer/deb/build-deb.sh:
 * {@code java -cp anchorwatch.jar org.anchorwatch.install.SystemManifests STAGING HOST_PATH}
 * writes STAGING/etc/opt/chrome/native-messaging-hosts/org.anchorwatch.host.json and so on, and
 * prints the files written (one absolute install path a line) for the package's conffiles.
 */
public final class SystemManifests {
  private final Locations locations;

  public SystemManifests(Locations locations) {
    this.locations = locations;
  }

  /** Manifest file (absolute path on the target system) to its content. */
  public Map<Path, byte[]> render(Path hostPath) throws InstallException {
    ManifestTemplates templates = new ManifestTemplates(locations);
    Map<Path, byte[]> out = new LinkedHashMap<>();
    for (Locations.SystemFolder f : systemFolders()) {
      out.put(Path.of(f.folder()).resolve(locations.manifestFileName()), templates.render(f.family(), hostPath));
    }
    return out;
  }

  private List<Locations.SystemFolder> systemFolders() throws InstallException {
    try {
      return locations.systemFolders(Os.LINUX);
    } catch (IllegalStateException e) {
      throw new InstallException(InstallException.Kind.FAILED, e.getMessage());
    }
  }

  public static void main(String[] args) throws IOException, InstallException {
    if (args.length != 2) {
      System.err.println("usage: SystemManifests STAGING_DIR HOST_PATH");
      System.exit(2);
    }
    Path staging = Path.of(args[0]);
    for (Map.Entry<Path, byte[]> e : new SystemManifests(Locations.bundled()).render(Path.of(args[1])).entrySet()) {
      Path target = staging.resolve(e.getKey().toString().substring(1));
      Files.createDirectories(target.getParent());
      Files.write(target, e.getValue());
      System.out.println(e.getKey()); // stdout-ok: build-time tool run by build-deb.sh, never the host
    }
  }
}
