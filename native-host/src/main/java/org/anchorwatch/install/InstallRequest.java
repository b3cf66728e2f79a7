package org.anchorwatch.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What `install` / `uninstall` were asked to do.
 *
 * @param os the OS whose locations apply (null: one no table covers)
 * @param home the user's home (--home), null = $HOME
 * @param browsers browsers named with --browser: written even where their folder does not exist yet
 * @param userDataDirs Chromium --user-data-dir folders: the manifest goes to DIR/NativeMessagingHosts
 * @param hostPath the launcher the manifests name (--host-path), null = found next to the jar
 * @param force replace a manifest of ours that someone else changed
 * @param root where system paths are (system scope; "/" except in tests)
 */
public record InstallRequest(Os os, Scope scope, Path home, Map<String, String> env, List<String> browsers,
    List<Path> userDataDirs, Path hostPath, boolean force, Path root) {

  public InstallRequest(Os os, Scope scope, Path home, Map<String, String> env, List<String> browsers,
      List<Path> userDataDirs, Path hostPath, boolean force) {
    this(os, scope, home, env, browsers, userDataDirs, hostPath, force, Path.of("/"));
  }

  public InstallRequest {
    browsers = List.copyOf(browsers);
    userDataDirs = List.copyOf(userDataDirs);
    env = Map.copyOf(env);
  }
}
