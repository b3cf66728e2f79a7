package org.anchorwatch.privilege;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {
  @TempDir Path tmp;

  @Test
  void theKernelsAnswerNotTheEnvironments() throws Exception {
    Identity me = Identity.current();
    int owner = (Integer) Files.getAttribute(Files.writeString(tmp.resolve("mine"), "x"), "unix:uid");
    assertThat(me.effectiveUid()).isEqualTo(owner);
    assertThat(me.isRoot()).isEqualTo(owner == 0);
  }

  @Test
  void parsesTheRealAndEffectiveUidsOfProcStatus() {
    assertThat(Identity.parseUidLine("Uid:\t1000\t0\t0\t0")).isEqualTo(new Identity(1000, 0));
    assertThat(Identity.parseUidLine("Uid:\t1000\t0\t0\t0").isRoot()).isTrue();
    assertThat(new Identity(1000, 1000).isRoot()).isFalse();
    assertThat(Identity.NOT_POSIX.isRoot()).isFalse();
  }
}
