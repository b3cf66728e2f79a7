package org.anchorwatch.stores;

import java.util.List;
import java.util.Map;
import org.anchorwatch.errors.AnchorwatchException;

/**
 * Changes to an operating system's own trust store (Windows crypt32, macOS trust settings and
 * keychains), made through the OS API rather than files. Both halves of cleanup call it: the
 * user's process for the locations the user may change, the elevated invocation for the others,
 * which receives only the key and the mode and finds the locations itself with {@link #find}.
 * Every method selects the certificate by SHA-256 (or SPKI SHA-256 in {@link #find}), never by name.
 *
 * <p>A location is the platform's own name for one physical place: {@code LocalMachine\ROOT},
 * {@code admin}, {@code keychain:/Library/Keychains/System.keychain}.
 */
public interface OsStoreChanges {

  /** Who may change a location. */
  enum Changer { USER, ELEVATED, INSTRUCTIONS_ONLY }

  /**
   * What a backup keeps for one location: the DER, the platform's own bytes that restore it
   * exactly (a serialized crypt32 element with its properties; a trust-settings plist), and
   * the facts restore needs (location, friendly name, keychain).
   */
  record Saved(String location, String sha256, byte[] der, byte[] platformBytes, Map<String, String> facts) {
    public Saved {
      facts = Map.copyOf(facts);
    }
  }

  /** Every location that holds a certificate whose SHA-256 or SPKI SHA-256 is {@code key}, read from the machine. */
  List<String> find(String key) throws AnchorwatchException;

  Changer changer(String location) throws AnchorwatchException;

  Saved capture(String location, String sha256) throws AnchorwatchException;

  void delete(String location, String sha256) throws AnchorwatchException;

  /** The platform's strongest non-destructive distrust (Windows Disallowed, macOS Deny). */
  void distrust(String location, String sha256, byte[] der) throws AnchorwatchException;

  /** Puts a removed certificate back after checking the saved bytes hold {@code saved.sha256()}. */
  void restore(Saved saved) throws AnchorwatchException;
}
