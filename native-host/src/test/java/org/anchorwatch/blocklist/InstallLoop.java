package org.anchorwatch.blocklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.anchorwatch.errors.AnchorwatchException;

/**
 * Test child process for SignedInstallCrashIT: installs ever higher sequences (start, start +
 * step, ...) of a ~1.5 MB list into USERFILE until killed, printing each outcome after it returns.
 * Usage: InstallLoop MACHINEFILE USERFILE START STEP
 */
public final class InstallLoop {
  private InstallLoop() {}

  public static void main(String[] args) throws Exception {
    BlocklistUpdates updates = TestSigning.updates(new BlocklistUpdates.Locations(Path.of(args[0]), Path.of(args[1])), Clock.systemUTC());
    ObjectNode list = (ObjectNode) new ObjectMapper().readTree(TestSigning.bundledJson());
    list.put("padding", "x".repeat(1_500_000)); // a longer write: more chances for the kill to land inside it
    byte[] json = new ObjectMapper().writeValueAsBytes(list);
    for (long seq = Long.parseLong(args[2]); ; seq += Long.parseLong(args[3])) {
      byte[] doc = TestSigning.signed(json, seq, Instant.now().plus(30, ChronoUnit.DAYS), List.of(), "test-a");
      try {
        updates.install(doc, BlocklistUpdates.Scope.USER);
        System.out.println("installed " + seq);
      } catch (AnchorwatchException e) {
        System.out.println("refused " + seq + " " + e.code());
      }
      System.out.flush();
    }
  }
}
