package org.anchorwatch.config;

import java.io.IOException;
import java.util.Properties;

/** Host version (from the build) and the protocol version the extension checks in hello. */
public final class Version {
  /** Bumped when a message changes incompatibly; additions keep it. */
  public static final int PROTOCOL = 1;

  private static final String HOST = load();

  private Version() {}

  public static String host() {
    return HOST;
  }

  private static String load() {
    try {
      byte[] bytes = JarResource.read(Version.class, "/anchorwatch-version.properties");
      Properties p = new Properties();
      if (bytes != null) p.load(new java.io.ByteArrayInputStream(bytes));
      return p.getProperty("version", "0.0.0-dev");
    } catch (IOException e) {
      return "0.0.0-dev";
    }
  }
}
