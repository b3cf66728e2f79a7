package org.anchorwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader gives exactly the tree ObjectMapper.readTree gives (node types included). */
class JsonTreeTest {
  @Test
  void sameTreesAsTheMapper() throws Exception {
    for (String doc : List.of("{\"a\":1,\"b\":[true,false,null,\"s\",1.5,-2],\"c\":{\"d\":{}}}", "[]", "[[[]]]",
        "{\"big\":12345678901234567890123,\"long\":9007199254740993,\"int\":2147483647,\"neg\":-2147483649}",
        "{\"dup\":1,\"dup\":2}", "\"text\"", "3", "null", "{\"u\":\"\\u00e9\\ud83d\\ude00\"}", "  {\"x\" : [ 1 , {\"y\":null} ] }  ")) {
      byte[] b = doc.getBytes(StandardCharsets.UTF_8);
      JsonNode expected = Json.MAPPER.readTree(b);
      for (JsonNode got : List.of(JsonTree.read(b), JsonTree.read(new ByteArrayInputStream(b)))) {
        assertThat(got).as(doc).isEqualTo(expected);
        assertThat(got.toString()).as(doc).isEqualTo(expected.toString());
        assertThat(got.getNodeType()).isEqualTo(expected.getNodeType());
      }
    }
    assertThat(JsonTree.read("{\"long\":9007199254740993}".getBytes()).get("long").isLong()).isTrue();
    assertThat(JsonTree.read("{\"i\":7}".getBytes()).get("i").isInt()).isTrue();
    assertThat(JsonTree.read("{\"b\":123456789012345678901}".getBytes()).get("b").isBigInteger()).isTrue();
  }

  /** Numbers are read from their text (no NumberInput): every width boundary gives the mapper's node class and value. */
  @Test
  void numbersGiveTheMappersNodesAtEveryBoundary() throws Exception {
    for (String n : List.of("0", "-0", "1", "-1", "999999999", "2147483647", "2147483648", "-2147483648", "-2147483649",
        "999999999999999999", "-999999999999999999", "1000000000000000000", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "12345678901234567890123", "-12345678901234567890123",
        "1.5", "-0.0", "0.1", "1e3", "1E-7", "-2.5e+300", "1e400", "4.9e-325", "123456789012345678901234567890.5")) {
      byte[] b = ("[" + n + "]").getBytes(StandardCharsets.UTF_8);
      JsonNode expected = Json.MAPPER.readTree(b).get(0);
      JsonNode got = JsonTree.read(b).get(0);
      assertThat(got.getClass()).as(n).isEqualTo(expected.getClass());
      assertThat(got).as(n).isEqualTo(expected);
    }
  }

  @Test
  void emptyInputIsNullAndBrokenInputThrows() throws Exception {
    assertThat(JsonTree.read(new byte[0])).isNull();
    assertThat(JsonTree.read("   ".getBytes())).isNull();
    assertThat(JsonTree.read(new ByteArrayInputStream(new byte[0]))).isNull();
    for (String bad : List.of("{", "[1,", "{\"a\"}", "}", "]", "nul")) {
      assertThatThrownBy(() -> JsonTree.read(bad.getBytes())).as(bad).isInstanceOf(IOException.class);
    }
  }
}
