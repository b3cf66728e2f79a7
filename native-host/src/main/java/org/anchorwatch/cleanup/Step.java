package org.anchorwatch.cleanup;

import java.util.List;
import java.util.Map;
import org.anchorwatch.stores.Place;

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
 * @param place where, as codes the extension puts into words (the scan's place of the store)
 */
public record Step(int index, String store, String storeType, String storeLabel, String role, String location,
    String sha256, String action, boolean elevation, String backup, List<Caveat> caveats, String installedAt,
    List<String> commands, Map<String, String> details, Place place) {

  /** A step without a known place (made by hand, or read from an older plan). */
  public Step(int index, String store, String storeType, String storeLabel, String role, String location, String sha256,
      String action, boolean elevation, String backup, List<Caveat> caveats, String installedAt, List<String> commands,
      Map<String, String> details) {
    this(index, store, storeType, storeLabel, role, location, sha256, action, elevation, backup, caveats, installedAt, commands,
        details, null);
  }

  public Action actionEnum() {
    return Action.valueOf(action.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }
}
