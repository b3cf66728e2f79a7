package org.anchorwatch.blocklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.anchorwatch.config.JarResource;
import org.anchorwatch.config.JsonTree;

/** The JSON data files shipped in the jar beside the blocklist; a missing or broken one is a build fault. */
final class BundledData {
  private BundledData() {}

  static JsonNode read(String name) {
    String resource = "/org/anchorwatch/blocklist/" + name;
    try {
      byte[] json = JarResource.read(BundledData.class, resource);
      if (json == null) throw new IllegalStateException(resource + " missing from the jar");
      return JsonTree.read(json);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + " unreadable", e);
    }
  }
}
