package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anchorwatch.config.ExtensionIds;
import org.anchorwatch.config.ExtensionIdsTest;
import org.anchorwatch.messaging.HostConfig;
import org.junit.jupiter.api.Test;

class ManifestTemplatesTest {
  final Locations locations = Locations.bundled();
  final ObjectMapper mapper = new ObjectMapper();

  @Test
  void renderedChromiumManifestAllowsExactlyTheChromiumIdsOfOneBuild() throws Exception {
    ExtensionIds packaged = ExtensionIdsTest.packagedBuild();
    JsonNode m = mapper.readTree(new ManifestTemplates(locations, packaged).render(Family.CHROMIUM, Path.of("/opt/aw/anchorwatch")));
    assertThat(texts(m.get("allowed_origins"))).containsExactlyElementsOf(packaged.chromiumOrigins())
        .contains("chrome-extension://" + ExtensionIdsTest.STORE_ID + "/")
        .allMatch(o -> o.matches("chrome-extension://[a-p]{32}/"), "chrome-extension://<32 a-p>/ with the trailing slash");
    assertThat(m.has("allowed_extensions")).isFalse();
  }

  @Test
  void renderedFirefoxManifestAllowsTheAddOnId() throws Exception {
    JsonNode m = mapper.readTree(new ManifestTemplates(locations).render(Family.FIREFOX, Path.of("/opt/aw/anchorwatch")));
    assertThat(texts(m.get("allowed_extensions"))).containsExactly("anchorwatch@anchorwatch.org");
    assertThat(m.has("allowed_origins")).isFalse();
  }

  @Test
  void templatesLeaveTheIdsToExtensionIds() throws Exception {
    assertThat(template("chromium").get("allowed_origins")).isEmpty();
    assertThat(template("firefox").get("allowed_extensions")).isEmpty();
  }

  @Test
  void bothTemplatesNameTheHostAndHoldThePlaceholder() throws Exception {
    for (String f : List.of("chromium", "firefox")) {
      JsonNode m = template(f);
      assertThat(m.get("name").asText()).isEqualTo(locations.hostName()).matches("[a-z0-9_]+(\\.[a-z0-9_]+)*");
      assertThat(m.get("type").asText()).isEqualTo("stdio");
      assertThat(m.get("path").asText()).isEqualTo(locations.pathPlaceholder());
      assertThat(m.get("description").asText()).isNotBlank();
    }
  }

  @Test
  void everyAllowedCallerIsOneTheHostAccepts() throws Exception {
    List<String> callers = new ArrayList<>();
    for (Family f : Family.values()) {
      JsonNode m = mapper.readTree(new ManifestTemplates(locations).render(f, Path.of("/opt/aw/anchorwatch")));
      callers.addAll(texts(m.get(f == Family.CHROMIUM ? "allowed_origins" : "allowed_extensions")));
    }
    assertThat(callers).isNotEmpty();
    assertThat(HostConfig.BUILT_IN_CALLERS).containsExactlyInAnyOrderElementsOf(callers);
  }

  @Test
  void renderFillsTheAbsolutePathAsUtf8WithoutBom() throws Exception {
    byte[] out = new ManifestTemplates(locations).render(Family.FIREFOX, Path.of("/opt/any \"where\"/anchorwatch"));
    assertThat(out[0]).isEqualTo((byte) '{');
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(text).endsWith("}\n");
    assertThat(mapper.readTree(out).get("path").asText()).isEqualTo("/opt/any \"where\"/anchorwatch");
  }

  private JsonNode template(String family) throws Exception {
    return mapper.readTree(Path.of("../manifests", family, "org.anchorwatch.host.json").toFile());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
