package org.anchorwatch.messaging;

import org.anchorwatch.config.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.config.JsonTree;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.errors.ErrorInfo;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.scan.ChainVerdict;
import org.anchorwatch.scan.EntryView;
import org.anchorwatch.scan.Installed;
import org.junit.jupiter.api.Test;

/** The hand-written wire shapes must be byte for byte what databind writes for the same records. */
class WireTest {
  private static void same(Reply reply) throws Exception {
    assertThat(new String(Wire.write(reply), StandardCharsets.UTF_8))
        .isEqualTo(new String(Json.MAPPER.writeValueAsBytes(reply), StandardCharsets.UTF_8));
  }

  @Test
  void helloMatchesDatabind() throws Exception {
    HelloHandler.Hello h = new HelloHandler.Hello("0.1.0", 1, new HelloHandler.BlocklistInfo("2026.11.25-1", 50, 3, "machine"),
        List.of("hello", "scan", "checkChain"), "chrome-extension://agbciifedgognoeofdbbhobbeicmknep/");
    same(Reply.success(IntNode.valueOf(1), "hello", h));
    same(Reply.success(TextNode.valueOf("h\"1\u00e9"), "hello", new HelloHandler.Hello(null, 1, null, List.of(), null)));
  }

  @Test
  void progressFramesKeepTheirEvent() throws Exception {
    byte[] bytes = Wire.write(Reply.progress(IntNode.valueOf(7), "apply", java.util.Map.of("phase", "backup")));
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).contains("\"progress\":{\"phase\":\"backup\"}");
  }

  @Test
  void verdictsMatchDatabind() throws Exception {
    EntryView entry = EntryView.of(Blocklist.bundled().entries().get(0));
    ChainVerdict.CertSummary root = new ChainVerdict.CertSummary("CN=Root,O=X", "CN=Root,O=X", "ab", "cd", false);
    List<Installed> where = List.of(new Installed("pem:/etc/ssl/certs", "Debian", "pem", "added", "/etc/ssl/certs/x.pem", "trusted",
        "ef", java.util.Map.of("path", "/etc/ssl/certs/x.pem", "mtime", "2020-01-01T00:00:00Z", "nick\"name", "é")),
        new Installed("nss:/h/.pki/nssdb", "NSS", "nss", "added", "/h/.pki/nssdb#x", "trusted", "ef", null,
            new org.anchorwatch.stores.Place("mozilla-profile", "firefox", "default", null)));
    same(Reply.success(LongNode.valueOf(1L << 40), "checkChain", new ChainVerdict("blocked", "blocklisted", entry, 2, root, where)));
    same(Reply.success(TextNode.valueOf("c7"), "checkChain", new ChainVerdict("clean", "unknown-root", null, -1,
        new ChainVerdict.CertSummary(null, null, null, null, null), List.of())));
    same(Reply.success(IntNode.valueOf(3), "checkChain", new ChainVerdict("notice", "non-built-in-root", null, -1, root, where)));
  }

  @Test
  void failuresMatchDatabind() throws Exception {
    same(Reply.failure(NullNode.instance, null, ErrorInfo.of(ErrorCode.BAD_JSON, "invalid JSON: x")));
    same(Reply.failure(BigIntegerNode.valueOf(new BigInteger("123456789012345678901234567890")), "nope",
        ErrorInfo.of(ErrorCode.UNKNOWN_TYPE, "unknown type 'nope'")));
  }

  @Test
  void treesMatchReadTree() throws Exception {
    for (String json : List.of(
        "{\"id\":1,\"type\":\"hello\"}",
        "{\"id\":\"x\",\"a\":[1,-2,3000000000,123456789012345678901234567890,1.5,-0.0,1e300,true,false,null],"
            + "\"o\":{\"n\":{\"m\":[]}},\"s\":\"\\u00e9\\n\\\"\",\"dup\":1,\"dup\":2}",
        "[{\"k\":\"v\"}, 7]",
        "\"text\"",
        "{\"a\":1} trailing")) {
      byte[] b = json.getBytes(StandardCharsets.UTF_8);
      JsonNode ours = JsonTree.read(b);
      assertThat(ours).as(json).isEqualTo(Json.MAPPER.readTree(b));
      assertThat(ours.toString()).isEqualTo(Json.MAPPER.readTree(b).toString());
    }
    assertThat(JsonTree.read(new byte[0])).isNull();
  }
}
