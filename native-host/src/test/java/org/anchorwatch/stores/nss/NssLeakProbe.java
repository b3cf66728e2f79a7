package org.anchorwatch.stores.nss;

import com.sun.jna.Pointer;
import java.nio.file.Path;
import org.anchorwatch.errors.AnchorwatchException;

/**
 * Run in a child JVM by NssNativeTest: leaking an NSS reference breaks NSS for the rest of the
 * process, which must not happen inside the shared test JVM. Prints one line per step.
 */
public final class NssLeakProbe {
  private NssLeakProbe() {}

  public static void main(String[] args) throws Exception {
    Path a = Path.of(args[0]);
    Path b = Path.of(args[1]);
    Nss.open(a, Nss.Mode.READ, s -> {
      // A second slot reference and a list we never destroy: NSS_Shutdown must fail with BUSY.
      NssLibrary nss = NssNative.get().nss();
      Pointer slot = nss.PK11_GetInternalKeySlot();
      Pointer leaked = nss.PK11_ListCertsInSlot(slot);
      System.out.println("leaked " + (leaked != null));
      return null;
    });
    System.out.println("first session returned");
    try {
      System.out.println("second session listed " + new NssStore(b).list().entries().size());
    } catch (AnchorwatchException e) {
      System.out.println("second session failed " + e.code() + ": " + e.getMessage());
    }
  }
}
