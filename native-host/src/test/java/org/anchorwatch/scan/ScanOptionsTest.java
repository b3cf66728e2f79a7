package org.anchorwatch.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.DiscoveryContext;
import org.anchorwatch.stores.Role;
import org.anchorwatch.stores.StoreRef;
import org.anchorwatch.stores.StoreType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanOptionsTest {
  @TempDir Path root;

  @Test
  void theAdministratorScansTheSystemAndRootsOwnHomeOnly() {
    ScanOptions real = ScanOptions.administrator(null);
    assertThat(real.root()).isNull();
    assertThat(real.home()).isEqualTo(Path.of("/root"));
    assertThat(real.defaultStores()).isTrue();
    assertThat(real.stores()).isEmpty();
    assertThat(real.policy()).isNull();
    assertThat(real.env()).isEmpty();

    ScanOptions mounted = ScanOptions.administrator(root.resolve("x/.."));
    assertThat(mounted.root()).isEqualTo(root);
    assertThat(mounted.home()).isEqualTo(root.resolve("root"));
  }

  @Test
  void theMachineScanUsesTheEnvironmentsHome() {
    ScanOptions m = ScanOptions.machine();
    assertThat(m.defaultStores()).isTrue();
    assertThat(m.env()).isEqualTo(System.getenv());
    DiscoveryContext ctx = new ScanOptions(true, List.of(), null, null, null, Map.of("HOME", "/home/someone")).discoveryContext();
    assertThat(ctx.homes()).containsExactly(Path.of("/home/someone"));
    assertThat(ctx.realMachine()).isTrue();
  }

  @Test
  void underARootEveryHomeDirectoryIsScannedButNotFiles() throws Exception {
    Files.createDirectories(root.resolve("home/zoe"));
    Files.createDirectories(root.resolve("home/adam"));
    Files.writeString(root.resolve("home/notes.txt"), "not a home");
    Files.createDirectories(root.resolve("root"));
    DiscoveryContext ctx = new ScanOptions(true, List.of(), root, null, null, Map.of("HOME", "/ignored")).discoveryContext();
    assertThat(ctx.homes()).containsExactly(root.resolve("root"), root.resolve("home/adam"), root.resolve("home/zoe"));
    assertThat(ctx.realMachine()).isFalse();

    Path bare = Files.createDirectories(root.resolve("bare"));
    assertThat(new ScanOptions(true, List.of(), bare, null, null, Map.of()).discoveryContext().homes()).isEmpty();
  }

  @Test
  void aStoreSpecIsTypeColonPath() throws Exception {
    StoreRef r = ScanOptions.parseStore("pem:" + root.resolve("a/../b"));
    assertThat(r.type()).isEqualTo(StoreType.PEM);
    assertThat(r.path()).isEqualTo(root.resolve("b"));
    assertThat(r.role()).isEqualTo(Role.ADDED);
    assertThat(r.explicit()).isTrue();
    assertThat(ScanOptions.parseStore("windows:LocalMachine/ROOT").path()).isEqualTo(Path.of("LocalMachine/ROOT"));

    for (String bad : List.of("pem:", ":/etc/ssl", "pem", "")) {
      assertThatThrownBy(() -> ScanOptions.parseStore(bad)).as(bad).isInstanceOfSatisfying(AnchorwatchException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_STORE_TYPE)).hasMessageContaining("--store takes TYPE:PATH");
    }
    assertThatThrownBy(() -> ScanOptions.parseStore("floppy:/a")).hasMessageContaining("unknown store type 'floppy'");
  }
}
