package org.anchorwatch.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.anchorwatch.config.Json;
import org.junit.jupiter.api.Test;

/** Hello reports the bundled list from its header alone; the header must say what the entries are. */
class BundledHeaderTest {
  private static JsonNode bundledJson() throws Exception {
    try (InputStream in = Blocklist.class.getResourceAsStream("/org/anchorwatch/blocklist/blocklist.json")) {
      return Json.MAPPER.readTree(in);
    }
  }

  @Test
  void theBundledHeaderMatchesItsEntries() throws Exception {
    JsonNode json = bundledJson();
    Blocklist b = Blocklist.bundled();
    // size, version and sequence are known before the entries are parsed, and agree with them
    assertThat(b.size()).isEqualTo(json.path("entries").size()).isEqualTo(json.path("entryCount").asInt());
    assertThat(b.version()).isEqualTo(json.path("version").asText());
    assertThat(b.sequence()).isEqualTo(json.path("sequence").asLong());
    assertThat(b.source()).isEqualTo("bundled");
    assertThat(b.entries()).hasSize(b.size());
    assertThat(b.entries().get(0).id()).isEqualTo(json.path("entries").get(0).path("id").asText());
  }

  @Test
  void fieldsAfterTheEntriesOrAnOddCountAreNotTakenForTheHeader() {
    BundledHeader h = BundledHeader.read(("{\"format\":1,\"extra\":{\"entryCount\":9,\"a\":[1]},\"version\":\"v1\",\"sequence\":7,"
        + "\"entries\":[{\"id\":\"x\"}],\"entryCount\":5}").getBytes(StandardCharsets.UTF_8));
    assertThat(h).isEqualTo(new BundledHeader("v1", 7, -1));
    assertThat(BundledHeader.read("{\"entryCount\":\"3\",\"version\":\"v\"}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new BundledHeader("v", 0, -1));
    assertThat(BundledHeader.read("{\"entryCount\":3,\"entries\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new BundledHeader("", 0, 3));
  }
}
