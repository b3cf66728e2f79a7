package org.anchorwatch.install;

import java.util.List;

/**
 * The outcome of an install or uninstall, for people and for --json.
 *
 * @param complete false when a file was left as someone else changed it (conflict / kept)
 */
public record InstallReport(String operation, String scope, String hostPath, String record, List<Change> manifests, boolean complete) {

  /**
   * One manifest file and what happened to it.
   *
   * @param action install: written | updated | unchanged | replaced | conflict;
   *     uninstall: removed | kept | missing
   */
  public record Change(String browser, String path, String action, String note) {}
}
