package org.anchorwatch.cleanup.platform;

import java.util.List;
import java.util.regex.Pattern;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Everything the elevated half of a Windows or macOS cleanup is told: the key (certificate or
 * SPKI SHA-256, lowercase hex), the mode and the operation id. It finds the locations itself
 * ({@link org.anchorwatch.stores.OsStoreChanges#find}) and trusts nothing else from the caller.
 * Each value is checked against a closed pattern, so the command line built from it needs no
 * quoting on any shell or on CommandLineToArgvW.
 */
public record ElevatedRequest(String key, String mode, String operation) {
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern OPERATION = Pattern.compile("[0-9a-f]{16,64}");

  public ElevatedRequest {
    if (key == null || !KEY.matcher(key).matches()) throw new IllegalArgumentException("key must be 64 lowercase hex digits");
    if (!"delete".equals(mode) && !"distrust".equals(mode)) throw new IllegalArgumentException("mode must be delete or distrust");
    if (operation == null || !OPERATION.matcher(operation).matches()) throw new IllegalArgumentException("operation id must be lowercase hex");
  }

  public static ElevatedRequest of(String key, String mode, String operation) throws AnchorwatchException {
    try {
      return new ElevatedRequest(key, mode, operation);
    } catch (IllegalArgumentException e) {
      throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, e.getMessage());
    }
  }

  /**
   * The arguments after the launcher. The one place that spells the elevated command (issue 7
   * owns its parser): only key, mode and operation id.
   */
  public List<String> arguments() {
    return List.of("elevated-apply", "--key", key, "--mode", mode, "--op", operation);
  }
}
