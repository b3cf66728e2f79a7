package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemManifestsTest {
  final ObjectMapper mapper = new ObjectMapper();

  @Test
  void oneManifestPerSystemFolderWithTheFamilyOfItsBrowsers() throws Exception {
    Map<Path, byte[]> out = new SystemManifests(Locations.bundled()).render(Path.of("/usr/lib/anchorwatch/anchorwatch"));
    assertThat(out.keySet()).map(Path::toString).containsExactly(
        "/etc/opt/chrome/native-messaging-hosts/org.anchorwatch.host.json",
        "/etc/chromium/native-messaging-hosts/org.anchorwatch.host.json",
        "/etc/opt/edge/native-messaging-hosts/org.anchorwatch.host.json",
        "/usr/lib/mozilla/native-messaging-hosts/org.anchorwatch.host.json",
        "/usr/lib/librewolf/native-messaging-hosts/org.anchorwatch.host.json");
    for (Map.Entry<Path, byte[]> e : out.entrySet()) {
      JsonNode m = mapper.readTree(e.getValue());
      assertThat(m.get("path").asText()).isEqualTo("/usr/lib/anchorwatch/anchorwatch");
      boolean firefox = e.getKey().toString().contains("mozilla") || e.getKey().toString().contains("librewolf");
      assertThat(m.has("allowed_extensions")).as(e.getKey().toString()).isEqualTo(firefox);
      assertThat(m.has("allowed_origins")).as(e.getKey().toString()).isEqualTo(!firefox);
    }
  }
}
