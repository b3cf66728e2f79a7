package org.anchorwatch.cleanup;

import java.util.List;

/**
 * What an apply did, where the backup lives, and what the verifying rescan found.
 *
 * @param backupId the user's backup of the locations this process changed; null when it changed none
 * @param elevation what became of the locations only the administrator half may change, or null
 */
public record ApplyResult(String operationId, String backupId, String backupDir, List<StepStatus> steps, List<RebuildRun> rebuilds,
    VerifyResult verify, List<String> elevationCommands, String aftercareSince, Elevated elevation) {

  public record RebuildRun(String distro, String command, int exitCode, String output) {}

  /**
   * @param status ran | needs-elevation | cancelled | failed | unavailable
   * @param command the exact administrator command to run, or null when none may be shown
   * @param problem a stable error code when it did not run (NEEDS_SYSTEM_INSTALL, ELEVATION_UNAVAILABLE, …)
   * @param administratorOperation the administrator half's own operation id (its backup), when it ran
   * @param undo the command that undoes the administrator half's changes
   */
  public record Elevated(String status, String command, String problem, String message, String administratorOperation, String undo) {}
}
