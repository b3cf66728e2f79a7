package org.anchorwatch.install;

import java.util.Locale;

/** Which manifest template a browser reads: Chromium's allowed_origins or Firefox's allowed_extensions. */
public enum Family {
  CHROMIUM, FIREFOX;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Family fromKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
