package org.anchorwatch.cleanup;

import java.util.function.Consumer;

/**
 * How the user's half starts the administrator half, one per OS (see {@link OsElevation#forMachine}):
 * Linux pkexec (or the exact sudo command) in {@link Elevation}; Windows ShellExecuteEx "runas"
 * and macOS's administrator prompt in {@link OsElevation}. Every one hands over only the key,
 * the mode and the operation id.
 */
public interface AdminHandOff {
  Elevation.Outcome handOff(Elevation.Request request, Consumer<ProgressEvent> progress);
}
