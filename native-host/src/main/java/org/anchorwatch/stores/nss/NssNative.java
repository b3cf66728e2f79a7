package org.anchorwatch.stores.nss;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;

/**
 * The loaded libnss3 and libnspr4. Loaded lazily on first use so hosts without NSS can still
 * scan every other store; a success is cached for the process, a failure is retried next time
 * (cheap, and the user may install libnss3 while the host keeps running).
 */
record NssNative(NssLibrary nss, NsprLibrary nspr) {
  // Nicknames and paths are UTF-8 in NSS; JNA's default would follow the platform charset.
  private static final Map<String, Object> UTF8 = Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");

  private static volatile NssNative loaded;

  static NssNative get() throws AnchorwatchException {
    NssNative n = loaded;
    if (n == null) {
      synchronized (NssNative.class) {
        if (loaded == null) loaded = loadForThisMachine();
        n = loaded;
      }
    }
    return n;
  }

  /**
   * Linux: the system's libnss3/libnspr4 by name. Windows/macOS: the installed Firefox's (see
   * {@link MozillaNss}); as the administrator only one an administrator alone controls.
   */
  private static NssNative loadForThisMachine() throws AnchorwatchException {
    String os = System.getProperty("os.name", "");
    // the advapi32 binding is made on Windows only, so Linux never touches jna-platform's Windows classes
    MozillaNss.Registry registry = os.toLowerCase(java.util.Locale.ROOT).startsWith("windows") ? new JnaRegistry() : null;
    List<MozillaNss.Library> candidates = MozillaNss.candidates(os, registry);
    if (candidates.isEmpty()) {
      dlopenOnly();
      return load("nss3", "nspr4");
    }
    org.anchorwatch.privilege.AdminGate gate = org.anchorwatch.privilege.AdminGate.forThisMachine();
    AnchorwatchException last = null;
    for (MozillaNss.Library l : MozillaNss.usable(candidates, p -> !gate.isAdministrator() || isAdminOnly(gate, p))) {
      try {
        return load(l.nss().toString(), l.nspr().toString());
      } catch (AnchorwatchException e) {
        last = e; // e.g. Firefox's libnss3.dylib without its libmozglue: try the next one
      }
    }
    throw last;
  }

  /**
   * Linux: JNA's NativeLibrary, the first time it is used, runs {@code /sbin/ldconfig -p} to learn
   * the system's library folders unless {@code jna.platform.library.path} is set: a child process of
   * the host (a browser's long-lived process, and root's during cleanup) and ProcessBuilder's classes
   * loaded for nothing. dlopen finds libnss3 and libnspr4 by name through
   * the same loader cache on its own, and JNA tries that first, so the folders are never needed:
   * the property is set empty (JNA's "no folders"), unless someone set it on purpose.
   */
  static void dlopenOnly() {
    if (System.getProperty(PLATFORM_LIBRARY_PATH) == null) System.setProperty(PLATFORM_LIBRARY_PATH, "");
  }

  static final String PLATFORM_LIBRARY_PATH = "jna.platform.library.path";

  private static boolean isAdminOnly(org.anchorwatch.privilege.AdminGate gate, java.nio.file.Path p) {
    try {
      gate.requireAdminOnly(p);
      return true;
    } catch (AnchorwatchException e) {
      return false;
    }
  }

  /** Package-private so a test can prove the failure path with a library name that cannot exist. */
  static NssNative load(String nssName, String nsprName) throws AnchorwatchException {
    try {
      return new NssNative(NssGuard.wrap(Native.load(nssName, NssLibrary.class, UTF8)), Native.load(nsprName, NsprLibrary.class, UTF8));
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      // NoClassDefFoundError: JNA's own native stub failed to load for this platform.
      throw new AnchorwatchException(ErrorCode.NSS_UNAVAILABLE,
          "libnss3 could not be loaded, so NSS databases (Firefox, Chrome, Thunderbird) cannot be read;"
              + " install it (Debian/Ubuntu package libnss3, Fedora/Arch package nss): " + e.getMessage(), e);
    }
  }

  /** The calling thread's last NSS error as "SEC_ERROR_BAD_DATABASE (-8174)". */
  String lastError() {
    int code = nss.PORT_GetError();
    if (code == 0) return "no NSS error code set";
    String name = nspr.PR_ErrorToName(code);
    return (name == null ? "NSS error" : name) + " (" + code + ")";
  }
}
