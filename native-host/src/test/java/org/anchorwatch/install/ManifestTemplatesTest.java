package org.anchorwatch.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.anchorwatch.messaging.HostConfig;
import org.junit.jupiter.api.Test;

class ManifestTemplatesTest {
  final Locations locations = Locations.bundled();
  final ObjectMapper mapper = new ObjectMapper();

  @Test
  void chromiumTemplateAllowsTheDevIdPinnedByTheExtensionKey() throws Exception {
    JsonNode m = template("chromium");
    byte[] spki = Base64.getDecoder().decode(Files.readString(Path.of("../extension/dev-public-key.b64")).trim());
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki)).substring(0, 32);
    StringBuilder id = new StringBuilder();
    for (char c : hex.toCharArray()) id.append((char) ('a' + Character.digit(c, 16)));
    assertThat(texts(m.get("allowed_origins"))).contains("chrome-extension://" + id + "/")
        .allMatch(o -> o.matches("chrome-extension://[a-p]{32}/"), "chrome-extension://<32 a-p>/ with the trailing slash");
    assertThat(m.has("allowed_extensions")).isFalse();
  }

  @Test
  void firefoxTemplateAllowsTheAddOnId() throws Exception {
    JsonNode m = template("firefox");
    assertThat(texts(m.get("allowed_extensions"))).containsExactly("anchorwatch@anchorwatch.org");
    assertThat(m.has("allowed_origins")).isFalse();
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
    List<String> callers = new ArrayList<>(texts(template("chromium").get("allowed_origins")));
    callers.addAll(texts(template("firefox").get("allowed_extensions")));
    assertThat(HostConfig.BUILT_IN_CALLERS).containsAll(callers);
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
