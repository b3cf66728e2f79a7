package org.anchorwatch.cleanup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.Installed;
import org.anchorwatch.stores.OsStoreChanges;
import org.anchorwatch.stores.OsStoreChanges.Changer;
import org.anchorwatch.stores.OsStoreChanges.Saved;
import org.anchorwatch.stores.macos.MacChanges;
import org.anchorwatch.stores.macos.MacPlatform;
import org.anchorwatch.stores.windows.WindowsChanges;
import org.anchorwatch.stores.windows.WindowsPlatform;

/**
 * Cleanup for the operating system's own stores (store types "windows" and "macos"): how a step is
 * planned, and its capture, change and restore through {@link OsStoreChanges}. Kept out of the
 * Linux planner and StoreChanges so those only gain one delegating line each.
 */
public final class OsSteps {
  /** The details key of the OS location ("LocalMachine\\ROOT", "domain/admin"). */
  public static final String LOCATION = "osLocation";
  private final Function<String, OsStoreChanges> changes;

  public OsSteps(Function<String, OsStoreChanges> changes) {
    this.changes = changes;
  }

  /** The real bindings, loaded only when a Windows or macOS step runs. */
  public static OsSteps system() {
    return new OsSteps(type -> type.equals("windows") ? new WindowsChanges(WindowsPlatform.CRYPT32)
        : new MacChanges(MacPlatform.SECURITY, System.getProperty("user.home")));
  }

  public static boolean handles(String storeType) {
    return storeType.equals("windows") || storeType.equals("macos");
  }

  /** A planned step's native part, which the planner copies into its draft. */
  record Drafted(Action action, boolean elevation, String backup, List<String> commands, List<Caveat> caveats, Map<String, String> details) {}

  static Drafted plan(Installed i, boolean distrust) {
    boolean windows = i.type().equals("windows");
    Map<String, String> a = i.attributes();
    String location = windows ? a.get("location") + "\\" + a.get("store") : a.get("location");
    Changer changer = Changer.valueOf(a.getOrDefault("changer", "instructions_only").toUpperCase(java.util.Locale.ROOT));
    String sha1 = i.location().substring(i.location().lastIndexOf('#') + 1);
    Map<String, String> details = new LinkedHashMap<>();
    // not "path": that key names files (doctor cleans temp files next to it); this is a store name
    details.put(LOCATION, location);
    List<String> commands = new ArrayList<>();
    List<Caveat> caveats = new ArrayList<>();
    boolean systemRoot = !windows && changer == Changer.INSTRUCTIONS_ONLY;
    String profile = windows ? null : a.get("profile");
    if (profile != null && !distrust) return profileSteps(details, profile);
    // macOS system roots can only be distrusted; a managed Windows root only distrusted by this machine's admin
    Action action = distrust || systemRoot ? Action.DISTRUST : changer == Changer.INSTRUCTIONS_ONLY ? Action.INSTRUCTIONS : Action.DELETE;
    boolean elevation = changer != Changer.USER || (action == Action.DISTRUST && !windows && !location.startsWith("domain/user")
        && !location.startsWith("keychain/~"));
    if (windows) {
      windowsCommands(location, sha1, action, commands);
      if (changer == Changer.INSTRUCTIONS_ONLY) {
        caveats.add(Caveat.of(Caveat.OS_MANAGED, "Pushed by Group Policy or Active Directory: it comes back unless an administrator "
            + "removes it there. Distrusting it on this machine (Untrusted Certificates) holds."));
      } else if (changer == Changer.USER && action == Action.DELETE) {
        caveats.add(Caveat.of(Caveat.OS_CONFIRMS, "Windows asks you to confirm the removal itself; answering No leaves it in place."));
      }
    } else {
      macCommands(location, sha1, action, commands);
      if (changer == Changer.USER) caveats.add(Caveat.of(Caveat.OS_CONFIRMS, "macOS asks for your login password to change your trust settings."));
      if (systemRoot) caveats.add(Caveat.of(Caveat.OS_MANAGED, "Part of macOS: it cannot be removed, only distrusted."));
    }
    String backup = windows ? "the certificate with all its Windows properties (serialized element), checked against its SHA-256"
        : location.startsWith("domain/") ? "the certificate (DER) and its trust settings in the " + location.substring(7) + " domain"
        : "the certificate (DER) and which keychain held it";
    if (action == Action.INSTRUCTIONS || action == Action.DISTRUST) backup = action == Action.DISTRUST ? "nothing is removed: a distrust is added" : "nothing: instructions only";
    return new Drafted(action, elevation, backup, List.copyOf(commands), List.copyOf(caveats), details);
  }

