package org.anchorwatch.stores.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The installed configuration profiles are asked of the system (a /usr/bin/profiles process) at
 * most once per 30 s, not once per certificate listed. Here the command does not exist, so the
 * answer is empty; what is pinned is that a second ask within the window is the remembered answer.
 */
class MacPlatformProfilesTest {
  @Test
  void profilesAreAskedAtMostOncePerWindow() {
    Map<String, String> a = MacPlatform.profiles();
    Map<String, String> b = MacPlatform.profiles();
    Map<String, String> c = MacPlatform.profiles();
    assertThat(a).isNotNull().isEmpty();
    // another test may have asked just under 30 s ago, so one of the two steps may refresh; not both
    assertThat(b == a || c == b).as("a second ask within 30 s answers from memory").isTrue();
  }
}
