package org.anchorwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class VersionTest {
  @Test
  void theHostVersionIsTheBuildsOwn() throws Exception {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/anchorwatch-version.properties")) {
      assertThat(in).as("the build writes anchorwatch-version.properties").isNotNull();
      p.load(in);
    }
    assertThat(Version.host()).isEqualTo(p.getProperty("version")).matches("\\d+\\.\\d+\\.\\d+.*").isNotEqualTo("0.0.0-dev");
    assertThat(Version.PROTOCOL).isEqualTo(1);
  }
}
