package org.anchorwatch.cleanup;

import java.util.List;
import java.util.Map;

/**
 * One location of a plan.
 *
 * @param index position in the plan; restore can address a single location by it
 * @param store the store id from the scan ("nss:/home/u/.pki/nssdb")
 * @param elevation true when the current user cannot write there (system anchors)
 * @param backup what will be saved before anything changes, in words
 * @param installedAt when the store says it was installed (anchor mtime, keystore date), or null
 * @param commands exact shell commands: the sudo fallback for elevated steps, the manual steps for INSTRUCTIONS
 * @param details store-native facts the executor needs (path, nickname, trust, alias, distro, conf entry)
 */
public record Step(int index, String store, String storeType, String storeLabel, String role, String location,
    String sha256, String action, boolean elevation, String backup, List<Caveat> caveats, String installedAt,
    List<String> commands, Map<String, String> details) {

  public Action actionEnum() {
    return Action.valueOf(action.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }
}