  /** A configuration profile's root: only the person can remove the profile, in System Settings. */
  private static Drafted profileSteps(Map<String, String> details, String profile) {
    details.put("profile", profile);
    String name = profile.isEmpty() ? "the profile that installed it" : "'" + profile + "'";
    return new Drafted(Action.INSTRUCTIONS, false, "nothing: instructions only",
        List.of("# System Settings → Privacy & Security → Profiles (macOS 12 and older: System Preferences → Profiles)",
            "# select " + name + " and click Remove (−); removing the profile removes its certificates"),
        List.of(Caveat.of(Caveat.OS_PROFILE, "Installed by a configuration profile (" + name + "): a program cannot remove it; "
            + "remove the profile in System Settings. An organisation's device management may install it again.", profile)),
        details);
  }

  private static void windowsCommands(String location, String sha1, Action action, List<String> c) {
    boolean user = location.startsWith("CurrentUser\\");
    String store = location.substring(location.indexOf('\\') + 1);
    String scope = user ? "certutil -user" : "certutil";
    switch (action) {
      case DELETE -> c.add(scope + " -delstore " + store + " " + sha1);
      case DISTRUST -> c.add(scope + " -addstore Disallowed <the certificate saved as a .cer file>");
      default -> c.add("# ask the domain administrator to remove " + sha1 + " from the Group Policy (Public Key Policies)");
    }
  }

  private static void macCommands(String location, String sha1, Action action, List<String> c) {
    boolean user = location.startsWith("domain/user") || location.startsWith("keychain/~");
    String sudo = user ? "" : "sudo ";
    String admin = user ? "" : " -d";
    if (action == Action.DISTRUST) {
      c.add(sudo + "security add-trusted-cert" + admin + " -r deny <the certificate saved as a .pem file>");
    } else if (location.startsWith("domain/")) {
      c.add(sudo + "security remove-trusted-cert" + admin + " <the certificate saved as a .pem file>");
    } else {
      String kc = location.substring("keychain/".length());
      c.add(sudo + "security delete-certificate -Z " + sha1 + " " + (kc.startsWith("~/") ? "\"$HOME\"" + kc.substring(1) : "/" + kc));
    }
  }

  /**
   * The administrator half's own share of a removal: every location the OS itself says holds the
   * key ({@link OsStoreChanges#find}, read from the machine, not from any plan) and that needs
   * elevation. CurrentUser / the user domain stay the user's process's; Group Policy and
   * Enterprise (and Apple's own roots) are instructions for a removal, but their distrust goes
   * into the machine's own Disallowed store / admin domain, which is the administrator's.
   */
  java.util.Set<String> elevatedLocations(String storeType, String key, boolean distrust) throws AnchorwatchException {
    OsStoreChanges os = changes.apply(storeType);
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String location : os.find(key)) {
      Changer c = os.changer(location);
      if (c == Changer.ELEVATED || (distrust && c == Changer.INSTRUCTIONS_ONLY)) out.add(location);
    }
    return out;
  }

  /** True for a location of the OS's own table that only an administrator may change; false for anything else, unknown names included. */
  boolean isElevatedLocation(String storeType, String location) {
    try {
      return changes.apply(storeType).changer(location) == Changer.ELEVATED;
    } catch (AnchorwatchException | RuntimeException unknown) {
      return false;
    }
  }

  StoreChanges.Capture capture(Step s) throws AnchorwatchException {
    String location = s.details().get(LOCATION);
    OsStoreChanges os = changes.apply(s.storeType());
    if (s.actionEnum() == Action.DISTRUST) {
      // nothing leaves the store; keep the DER so the distrust can be shown and undone by hand
      Saved any = os.capture(location, s.sha256());
      return new StoreChanges.Capture(null, any.der(), null, null, null, null, null, null, null, null);
    }
    Saved saved = os.capture(location, s.sha256());
    String name = saved.facts().getOrDefault("friendlyName", saved.facts().get("keychain"));
    return new StoreChanges.Capture(saved.platformBytes(), saved.der(), name, null, null, null, null, null, null, null);
  }

  void apply(Step s) throws AnchorwatchException {
    OsStoreChanges os = changes.apply(s.storeType());
    String location = s.details().get(LOCATION);
    if (s.actionEnum() == Action.DISTRUST) os.distrust(location, s.sha256(), os.capture(location, s.sha256()).der());
    else os.delete(location, s.sha256());
  }

  void restore(BackupItem item, byte[] blob, byte[] der) throws AnchorwatchException {
    if ("distrust".equals(item.action())) {
      // Windows: never remove from Disallowed; macOS: the Deny setting is the person's to lift
      throw new AnchorwatchException(ErrorCode.REMOVE_FAILED, item.storeType().equals("windows")
          ? "a distrust is not undone by this tool: remove the certificate from Untrusted Certificates in certmgr.msc if you really want to trust it again"
          : "a distrust is not undone by this tool: run security remove-trusted-cert (with -d for the admin domain) on the saved certificate");
    }
    changes.apply(item.storeType()).restore(new Saved(item.path(), item.sha256(), der, blob == null ? new byte[0] : blob, Map.of()));
  }
}
