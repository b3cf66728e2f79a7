package org.anchorwatch.stores;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where Firefox, Thunderbird and LibreWolf keep their profiles on Windows and macOS (the profile
 * folders hold the same NSS sql: databases as on Linux, read by the same stores/nss code through
 * the installed application's own nss3, see nss/MozillaNss). Data only; {@link Discovery} walks it.
 */
public final class MozillaOsLayout {
  /** @param relative below %APPDATA% (Windows) or the home folder (macOS) */
  public record ProfileRoot(String relative, String app, String appCode) {}

  /** %APPDATA% = C:\Users\NAME\AppData\Roaming unless redirected. */
  public static final List<ProfileRoot> WINDOWS = List.of(
      new ProfileRoot("Mozilla/Firefox", "Firefox", "firefox"),
      new ProfileRoot("Thunderbird", "Thunderbird", "thunderbird"),
      new ProfileRoot("librewolf", "LibreWolf", "librewolf"));

  public static final List<ProfileRoot> MACOS = List.of(
      new ProfileRoot("Library/Application Support/Firefox", "Firefox", "firefox"),
      new ProfileRoot("Library/Application Support/Thunderbird", "Thunderbird", "thunderbird"),
      new ProfileRoot("Library/Application Support/librewolf", "LibreWolf", "librewolf"));

  private MozillaOsLayout() {}

  /**
   * The folders that hold profiles.ini for one home. On Windows the person's own %APPDATA% wins
   * when this home is theirs (folder redirection moves it); otherwise HOME\AppData\Roaming.
   */
  public static List<Path> roots(String osName, Path home, Map<String, String> env, boolean ownHome) {
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    List<Path> out = new ArrayList<>();
    if (os.startsWith("windows")) {
      String appData = ownHome ? env.get("APPDATA") : null;
      Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
      for (ProfileRoot r : WINDOWS) out.add(base.resolve(r.relative()));
    } else if (os.startsWith("mac")) {
      for (ProfileRoot r : MACOS) out.add(home.resolve(r.relative()));
    }
    return out;
  }

  /** The table row a root came from (same order as {@link #roots}). */
  public static List<ProfileRoot> rows(String osName) {
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    return os.startsWith("windows") ? WINDOWS : os.startsWith("mac") ? MACOS : List.of();
  }
}
