package org.anchorwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

public class ExtensionIdsTest {
  public static final String STORE_ID = "bcdefghijklmnopabcdefghijklmnopa";

  /** manifests/extension-ids.json as Maven filters it with -Danchorwatch.chromeStoreId=STORE_ID. */
  public static ExtensionIds packagedBuild() throws Exception {
    String source = Files.readString(Path.of("../manifests/extension-ids.json"));
    assertThat(source).contains("${anchorwatch.chromeStoreId}", "${anchorwatch.edgeStoreId}");
    String filtered = source.replace("${anchorwatch.chromeStoreId}", STORE_ID).replace("${anchorwatch.edgeStoreId}", "");
    return ExtensionIds.parse(JsonTree.read(filtered.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theDevelopmentIdIsTheOneTheRepositoryKeyPins() throws Exception {
    byte[] spki = Base64.getDecoder().decode(Files.readString(Path.of("../extension/dev-public-key.b64")).trim());
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki)).substring(0, 32);
    StringBuilder id = new StringBuilder();
    for (char c : hex.toCharArray()) id.append((char) ('a' + Character.digit(c, 16)));
    assertThat(ExtensionIds.bundled().chromium()).containsExactly(id.toString());
    assertThat(ExtensionIds.bundled().firefox()).containsExactly("anchorwatch@anchorwatch.org");
  }

  @Test
  void theJarHoldsTheFilteredFileWithNoPlaceholderLeft() throws Exception {
    try (InputStream in = ExtensionIds.class.getResourceAsStream(ExtensionIds.RESOURCE)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("${");
    }
  }

  @Test
  void aStoreIdSetAtBuildTimeIsAcceptedBesideTheDevelopmentId() throws Exception {
    ExtensionIds ids = packagedBuild();
    assertThat(ids.chromiumOrigins()).containsExactly(
        "chrome-extension://agbciifedgognoeofdbbhobbeicmknep/", "chrome-extension://" + STORE_ID + "/");
    assertThat(ids.callers()).contains("chrome-extension://" + STORE_ID + "/", "anchorwatch@anchorwatch.org")
        .doesNotContain("chrome-extension://" + "a".repeat(32) + "/");
  }

  @Test
  void aMalformedIdFailsInsteadOfBeingAllowed() {
    String json = "{\"chromium\":[{\"id\":\"not-an-id\"}],\"firefox\":[]}";
    assertThatThrownBy(() -> ExtensionIds.parse(JsonTree.read(json.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not-an-id");
  }
}
