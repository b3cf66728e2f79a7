package org.anchorwatch.messaging;

import static org.anchorwatch.config.ExtensionIdsTest.STORE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.anchorwatch.config.ExtensionIds;
import org.anchorwatch.config.ExtensionIdsTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caller check of a packaged build (store id filled in at build time) against unknown ids. */
class HostConfigCallersTest {
  @TempDir Path config;

  @Test
  void packagedBuildIsAcceptedAndAnUnknownIdRefused() throws Exception {
    HostConfig c = HostConfig.load(config, Map.of(), ExtensionIdsTest.packagedBuild().callers());
    assertThat(c.allowedCallers()).contains("chrome-extension://" + STORE_ID + "/")
        .contains("chrome-extension://agbciifedgognoeofdbbhobbeicmknep/")
        .doesNotContain("chrome-extension://" + "p".repeat(32) + "/", "chrome-extension://" + STORE_ID);
  }

  @Test
  void theDefaultBuildAllowsExactlyTheIdsItsManifestsName() {
    assertThat(HostConfig.BUILT_IN_CALLERS).isEqualTo(ExtensionIds.bundled().callers());
  }
}
