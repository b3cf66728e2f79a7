package org.anchorwatch.cleanup;

import java.util.List;

/** What an apply did, where the backup lives, and what the verifying rescan found. */
public record ApplyResult(String operationId, String backupId, String backupDir, List<StepStatus> steps, List<RebuildRun> rebuilds,
    VerifyResult verify, List<String> elevationCommands, String aftercareSince) {

  public record RebuildRun(String distro, String command, int exitCode, String output) {}
}
