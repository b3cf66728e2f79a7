package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.anchorwatch.config.Json;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.Test;

class RequestTest {
  private static Request request(String json, List<Object> progress) throws Exception {
    return new Request(IntNode.valueOf(1), "t", (ObjectNode) Json.MAPPER.readTree(json), progress::add);
  }

  @Test
  void flagsAreBooleansAbsentOrNullMeaningFalse() throws Exception {
    Request r = request("{\"yes\":true,\"no\":false,\"nil\":null,\"text\":\"true\",\"one\":1}", new ArrayList<>());
    assertThat(r.flag("yes")).isTrue();
    assertThat(r.flag("no")).isFalse();
    assertThat(r.flag("nil")).isFalse();
    assertThat(r.flag("absent")).isFalse();
    for (String f : List.of("text", "one")) {
      assertThatThrownBy(() -> r.flag(f)).isInstanceOf(AnchorwatchException.class)
          .satisfies(e -> assertThat(((AnchorwatchException) e).code()).isEqualTo(ErrorCode.MISSING_FIELD));
    }
  }

  @Test
  void textIsANonEmptyStringAndProgressReachesTheSink() throws Exception {
    List<Object> progress = new ArrayList<>();
    Request r = request("{\"s\":\"v\",\"e\":\"\",\"n\":3}", progress);
    assertThat(r.text("s")).isEqualTo("v");
    for (String f : List.of("e", "n", "absent")) {
      assertThatThrownBy(() -> r.text(f)).isInstanceOf(AnchorwatchException.class).hasMessageContaining("'" + f + "'");
    }
    r.progress("p1");
    r.progress("p2");
    assertThat(progress).containsExactly("p1", "p2");
  }
}
