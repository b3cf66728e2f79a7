package org.anchorwatch.privilege;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate of the administrator half: each input a user could prepare is refused with a stable code. */
class AdminInvocationTest {
  static final Identity ROOT = new Identity(0, 0);
  @TempDir Path tmp;
  Path jar;
  Path layout;

  @BeforeEach
  void setUp() throws Exception {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    jar = Files.writeString(tmp.resolve("anchorwatch.jar"), "jar");
    layout = Files.createDirectories(tmp.resolve("root"));
  }

  private static void assertRefused(ErrorCode code, ThrowingCall call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(AnchorwatchException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void rootWithACleanEnvironmentTrustedCodeAndATrustedLayoutPasses() throws Exception {
    assertThat(AdminInvocation.check(ROOT, Map.of("PATH", "/usr/bin"), jar, layout)).isEqualTo(layout.toRealPath());
    assertThat(AdminInvocation.check(ROOT, Map.of(), jar, null)).isEqualTo(Path.of("/"));
  }

  @Test
  void notRootIsRefused() {
    assertRefused(ErrorCode.UNSAFE_INVOCATION, () -> AdminInvocation.check(new Identity(1000, 1000), Map.of(), jar, null));
  }

  @Test
  void everyVariableThatChoosesCodeIsRefused() {
    for (String v : AdminInvocation.CODE_CHOOSING_ENV) {
      assertRefused(ErrorCode.UNSAFE_INVOCATION, () -> AdminInvocation.check(ROOT, Map.of(v, "/home/u/x"), jar, null));
    }
  }

  @Test
  void codeOrALayoutAUserCanWriteIsRefused() throws Exception {
    Files.setAttribute(jar, "unix:mode", 0666);
    assertRefused(ErrorCode.UNSAFE_INVOCATION, () -> AdminInvocation.check(ROOT, Map.of(), jar, null));
    Files.setAttribute(jar, "unix:mode", 0644);
    Files.setAttribute(layout, "unix:uid", 65534);
    assertRefused(ErrorCode.UNSAFE_PATH, () -> AdminInvocation.check(ROOT, Map.of(), jar, layout));
  }
}
