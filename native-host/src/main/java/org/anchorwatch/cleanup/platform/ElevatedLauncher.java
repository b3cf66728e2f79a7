package org.anchorwatch.cleanup.platform;

import org.anchorwatch.errors.AnchorwatchException;

/**
 * Starts the elevated half and waits for it: Windows through ShellExecuteEx "runas" (the UAC
 * prompt), macOS through an administrator-authorised invocation. Declining the prompt is
 * USER_CANCELLED, not a failure of the tool.
 */
public interface ElevatedLauncher {
  /** The elevated run's exit code. */
  int run(ElevatedRequest request) throws AnchorwatchException;
}
