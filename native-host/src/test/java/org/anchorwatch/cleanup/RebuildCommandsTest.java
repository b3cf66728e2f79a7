package org.anchorwatch.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.DiscoveryContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which rebuild command may run: the built-in table on the real machine, a stand-in only in test mode under a foreign root. */
class RebuildCommandsTest {
  @TempDir Path tmp;

  private DiscoveryContext under(Path root) {
    return new DiscoveryContext(root, List.of(), Map.of());
  }

  private Path config(String json) throws Exception {
    Path f = tmp.resolve("etc/anchorwatch/rebuild.json");
    Files.createDirectories(f.getParent());
    return Files.writeString(f, json);
  }

  @Test
  void theRealMachineUsesTheBuiltInTableAndIgnoresAnyConfiguration() throws Exception {
    RebuildCommands r = RebuildCommands.load(under(Path.of("/")), true);
    assertThat(r.command("debian")).contains(List.of("/usr/sbin/update-ca-certificates"));
    assertThat(r.command("fedora")).contains(List.of("/usr/bin/update-ca-trust", "extract"));
    assertThat(r.command("unknown-distro")).isEmpty();
    assertThat(r.builtIn("debian")).isTrue();
    assertThat(r.display("fedora")).isEqualTo("/usr/bin/update-ca-trust extract");
  }

  @Test
  void aForeignRootRunsNothingUnlessTestModeHonoursItsStandIn() throws Exception {
    config("{\"debian\": [\"/opt/fake update\", \"extract\"]}");
    RebuildCommands noTest = RebuildCommands.load(under(tmp), false);
    assertThat(noTest.command("debian")).isEmpty();
    assertThat(noTest.builtIn("debian")).isTrue();
    // what a person is told to run is still the distro's real command
    assertThat(noTest.argv("debian")).containsExactly("/usr/sbin/update-ca-certificates");
    assertThat(noTest.argv("arch")).containsExactly("/usr/bin/trust", "extract-compat");
    assertThat(noTest.argv("unknown")).containsExactly("/usr/sbin/update-ca-certificates");

    RebuildCommands test = RebuildCommands.load(under(tmp), true);
    assertThat(test.command("debian")).contains(List.of("/opt/fake update", "extract"));
    assertThat(test.builtIn("debian")).isFalse();
    assertThat(test.display("debian")).isEqualTo("'/opt/fake update' extract");
    assertThat(test.command("fedora")).isEmpty();
    assertThat(test.builtIn("fedora")).isTrue();
  }

  @Test
  void aMissingStandInFileMeansNothingRuns() throws Exception {
    assertThat(RebuildCommands.load(under(tmp), true).command("debian")).isEmpty();
  }

  @Test
  void aBrokenStandInFileIsABadPolicyNotASilentDefault() throws Exception {
    for (String bad : List.of("[\"/bin/true\"]", "{\"debian\": []}", "{not json")) {
      config(bad);
      assertThatThrownBy(() -> RebuildCommands.load(under(tmp), true)).as(bad)
          .satisfies(e -> assertThat(((AnchorwatchException) e).code()).isEqualTo(ErrorCode.BAD_POLICY));
    }
  }
}
