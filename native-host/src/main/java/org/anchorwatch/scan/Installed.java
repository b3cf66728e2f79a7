package org.anchorwatch.scan;

/** Where one certificate sits: the answer to "where is this root installed?". */
public record Installed(String store, String storeLabel, String type, String role, String location, String trust) {}
