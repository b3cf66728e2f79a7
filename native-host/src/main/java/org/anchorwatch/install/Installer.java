package org.anchorwatch.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.anchorwatch.install.InstallException.Kind;
import org.anchorwatch.install.InstallReport.Change;
import org.anchorwatch.install.Locations.Browser;

/**
 * Writes and removes native-messaging host manifests on Linux and macOS, for one user or (as
 * root) system-wide (Windows: WindowsRegistration). Which folders: every
 * browser whose folder exists (the Bitwarden rule), plus the browsers named with --browser
 * (created), plus DIR/NativeMessagingHosts for each Chromium --user-data-dir. Ownership: a file
 * is ours while its bytes hash to what the install record says we wrote; anything else is left
 * alone and reported, never overwritten or deleted (unless --force on install).
 */
public final class Installer {
  private final Locations locations;
  private final ManifestTemplates templates;

  public Installer(Locations locations) {
    this.locations = locations;
    this.templates = new ManifestTemplates(locations);
  }

  /** A manifest folder to write and the browser it serves. */
  record Target(String browser, Family family, Path dir) {}

  public InstallReport install(InstallRequest req) throws InstallException {
    checkSupported(req);
    for (String b : req.browsers()) {
      if (locations.browser(b).isEmpty()) {
        throw new InstallException(Kind.USAGE, "unknown browser '" + b + "'; known: " + String.join(", ", locations.ids()));
      }
    }
    UserDirs dirs = UserDirs.of(req.home(), req.env());
    List<Target> targets = req.scope() == Scope.SYSTEM ? systemTargets(req) : targets(req, dirs);
    if (targets.isEmpty()) {
      throw new InstallException(Kind.FAILED, "no browser folder found under " + dirs.home()
          + "; name one with --browser (" + String.join(", ", locations.ids()) + ") or use --user-data-dir");
    }
    Path hostPath = hostPath(req);
    if (req.scope() == Scope.SYSTEM) requireRootOnly(hostPath, req.root());
    Path recordFile = recordFile(req, dirs);
    InstallRecord record = InstallRecord.load(recordFile);
    List<Change> changes = new ArrayList<>();
    List<InstallRecord.Entry> written = new ArrayList<>();
    String now = Instant.now().toString();
    for (Target t : targets) {
      Path file = t.dir().resolve(locations.manifestFileName());
      byte[] content = templates.render(t.family(), hostPath);
      String hash = ManifestFiles.sha256(content);
      try {
        String existing = ManifestFiles.hashOf(file);
        InstallRecord.Entry mine = record.find(file);
        String action;
        if (hash.equals(existing)) {
          action = "unchanged";
        } else if (existing == null && Files.exists(file)) {
          throw new IOException(file + " exists and is not a regular file");
        } else if (existing == null || (mine != null && existing.equals(mine.sha256())) || req.force()) {
          action = existing == null ? "written" : mine != null && existing.equals(mine.sha256()) ? "updated" : "replaced";
          ManifestFiles.writeAtomically(file, content);
        } else {
          changes.add(new Change(t.browser(), file.toString(), "conflict",
              "exists with content anchorwatch did not write; not replaced (use --force to replace it)"));
          continue;
        }
        changes.add(new Change(t.browser(), file.toString(), action, null));
        written.add(new InstallRecord.Entry(t.browser(), file.toString(), hash, hostPath.toString(),
            action.equals("unchanged") && mine != null ? mine.installedAt() : now));
      } catch (IOException e) {
        saveQuietly(record.with(written), recordFile);
        throw new InstallException(Kind.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
      }
    }
    save(record.with(written), recordFile);
    boolean complete = changes.stream().noneMatch(c -> c.action().equals("conflict"));
    return new InstallReport("install", req.scope().key(), hostPath.toString(), recordFile.toString(), List.copyOf(changes), complete);
  }

  public InstallReport uninstall(InstallRequest req) throws InstallException {
    checkSupported(req);
    UserDirs dirs = UserDirs.of(req.home(), req.env());
    Path recordFile = recordFile(req, dirs);
    InstallRecord record = InstallRecord.load(recordFile);
    List<Change> changes = new ArrayList<>();
    List<String> forget = new ArrayList<>();
    for (InstallRecord.Entry e : record.entries()) {
      Path file = Path.of(e.path());
      try {
        String now = ManifestFiles.hashOf(file);
        if (now == null && !Files.exists(file)) {
          changes.add(new Change(e.browser(), e.path(), "missing", "already gone"));
          forget.add(e.path());
        } else if (e.sha256().equals(now)) {
          Files.delete(file);
          changes.add(new Change(e.browser(), e.path(), "removed", null));
          forget.add(e.path());
        } else {
          changes.add(new Change(e.browser(), e.path(), "kept", "changed since anchorwatch wrote it; left in place"));
        }
      } catch (IOException ex) {
        saveQuietly(record.without(forget), recordFile);
        throw new InstallException(Kind.FAILED, "cannot remove " + file + ": " + ex.getMessage(), ex);
      }
    }
    save(record.without(forget), recordFile);
    boolean complete = changes.stream().noneMatch(c -> c.action().equals("kept"));
    return new InstallReport("uninstall", req.scope().key(), null, recordFile.toString(), List.copyOf(changes), complete);
  }

  /** Other OSes are not faked: the message says what is missing and where it would go. */
  private void checkSupported(InstallRequest req) throws InstallException {
    if (req.os() == null) throw new InstallException(Kind.UNSUPPORTED, "not yet supported: this operating system (" + System.getProperty("os.name") + ")");
    if (req.os() == Os.WINDOWS) {
      throw new InstallException(Kind.UNSUPPORTED, "not supported here: --user on " + req.os().label()
          + " (it would write " + examples(req.os(), Scope.USER) + ")");
    }
  }

  private String examples(Os os, Scope scope) {
    return locations.browsers().stream().flatMap(b -> b.locations(os, scope).stream().limit(1)).distinct().limit(3)
        .collect(Collectors.joining(", ")) + ", …";
  }

  private List<Target> targets(InstallRequest req, UserDirs dirs) {
    Map<Path, Target> out = new LinkedHashMap<>();
    for (Browser b : locations.browsers()) {
      List<String> where = b.locations(req.os(), Scope.USER);
      for (int i = 0; i < where.size(); i++) {
        Path dir = dirs.expand(where.get(i));
        boolean named = i == 0 && req.browsers().contains(b.id());
        // the browser's own folder (the parent of its manifest folder) shows that it is installed
        if (named || Files.isDirectory(dir.getParent())) out.putIfAbsent(dir, new Target(b.id(), b.family(), dir));
      }
    }
    for (Path udd : req.userDataDirs()) {
      Path dir = udd.toAbsolutePath().normalize().resolve("NativeMessagingHosts");
      out.putIfAbsent(dir, new Target("user-data-dir", Family.CHROMIUM, dir));
    }
    return List.copyOf(out.values());
  }

  /**
   * System scope: the folders of Locations.systemFolders (the same ones the package ships), those
   * read by a named browser when --browser is given, under req.root(). Browsers read these for
   * every user, so they are written whether or not the browser is installed yet.
   */
  private List<Target> systemTargets(InstallRequest req) {
    List<Target> out = new ArrayList<>();
    for (Locations.SystemFolder f : locations.systemFolders(req.os())) {
      List<String> named = f.browsers().stream().filter(b -> req.browsers().isEmpty() || req.browsers().contains(b)).toList();
      if (!named.isEmpty()) out.add(new Target(named.get(0), f.family(), InstallDoctor.under(req.root(), f.folder())));
    }
    return List.copyOf(out);
  }

  /** The record of what was written: per user in XDG data, system-wide in the OS's state folder. */
  private static Path recordFile(InstallRequest req, UserDirs dirs) {
    if (req.scope() == Scope.USER) return dirs.xdgData().resolve(InstallRecord.FILE);
    String base = req.os() == Os.MACOS ? "Library/Application Support" : "var/lib"; // FILE adds anchorwatch/
    return req.root().resolve(base).resolve(InstallRecord.FILE);
  }

  /**
   * A manifest every user's browser follows must not name a program some user can replace: the
   * launcher and each folder above it (within root) must be root's and writable by root only.
   */
  private static void requireRootOnly(Path host, Path root) throws InstallException {
    String bad = InstallDoctor.notRootOnly(host, root);
    if (bad != null) {
      throw new InstallException(Kind.FAILED, "system-wide manifests would name " + host + ", but " + bad
          + "; install the package, or use --user");
    }
  }

  private static Path hostPath(InstallRequest req) throws InstallException {
    Path p = req.hostPath() != null ? req.hostPath().toAbsolutePath().normalize() : LauncherLocator.find(LauncherLocator.codeSource());
    if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
      throw new InstallException(Kind.FAILED, "host path " + p + " is not an executable file (it must be the launcher, installer/anchorwatch)");
    }
    return p;
  }

  private static void save(InstallRecord r, Path file) throws InstallException {
    try {
      r.save(file);
    } catch (IOException e) {
      throw new InstallException(Kind.FAILED, "manifests done, but the install record " + file + " cannot be written: " + e.getMessage(), e);
    }
  }

  private static void saveQuietly(InstallRecord r, Path file) {
    try {
      r.save(file);
    } catch (IOException ignored) {
      // the original failure is the one to report
    }
  }
}
