package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.List;
import org.anchorwatch.config.Json;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.errors.ErrorInfo;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.scan.ChainVerdict;
import org.anchorwatch.scan.EntryView;
import org.junit.jupiter.api.Test;

/**
 * The reply's JSON content where a field is absent: the extension reads an explicit null (the key is
 * there), never a missing key or a broken document. Asserted on the parsed reply, whoever writes it.
 */
class WireNullsTest {
  private static JsonNode written(Reply reply) throws Exception {
    return Json.MAPPER.readTree(Wire.write(reply));
  }

  @Test
  void aVerdictWithoutRootOrStoresWritesNulls() throws Exception {
    EntryView entry = new EntryView("e1", "Name", "interception", "block", "high", "CN=S", "CN=I", null, null, null, "bundled");
    JsonNode r = written(Reply.success(IntNode.valueOf(4), "checkChain",
        new ChainVerdict("blocked", "blocklisted", entry, 0, null, null))).path("result");
    assertThat(r.has("root")).isTrue();
    assertThat(r.get("root").isNull()).isTrue();
    assertThat(r.has("installedIn")).isTrue();
    assertThat(r.get("installedIn").isNull()).isTrue();
    assertThat(r.path("matchedIndex").asInt()).isZero();
    JsonNode e = r.path("entry");
    assertThat(e.path("id").asText()).isEqualTo("e1");
    assertThat(e.has("references")).isTrue();
    assertThat(e.get("references").isNull()).isTrue();
    assertThat(e.get("notAfter").isNull()).isTrue();
    assertThat(e.path("source").asText()).isEqualTo("bundled");
  }

  @Test
  void aHelloWithoutBlocklistOrCapabilitiesWritesNulls() throws Exception {
    JsonNode r = written(Reply.success(TextNode.valueOf("h"), "hello", new HelloHandler.Hello("0.1.0", 1, null, null, null))).path("result");
    assertThat(r.path("host").asText()).isEqualTo("0.1.0");
    assertThat(r.path("protocol").asInt()).isEqualTo(1);
    assertThat(r.get("blocklist").isNull()).isTrue();
    assertThat(r.get("capabilities").isNull()).isTrue();
    assertThat(r.get("caller").isNull()).isTrue();

    JsonNode caps = written(Reply.success(TextNode.valueOf("h"), "hello",
        new HelloHandler.Hello("0.1.0", 1, null, List.of("hello", "probe"), "x"))).path("result").path("capabilities");
    assertThat(caps).extracting(JsonNode::asText).containsExactly("hello", "probe");
  }

  /** The loop only echoes string and integer ids, but a reply written with any other id is still valid JSON with it. */
  @Test
  void idsOfOtherKindsAreWrittenAsTheyAre() throws Exception {
    ErrorInfo err = ErrorInfo.of(ErrorCode.BAD_ARGUMENT, "x");
    assertThat(written(Reply.failure(DoubleNode.valueOf(1.5), "t", err)).path("id").asDouble()).isEqualTo(1.5);
    assertThat(written(Reply.failure(DecimalNode.valueOf(new BigDecimal("2.25")), "t", err)).path("id").decimalValue())
        .isEqualByComparingTo("2.25");
    JsonNode objectId = Json.MAPPER.readTree("{\"tab\":3}");
    JsonNode reply = written(Reply.failure(objectId, "t", err));
    assertThat(reply.path("id")).isEqualTo(objectId);
    assertThat(reply.path("error").path("code").asText()).isEqualTo("BAD_ARGUMENT");
    assertThat(written(Reply.failure(null, null, err)).get("id").isNull()).isTrue();
  }
}
