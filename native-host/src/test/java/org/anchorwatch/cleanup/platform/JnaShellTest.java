package org.anchorwatch.cleanup.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.anchorwatch.stores.windows.HeaderConstantsTest;
import org.junit.jupiter.api.Test;

/** The SEE_MASK flags JnaShell passes, against the mingw-w64 shellapi.h values (constants.txt). */
class JnaShellTest {
  @Test
  void maskFlagsEqualTheHeaders() {
    Map<String, Long> h = HeaderConstantsTest.headers();
    assertThat((long) JnaShell.SEE_MASK_NOCLOSEPROCESS).isEqualTo(h.get("SEE_MASK_NOCLOSEPROCESS"));
    assertThat((long) JnaShell.SEE_MASK_NOASYNC).isEqualTo(h.get("SEE_MASK_NOASYNC"));
  }
}
