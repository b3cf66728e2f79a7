package org.anchorwatch.stores.nss;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * Which libnss3 (and libnspr4) to load. Linux: the system's, by name. Windows and macOS have no
 * system NSS, so the installed Firefox's (or Thunderbird's) own copy is used: Windows from the
 * install folder the Mozilla installer records under HKLM/HKCU\SOFTWARE\Mozilla\Mozilla Firefox
 * (CurrentVersion, then {@code <version>\Main\Install Directory}), macOS from the .app bundle,
 * then Homebrew's nss. Mozilla builds fold NSPR into nss3, so there both names are one file.
 * A process running as the administrator loads only a library an administrator alone could have
 * put there (checked by the caller through privilege.AdminGate), never one from a user's folder.
 */
public final class MozillaNss {
  /** Reading the registry (HKLM first, then HKCU); only used on Windows. */
  public interface Registry {
    Optional<String> value(boolean machine, String key, String name);

    List<String> subKeys(boolean machine, String key);
  }

  /** @param nspr the file holding the PR_* functions (the same as nss for Mozilla's folded builds) */
  public record Library(Path nss, Path nspr) {}

  static final List<String> WINDOWS_KEYS = List.of("SOFTWARE\\Mozilla\\Mozilla Firefox", "SOFTWARE\\Mozilla\\Mozilla Thunderbird",
      "SOFTWARE\\WOW6432Node\\Mozilla\\Mozilla Firefox");
  static final List<String> WINDOWS_DEFAULTS = List.of("C:\\Program Files\\Mozilla Firefox", "C:\\Program Files\\Mozilla Thunderbird");
  static final List<Library> MACOS = List.of(
      new Library(Path.of("/Applications/Firefox.app/Contents/MacOS/libnss3.dylib"), Path.of("/Applications/Firefox.app/Contents/MacOS/libnss3.dylib")),
      new Library(Path.of("/Applications/Thunderbird.app/Contents/MacOS/libnss3.dylib"),
          Path.of("/Applications/Thunderbird.app/Contents/MacOS/libnss3.dylib")),
      new Library(Path.of("/opt/homebrew/opt/nss/lib/libnss3.dylib"), Path.of("/opt/homebrew/opt/nspr/lib/libnspr4.dylib")),
      new Library(Path.of("/usr/local/opt/nss/lib/libnss3.dylib"), Path.of("/usr/local/opt/nspr/lib/libnspr4.dylib")));

  private MozillaNss() {}

  /** Every place worth trying on this OS, best first; empty on Linux (load by name). */
  public static List<Library> candidates(String osName, Registry registry) {
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac")) return MACOS;
    if (!os.startsWith("windows")) return List.of();
    List<String> dirs = new ArrayList<>();
    for (boolean machine : new boolean[] {true, false}) {
      for (String key : WINDOWS_KEYS) {
        List<String> versions = new ArrayList<>();
        registry.value(machine, key, "CurrentVersion").ifPresent(versions::add);
        for (String sub : registry.subKeys(machine, key)) if (!versions.contains(sub)) versions.add(sub);
        for (String v : versions) {
          registry.value(machine, key + "\\" + v + "\\Main", "Install Directory").filter(d -> !dirs.contains(d)).ifPresent(dirs::add);
        }
      }
    }
    for (String d : WINDOWS_DEFAULTS) if (!dirs.contains(d)) dirs.add(d);
    List<Library> out = new ArrayList<>();
    for (String d : dirs) {
      Path dll = Path.of(d).resolve("nss3.dll");
      out.add(new Library(dll, dll));
    }
    return out;
  }

  /**
   * The candidates whose files exist and pass {@code allowed}, in order (the caller loads the first
   * that loads: Firefox's own dylib may not, see docs/WINDOWS-MACOS.md); NSS_UNAVAILABLE naming
   * every place tried when there is none.
   */
  public static List<Library> usable(List<Library> candidates, Predicate<Path> allowed) throws AnchorwatchException {
    List<Library> out = new ArrayList<>();
    List<String> looked = new ArrayList<>();
    for (Library l : candidates) {
      if (Files.isRegularFile(l.nss()) && Files.isRegularFile(l.nspr()) && allowed.test(l.nss()) && allowed.test(l.nspr())) out.add(l);
      else looked.add(l.nss().toString());
    }
    if (out.isEmpty()) {
      throw new AnchorwatchException(ErrorCode.NSS_UNAVAILABLE, "no Firefox or Thunderbird whose NSS library could be used was found, so "
          + "their profiles cannot be read (looked at " + String.join(", ", looked) + ")");
    }
    return List.copyOf(out);
  }

}
