package org.anchorwatch.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.anchorwatch.config.ExtensionIds;
import org.anchorwatch.install.InstallDoctor.Finding;
import org.anchorwatch.install.InstallDoctor.Report;
import org.anchorwatch.install.Locations.Browser;

/**
 * The installation half of `anchorwatch doctor` on Windows. Browsers find the host through
 * registry keys (manifests/locations.json, HKCU and HKLM) whose default value is the full path of
 * a manifest file. For every key that holds a value: a full path (REGISTRY_PATH_NOT_ABSOLUTE), a
 * file that exists (REGISTRY_MANIFEST_MISSING), the same manifest checks as on Linux (valid,
 * our ids), a program that exists and answers hello. A manifest's own {@code path} may be
 * relative to the manifest's folder on Windows (Chrome and MDN docs), so that is not a finding
 * here. A browser whose own key (HKCU or HKLM\Software\Vendor\Browser) exists while none of the
 * keys it reads names a manifest: MANIFEST_MISSING.
 *
 * <p>Paths are Windows strings; {@code files} turns one into a Path to read ({@code Path::of} on
 * Windows, a temporary folder in tests, which run on Linux).
 */
public final class WindowsInstallDoctor {
  /** "C:\..." or "\\server\share\...": what a browser accepts as a manifest's full path. */
  private static final Pattern ABSOLUTE = Pattern.compile("([A-Za-z]:\\\\|\\\\\\\\[^\\\\]+\\\\).*");
  private static final String KEY_TAIL = "\\NativeMessagingHosts\\";

  private final Locations locations;
  private final Registry registry;
  private final InstallDoctor manifests;
  private final Function<String, Path> files;

  public WindowsInstallDoctor(Locations locations, ExtensionIds ids, long helloTimeoutMillis, Registry registry, Function<String, Path> files) {
    this.locations = locations;
    this.registry = registry;
    this.manifests = new InstallDoctor(locations, ids, helloTimeoutMillis);
    this.files = files;
  }

  /** This Windows machine's registry and files. */
  public static WindowsInstallDoctor system(Locations locations, ExtensionIds ids, long helloTimeoutMillis) {
    return new WindowsInstallDoctor(locations, ids, helloTimeoutMillis, new Advapi32Registry(), Path::of);
  }

  public Report run() {
    List<String> checked = new ArrayList<>();
    List<Finding> out = new ArrayList<>();
    // a key shared by several browsers (Google\Chrome is read by Chromium, Brave, Vivaldi) is checked once
    Map<String, Browser> keys = new LinkedHashMap<>();
    for (Browser b : locations.browsers()) {
      boolean registered = false;
      for (Scope s : Scope.values()) {
        for (String key : b.locations(Os.WINDOWS, s)) {
          Optional<String> value = registry.defaultValue(key);
          if (value.isEmpty()) continue;
          registered = true;
          if (keys.putIfAbsent(key, b) == null) {
            checked.add(key);
            check(b, key, value.get(), out);
          }
        }
      }
      if (!registered && installed(b)) {
        out.add(InstallDoctor.finding(InstallProblem.MANIFEST_MISSING, b, null,
            b.label() + " is installed (its registry key exists) but none of its NativeMessagingHosts keys names a manifest"));
      }
    }
    return new Report(List.copyOf(checked), List.copyOf(out));
  }

  private void check(Browser b, String key, String value, List<Finding> out) {
    String where = key + " -> " + value;
    if (!ABSOLUTE.matcher(value).matches()) {
      out.add(InstallDoctor.finding(InstallProblem.REGISTRY_PATH_NOT_ABSOLUTE, b, key, "default value \"" + value + "\""));
      return;
    }
    Path manifest = files.apply(value);
    if (!Files.isRegularFile(manifest)) {
      out.add(InstallDoctor.finding(InstallProblem.REGISTRY_MANIFEST_MISSING, b, key, value + " does not exist"));
      return;
    }
    JsonNode m = manifests.readManifest(b, manifest, where, out);
    if (m == null) return;
    String program = m.path("path").asText();
    String full = ABSOLUTE.matcher(program).matches() ? program : value.substring(0, value.lastIndexOf('\\') + 1) + program;
    Path real = files.apply(full);
    if (program.isEmpty() || !Files.isRegularFile(real)) {
      out.add(InstallDoctor.finding(InstallProblem.PATH_NOT_EXECUTABLE, b, where, "path " + program + " (" + full + ")"));
      return;
    }
    manifests.checkHello(b, real, manifest, full, where, out);
  }

  /** The browser's own key (HKCU or HKLM), the parent of the NativeMessagingHosts key of its first location in each scope. */
  private boolean installed(Browser b) {
    for (Scope s : Scope.values()) {
      List<String> where = b.locations(Os.WINDOWS, s);
      if (where.isEmpty()) continue;
      String own = where.get(0);
      int i = own.indexOf(KEY_TAIL);
      if (i > 0 && registry.keyExists(own.substring(0, i))) return true;
    }
    return false;
  }
}
