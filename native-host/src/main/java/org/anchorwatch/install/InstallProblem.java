package org.anchorwatch.install;

/**
 * What `anchorwatch doctor` can find between the extension and the host. The names are stable
 * codes (JSON "code"; docs/CLI-install.md lists them): append, never rename.
 */
public enum InstallProblem {
  MANIFEST_MISSING("the browser is installed but no host manifest is registered for it", "run: anchorwatch install --user --browser %s"),
  MANIFEST_INVALID("the host manifest is not valid JSON or names another host", "run: anchorwatch install --user --force (or reinstall the package)"),
  PATH_NOT_ABSOLUTE("the manifest's path is not absolute; Linux and macOS browsers refuse it", "run: anchorwatch install --user --force"),
  PATH_NOT_EXECUTABLE("the manifest's path is missing or not an executable file", "reinstall Anchorwatch, then run: anchorwatch install --user --force"),
  SYSTEM_NOT_ROOT_OWNED("a system-wide manifest or the program it starts is not owned by root or is writable by others", "reinstall the package; never let users write system-wide manifests or the host"),
  IDS_MISMATCH("the manifest does not allow exactly the extension ids this host serves", "run: anchorwatch install --user --force (or reinstall the package)"),
  HOST_NO_HELLO("the host did not answer hello with a native-messaging frame in time, or wrote other bytes to stdout", "run the path named in the manifest by hand and read its stderr; the host log is in ~/.local/state/anchorwatch"),
  JNA_DIR_UNUSABLE("JNA's native-library folder is not writable, or is on a noexec mount: NSS stores cannot be read", "set jna.tmpdir to a writable folder that allows execution, or install the system package (it ships the library)"),
  SANDBOXED_BROWSER("a Snap or Flatpak browser is installed; its sandbox may not see or start the host", "see the advice of this finding: %s"),
  REGISTRY_PATH_NOT_ABSOLUTE("Windows: the registry key's default value is not a full path to a manifest file, so the browser cannot find it",
      "run: anchorwatch-cli install --user --force (as administrator for HKLM keys: install --system --force)"),
  REGISTRY_MANIFEST_MISSING("Windows: the registry key names a manifest file that does not exist",
      "run: anchorwatch-cli install --user --force (as administrator for HKLM keys: install --system --force)");

  private final String meaning;
  private final String fix;

  InstallProblem(String meaning, String fix) {
    this.meaning = meaning;
    this.fix = fix;
  }

  public String meaning() {
    return meaning;
  }

  /** The fix, with %s filled by the finding's subject (a browser id or an advice text). */
  public String fix(String subject) {
    return fix.contains("%s") ? String.format(fix, subject) : fix;
  }
}
