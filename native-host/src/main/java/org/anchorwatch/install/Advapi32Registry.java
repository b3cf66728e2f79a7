package org.anchorwatch.install;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;
import java.util.Optional;

/** The Windows registry through jna-platform's Advapi32Util (loaded only on Windows). */
final class Advapi32Registry implements Registry {

  @Override
  public Optional<String> defaultValue(String key) {
    Hive h = Hive.of(key);
    if (!Advapi32Util.registryKeyExists(h.root(), h.path()) || !Advapi32Util.registryValueExists(h.root(), h.path(), "")) {
      return Optional.empty();
    }
    return Optional.of(Advapi32Util.registryGetStringValue(h.root(), h.path(), ""));
  }

  @Override
  public boolean keyExists(String key) {
    Hive h = Hive.of(key);
    return Advapi32Util.registryKeyExists(h.root(), h.path());
  }

  @Override
  public void setDefaultValue(String key, String value) {
    Hive h = Hive.of(key);
    Advapi32Util.registryCreateKey(h.root(), h.path());
    Advapi32Util.registrySetStringValue(h.root(), h.path(), "", value);
  }

  @Override
  public void deleteKey(String key) {
    Hive h = Hive.of(key);
    if (Advapi32Util.registryKeyExists(h.root(), h.path())) Advapi32Util.registryDeleteKey(h.root(), h.path());
  }

  /** "HKCU\\a\\b" to the predefined root handle and "a\\b". */
  private record Hive(WinReg.HKEY root, String path) {
    static Hive of(String key) {
      int i = key.indexOf('\\');
      String hive = key.substring(0, i);
      WinReg.HKEY root = switch (hive) {
        case "HKCU" -> WinReg.HKEY_CURRENT_USER;
        case "HKLM" -> WinReg.HKEY_LOCAL_MACHINE;
        default -> throw new IllegalArgumentException("unsupported hive " + hive + " in " + key);
      };
      return new Hive(root, key.substring(i + 1));
    }
  }
}
