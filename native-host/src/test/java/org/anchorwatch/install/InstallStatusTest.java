package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorwatch.install.InstallStatus.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallStatusTest {
  @TempDir Path tmp;

  @Test
  void listsEveryBrowserScopeAndFolderWithWhatIsThere() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createDirectories(home.resolve(".mozilla/native-messaging-hosts"));
    Path user = Files.createDirectories(home.resolve(".config/chromium/NativeMessagingHosts")).resolve("org.anchorwatch.host.json");
    Files.writeString(user, "{\"name\":\"org.anchorwatch.host\",\"path\":\"/opt/aw/anchorwatch\"}");
    Path sys = Files.createDirectories(root.resolve("usr/lib/mozilla/native-messaging-hosts")).resolve("org.anchorwatch.host.json");
    Files.writeString(sys, "{broken");

    Locations loc = Locations.bundled();
    List<Row> rows = new InstallStatus(loc).rows(Os.LINUX, home, root, Map.of("HOME", home.toString()));
    int expected = loc.browsers().stream().mapToInt(b -> b.locations(Os.LINUX, Scope.USER).size() + b.locations(Os.LINUX, Scope.SYSTEM).size()).sum();
    assertThat(rows).hasSize(expected);
    assertThat(rows).contains(
        new Row("chromium", "user", user.toString(), "manifest", "/opt/aw/anchorwatch"),
        new Row("firefox", "user", home.resolve(".mozilla/native-messaging-hosts/org.anchorwatch.host.json").toString(), "no-manifest", null),
        new Row("firefox", "system", sys.toString(), "unreadable", null),
        new Row("chrome", "system", root.resolve("etc/opt/chrome/native-messaging-hosts").toString(), "no-folder", null));
  }
}
