package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked on Linux of the Windows and macOS installers (installer/jpackage/jpackage.sh;
 * jpackage builds an MSI only on Windows and a pkg only on macOS): the launcher browsers start
 * is built without a console window, people get a console launcher, the Apache-2.0 licence goes
 * into both installers, and the JVM flags are the Linux launcher's, so the memory measured for
 * the .deb (docs/PERFORMANCE.md) is the configuration shipped everywhere.
 */
class JpackageConfigTest {
  static final Path JPACKAGE = Path.of("../installer/jpackage/jpackage.sh");
  static final Path LAUNCHER = Path.of("../installer/anchorwatch");

  @Test
  void theMainWindowsLauncherHasNoConsoleAndTheCliLauncherHasOne() throws Exception {
    String script = Files.readString(JPACKAGE);
    // --win-console would open a console window every time a browser starts the host
    assertThat(script.lines().filter(l -> !l.trim().startsWith("#"))).noneMatch(l -> l.contains("--win-console"));
    assertThat(script).contains("printf 'win-console=true\\n' > \"$out/anchorwatch-cli.properties\"");
    assertThat(script).containsPattern("msi\\) set -- \"\\$@\" [^;]*--add-launcher anchorwatch-cli=\"\\$out/anchorwatch-cli.properties\"");
  }

  @Test
  void msiAndPkgCarryTheApacheLicence() throws Exception {
    String script = Files.readString(JPACKAGE);
    assertThat(script).containsPattern("msi\\) set -- \"\\$@\" --license-file \"\\$repo/LICENSE\"");
    assertThat(script).containsPattern("pkg\\) set -- \"\\$@\" --license-file \"\\$repo/LICENSE\"");
    assertThat(Files.readString(Path.of("../LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
  }

  @Test
  void jvmFlagsAreTheLinuxLaunchersOwn() throws Exception {
    List<String> linux = flags(Files.readString(LAUNCHER), "vmflags");
    List<String> jpackage = flags(Files.readString(JPACKAGE), "flags");
    assertThat(linux).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1").doesNotContain("$jnaflags");
    // the Linux launcher adds its -Xlog pair when it runs java; jpackage's list carries it
    assertThat(jpackage).containsExactlyElementsOf(concat(linux, List.of("-Xlog:disable", "-Xlog:all=warning:stderr")));
  }

  /** The words of NAME="..." (backslash-newline continuations joined), without shell variables. */
  private static List<String> flags(String script, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "=\"([^\"]*)\"").matcher(script);
    assertThat(m.find()).as(name + "= in the script").isTrue();
    return Arrays.stream(m.group(1).replace("\\\n", " ").trim().split("\\s+")).filter(w -> !w.startsWith("$")).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
