package org.anchorwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {
  @Test
  void xdgDefaultsUnderHome() {
    AppDirs d = AppDirs.fromEnv(Map.of("HOME", "/home/u"));
    assertThat(d).isEqualTo(new AppDirs(Path.of("/home/u/.config/anchorwatch"), Path.of("/home/u/.local/share/anchorwatch"),
        Path.of("/home/u/.local/state/anchorwatch")));
  }

  @Test
  void absoluteXdgVariablesWinAndRelativeOrBlankOnesAreIgnored() {
    AppDirs d = AppDirs.fromEnv(Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "/c", "XDG_DATA_HOME", "/d", "XDG_STATE_HOME", "/s"));
    assertThat(d).isEqualTo(new AppDirs(Path.of("/c/anchorwatch"), Path.of("/d/anchorwatch"), Path.of("/s/anchorwatch")));
    AppDirs ignored = AppDirs.fromEnv(Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "rel", "XDG_DATA_HOME", " ", "XDG_STATE_HOME", ""));
    assertThat(ignored).isEqualTo(AppDirs.fromEnv(Map.of("HOME", "/home/u")));
    assertThat(AppDirs.fromEnv(Map.of()).config()).isEqualTo(Path.of(System.getProperty("user.home"), ".config/anchorwatch"));
  }
}
