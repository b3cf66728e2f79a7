package org.anchorwatch.stores.nss;

import java.nio.file.Path;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.StoreListing;
import org.anchorwatch.stores.TrustStore;

/** An NSS sql: database read through libnss3 via JNA. (Being implemented.) */
public final class NssStore implements TrustStore {
  private final Path dir;

  public NssStore(Path dir) {
    this.dir = dir;
  }

  @Override
  public StoreListing list() throws AnchorwatchException {
    throw new AnchorwatchException(ErrorCode.NSS_UNAVAILABLE, "NSS reading not built yet: " + dir);
  }
}
