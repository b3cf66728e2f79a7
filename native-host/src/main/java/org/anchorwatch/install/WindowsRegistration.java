package org.anchorwatch.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anchorwatch.install.InstallException.Kind;
import org.anchorwatch.install.InstallReport.Change;
import org.anchorwatch.install.Locations.Browser;

/**
 * Windows registration: one manifest file per family in a folder of ours (per user: under
 * %LOCALAPPDATA%; system: beside the installed program), and for every browser key of the scope
 * in manifests/locations.json (HKCU or HKLM) a default value naming that file. A key is ours
 * while its value names one of our files: install never overwrites another program's value
 * without --force, uninstall deletes only our keys. Chromium-family browsers share keys
 * (Google\Chrome), written once.
 */
public final class WindowsRegistration {
  private final Locations locations;
  private final ManifestTemplates templates;
  private final Registry registry;

  public WindowsRegistration(Locations locations, Registry registry) {
    this.locations = locations;
    this.templates = new ManifestTemplates(locations);
    this.registry = registry;
  }

  /** The registry of this Windows machine. */
  public static WindowsRegistration system(Locations locations) {
    return new WindowsRegistration(locations, new Advapi32Registry());
  }

  /**
   * Where the manifests go: per user %LOCALAPPDATA%\\Anchorwatch\\manifests, system-wide a
   * "manifests" folder beside the installed program (writable by administrators only).
   */
  public static Path manifestDir(Scope scope, Map<String, String> env, Path hostExe) throws InstallException {
    if (scope == Scope.SYSTEM) return hostExe.toAbsolutePath().getParent().resolve("manifests");
    String local = env.get("LOCALAPPDATA");
    if (local == null) throw new InstallException(Kind.FAILED, "LOCALAPPDATA is not set; cannot place per-user manifests");
    return Path.of(local, "Anchorwatch", "manifests");
  }

  /** The jpackage app-image launcher: {@code <image>\\Anchorwatch.exe} with the jar in {@code <image>\\app}. */
  public static Path defaultHostExe() throws InstallException {
    Path exe = LauncherLocator.codeSource().toAbsolutePath().getParent().resolveSibling("Anchorwatch.exe");
    if (!Files.isRegularFile(exe)) throw new InstallException(Kind.FAILED, "no " + exe + "; pass --host-path");
    return exe;
  }

  /** Manifest file of a family inside {@code dir}. */
  Path manifestFile(Path dir, Family f) {
    return dir.resolve(locations.hostName() + "-" + f.key() + ".json");
  }

  public InstallReport install(Scope scope, Path manifestDir, Path hostExe, boolean force) throws InstallException {
    Map<Family, Path> files = new LinkedHashMap<>();
    try {
      Files.createDirectories(manifestDir);
      for (Family f : Family.values()) {
        Path file = manifestFile(manifestDir, f);
        ManifestFiles.writeAtomically(file, templates.render(f, hostExe));
        files.put(f, file);
      }
    } catch (IOException e) {
      throw new InstallException(Kind.FAILED, "cannot write the manifests in " + manifestDir + ": " + e.getMessage(), e);
    }
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, Browser> k : keys(scope).entrySet()) {
      String want = files.get(k.getValue().family()).toString();
      Optional<String> now = registry.defaultValue(k.getKey());
      String action;
      if (now.isPresent() && now.get().equals(want)) {
        action = "unchanged";
      } else if (now.isPresent() && !ours(now.get(), manifestDir) && !force) {
        changes.add(new Change(k.getValue().id(), k.getKey(), "conflict", "names " + now.get() + "; not replaced (use --force)"));
        continue;
      } else {
        action = now.isEmpty() ? "written" : ours(now.get(), manifestDir) ? "updated" : "replaced";
        registry.setDefaultValue(k.getKey(), want);
      }
      changes.add(new Change(k.getValue().id(), k.getKey(), action, null));
    }
    return report("install", scope, hostExe.toString(), manifestDir, changes);
  }

  public InstallReport uninstall(Scope scope, Path manifestDir) throws InstallException {
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, Browser> k : keys(scope).entrySet()) {
      Optional<String> now = registry.defaultValue(k.getKey());
      if (now.isEmpty()) continue;
      if (ours(now.get(), manifestDir)) {
        registry.deleteKey(k.getKey());
        changes.add(new Change(k.getValue().id(), k.getKey(), "removed", null));
      } else {
        changes.add(new Change(k.getValue().id(), k.getKey(), "kept", "names " + now.get() + ", not ours"));
      }
    }
    try {
      for (Family f : Family.values()) Files.deleteIfExists(manifestFile(manifestDir, f));
    } catch (IOException e) {
      throw new InstallException(Kind.FAILED, "keys removed, but a manifest in " + manifestDir + " cannot be deleted: " + e.getMessage(), e);
    }
    return report("uninstall", scope, null, manifestDir, changes);
  }

  /** Every key of the scope and what it holds now (empty when absent), for `status`. */
  public Map<String, Optional<String>> status(Scope scope) {
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    keys(scope).keySet().forEach(k -> out.put(k, registry.defaultValue(k)));
    return out;
  }

  /** Key to the first browser that names it (keys are shared within the Chromium family). */
  private Map<String, Browser> keys(Scope scope) {
    Map<String, Browser> out = new LinkedHashMap<>();
    for (Browser b : locations.browsers()) {
      for (String k : b.locations(Os.WINDOWS, scope)) out.putIfAbsent(k, b);
    }
    return out;
  }

  private boolean ours(String value, Path manifestDir) {
    for (Family f : Family.values()) {
      if (value.equals(manifestFile(manifestDir, f).toString())) return true;
    }
    return false;
  }

  private static InstallReport report(String op, Scope scope, String host, Path dir, List<Change> changes) {
    boolean complete = changes.stream().noneMatch(c -> c.action().equals("conflict") || c.action().equals("kept"));
    return new InstallReport(op, scope.key(), host, dir.toString(), List.copyOf(changes), complete);
  }
}
