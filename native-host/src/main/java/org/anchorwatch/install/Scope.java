package org.anchorwatch.install;

import java.util.Locale;

/** Per-user manifests (no privileges) or system-wide ones (root / administrator). */
public enum Scope {
  USER, SYSTEM;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
