package org.anchorwatch.scan;

import java.util.Map;
import org.anchorwatch.stores.Place;

/**
 * Where one certificate sits: the answer to "where is this root installed?", with the store's
 * native metadata (NSS nickname and trust, keystore alias, anchor file path and mtime) that the
 * popup shows and cleanup backs up.
 */
public record Installed(String store, String storeLabel, String type, String role, String location, String trust,
    String sha256, Map<String, String> attributes, Place place) {

  /** Without a place: the shape callers used before places existed. */
  public Installed(String store, String storeLabel, String type, String role, String location, String trust, String sha256,
      Map<String, String> attributes) {
    this(store, storeLabel, type, role, location, trust, sha256, attributes, null);
  }
}
