package org.anchorwatch.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anchorwatch.errors.ErrorCode;
import org.junit.jupiter.api.Test;

/** The wire contract lives in three places; this keeps the enum and docs/PROTOCOL.md equal. */
class ErrorCodeDocTest {
  @Test
  void protocolDocumentListsEveryCodeWithItsNumberAndMeaning() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "PROTOCOL.md"));
    Map<String, Integer> documented = new LinkedHashMap<>();
    Map<String, String> meanings = new LinkedHashMap<>();
    Matcher m = Pattern.compile("^\\| (\\d+) \\| `([A-Z_0-9]+)` \\| ([^|]+) \\|", Pattern.MULTILINE).matcher(doc);
    while (m.find()) {
      documented.put(m.group(2), Integer.parseInt(m.group(1)));
      meanings.put(m.group(2), m.group(3).trim());
    }
    Map<String, Integer> code = new LinkedHashMap<>();
    for (ErrorCode c : ErrorCode.values()) code.put(c.name(), c.number());
    assertThat(documented).isEqualTo(code);
    for (ErrorCode c : ErrorCode.values()) assertThat(meanings.get(c.name())).as(c.name()).isEqualTo(c.meaning());
  }

  @Test
  void numbersAreUniqueAndAscendInDeclarationOrder() {
    int last = 0;
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(c.number()).as(c.name()).isGreaterThan(last);
      last = c.number();
    }
  }
}
