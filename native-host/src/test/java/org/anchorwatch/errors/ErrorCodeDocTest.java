package org.anchorwatch.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md's error table and the enum are one contract: same numbers, same names. */
class ErrorCodeDocTest {
  private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| `([A-Z0-9_]+)` \\|", Pattern.MULTILINE);

  @Test
  void protocolDocListsExactlyTheEnum() throws Exception {
    String doc = Files.readString(Path.of("../docs/PROTOCOL.md"));
    Map<Integer, String> documented = new TreeMap<>();
    Matcher m = ROW.matcher(doc);
    while (m.find()) assertThat(documented.put(Integer.parseInt(m.group(1)), m.group(2))).as("duplicate row " + m.group(1)).isNull();
    Map<Integer, String> coded = new TreeMap<>();
    for (ErrorCode c : ErrorCode.values()) assertThat(coded.put(c.number(), c.name())).as("duplicate number " + c.number()).isNull();
    assertThat(documented).isEqualTo(coded);
  }

  @Test
  void numbersAscendInDeclarationOrder() {
    int[] numbers = Arrays.stream(ErrorCode.values()).mapToInt(ErrorCode::number).toArray();
    assertThat(numbers).isSorted();
  }
}
