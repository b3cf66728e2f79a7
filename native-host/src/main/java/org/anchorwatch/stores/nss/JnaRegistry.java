package org.anchorwatch.stores.nss;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;
import java.util.List;
import java.util.Optional;

/**
 * {@link MozillaNss.Registry} on advapi32 through jna-platform's Advapi32Util
 * (registryKeyExists, registryValueExists, registryGetStringValue, registryGetKeys). NEVER RUN on
 * Windows here; {@link MozillaNss#candidates} calls it only when os.name says Windows.
 */
final class JnaRegistry implements MozillaNss.Registry {
  @Override
  public Optional<String> value(boolean machine, String key, String name) {
    WinReg.HKEY root = machine ? WinReg.HKEY_LOCAL_MACHINE : WinReg.HKEY_CURRENT_USER;
    try {
      if (!Advapi32Util.registryKeyExists(root, key) || !Advapi32Util.registryValueExists(root, key, name)) return Optional.empty();
      return Optional.ofNullable(Advapi32Util.registryGetStringValue(root, key, name));
    } catch (Win32Exception e) {
      return Optional.empty(); // unreadable or not a string: this candidate is skipped
    }
  }

  @Override
  public List<String> subKeys(boolean machine, String key) {
    WinReg.HKEY root = machine ? WinReg.HKEY_LOCAL_MACHINE : WinReg.HKEY_CURRENT_USER;
    try {
      return Advapi32Util.registryKeyExists(root, key) ? List.of(Advapi32Util.registryGetKeys(root, key)) : List.of();
    } catch (Win32Exception e) {
      return List.of();
    }
  }
}
