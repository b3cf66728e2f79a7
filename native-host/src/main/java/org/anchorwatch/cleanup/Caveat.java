package org.anchorwatch.cleanup;

import java.util.List;

/**
 * A note on a plan or step. {@code code} is stable (append-only, the extension translates by it);
 * {@code text} is the English wording for the CLI and for callers that do not know the code;
 * {@code args} fill the translation's placeholders.
 */
public record Caveat(String code, String text, List<String> args) {
  public static final String CLOSE_MOZILLA_APP = "close-mozilla-app";
  public static final String RESTART_CHROMIUM = "restart-chromium";
  public static final String DISTRO_MANAGED = "distro-managed";
  public static final String DISTRO_DESELECTED = "distro-deselected";
  public static final String GENERATED_FILE = "generated-file";
  public static final String NO_REBUILD = "no-rebuild";
  public static final String POLICY_MANAGED = "policy-managed";
  /** Windows or macOS shows its own confirmation or password prompt for this step. */
  public static final String OS_CONFIRMS = "os-confirms";
  /** Pushed by Group Policy / part of macOS: removal is not possible or does not last. */
  public static final String OS_MANAGED = "os-managed";
  /** Installed by a macOS configuration profile (args: its name): only the person can remove the profile. */
  public static final String OS_PROFILE = "os-profile";

  static Caveat of(String code, String text, String... args) {
    return new Caveat(code, text, List.of(args));
  }
}
