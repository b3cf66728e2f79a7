package org.anchorwatch.stores.nss;

import java.nio.file.Path;
import org.anchorwatch.config.JnaHome;
import org.anchorwatch.errors.AnchorwatchException;

/**
 * Run as nobody by NssStoreTest: lists each NSS directory given and prints one line per directory,
 * "listed N" or "failed CODE: message".
 */
public final class NssPermissionProbe {
  private NssPermissionProbe() {}

  public static void main(String[] args) {
    JnaHome.configure(); // as the host does: nobody has no usable home for JNA's own library
    for (String dir : args) {
      try {
        System.out.println(dir + " listed " + new NssStore(Path.of(dir)).list().entries().size());
      } catch (AnchorwatchException e) {
        System.out.println(dir + " failed " + e.code() + ": " + e.getMessage());
      }
    }
  }
}
