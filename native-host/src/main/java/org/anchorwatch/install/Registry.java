package org.anchorwatch.install;

import java.util.Optional;

/**
 * The part of the Windows registry host registration needs: a key's default value. Keys are
 * spelled as in manifests/locations.json, hive first ("HKCU\\Software\\...", "HKLM\\Software\\...").
 * Advapi32Registry is the real one (jna-platform, Windows only); tests use an in-memory one.
 */
public interface Registry {
  Optional<String> defaultValue(String key);

  /** Whether the key exists, values or not (doctor: a browser's own key shows it is installed). */
  boolean keyExists(String key);

  /** Creates the key (and its parents) when missing. */
  void setDefaultValue(String key, String value);

  void deleteKey(String key);
}
