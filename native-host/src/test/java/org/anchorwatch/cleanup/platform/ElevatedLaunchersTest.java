package org.anchorwatch.cleanup.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.Test;

/** The elevated invocations carry only key, mode and operation id, spelled so no shell can misread them. */
class ElevatedLaunchersTest {
  static final String KEY = "ab".repeat(32);
  static final String OP = "0123456789abcdef01234567";

  @Test
  void onlyTheKeyTheModeAndTheOperationIdAreAccepted() {
    assertThat(new ElevatedRequest(KEY, "delete", OP).arguments())
        .containsExactly("elevated-apply", "--key", KEY, "--mode", "delete", "--op", OP);
    for (String[] bad : new String[][] {
        {KEY.toUpperCase(), "delete", OP}, {KEY + "a", "delete", OP}, {KEY, "remove", OP}, {KEY, "delete", "op; calc.exe"},
        {KEY, "delete", OP + "\" & whoami"}, {"' || true", "distrust", OP}, {null, "delete", OP}}) {
      assertThatThrownBy(() -> ElevatedRequest.of(bad[0], bad[1], bad[2]))
          .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT));
    }
  }

  @Test
  void windowsRunsTheInstalledLauncherWithRunasAndNothingElse() throws Exception {
    List<WindowsRunas.Invocation> seen = new ArrayList<>();
    WindowsRunas runas = new WindowsRunas("C:\\Program Files\\Anchorwatch\\anchorwatch.exe", inv -> {
      seen.add(inv);
      return 0;
    });
    assertThat(runas.run(new ElevatedRequest(KEY, "distrust", OP))).isZero();
    assertThat(seen).containsExactly(new WindowsRunas.Invocation("runas", "C:\\Program Files\\Anchorwatch\\anchorwatch.exe",
        "elevated-apply --key " + KEY + " --mode distrust --op " + OP));
    assertThatThrownBy(() -> new WindowsRunas("anchorwatch.exe", inv -> 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decliningUacIsUserCancelledAndOtherFailuresAreElevationUnavailable() {
    ElevatedRequest r = new ElevatedRequest(KEY, "delete", OP);
    WindowsRunas declined = new WindowsRunas("C:\\A\\a.exe", inv -> {
      throw new WindowsRunas.ShellException(WindowsRunas.ERROR_CANCELLED);
    });
    assertThatThrownBy(() -> declined.run(r))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_CANCELLED));
    WindowsRunas broken = new WindowsRunas("C:\\A\\a.exe", inv -> {
      throw new WindowsRunas.ShellException(2); // ERROR_FILE_NOT_FOUND
    });
    assertThatThrownBy(() -> broken.run(r))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ELEVATION_UNAVAILABLE));
  }

  @Test
  void macAsksThroughTheSystemAdministratorPromptWithAQuotedLauncher() throws Exception {
    List<List<String>> seen = new ArrayList<>();
    MacAdminInvocation mac = new MacAdminInvocation("/Applications/Anchor \"watch\".app/Contents/MacOS/it's", argv -> {
      seen.add(argv);
      return new MacAdminInvocation.Result(0, "");
    });
    assertThat(mac.run(new ElevatedRequest(KEY, "delete", OP))).isZero();
    assertThat(seen).singleElement().satisfies(argv -> {
      assertThat(argv).hasSize(3).startsWith("/usr/bin/osascript", "-e");
      assertThat(argv.get(2)).isEqualTo("do shell script \"'/Applications/Anchor \\\"watch\\\".app/Contents/MacOS/it'\\\\''s'"
          + " elevated-apply --key " + KEY + " --mode delete --op " + OP + "\" with administrator privileges");
    });
  }

  @Test
  void dismissingTheMacPromptIsUserCancelled() throws Exception {
    MacAdminInvocation mac = new MacAdminInvocation("/usr/local/bin/anchorwatch",
        argv -> new MacAdminInvocation.Result(1, "0:52: execution error: User canceled. (-128)"));
    assertThatThrownBy(() -> mac.run(new ElevatedRequest(KEY, "delete", OP)))
        .isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_CANCELLED));
    MacAdminInvocation failing = new MacAdminInvocation("/usr/local/bin/anchorwatch", argv -> new MacAdminInvocation.Result(3, "boom"));
    assertThat(failing.run(new ElevatedRequest(KEY, "delete", OP))).isEqualTo(3);
  }
}
