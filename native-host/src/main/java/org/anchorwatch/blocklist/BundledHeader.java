package org.anchorwatch.blocklist;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.anchorwatch.config.JsonTree;

/**
 * The top-level fields of the bundled blocklist.json that come before {@code "entries"}: read with
 * a few parser tokens, so that hello can report the list without parsing its entries.
 * {@code entryCount} is -1 when the file has none (then the list is parsed whole).
 */
record BundledHeader(String version, long sequence, int entryCount) {

  static BundledHeader read(byte[] json) {
    String version = "";
    long sequence = 0;
    int count = -1;
    try (JsonParser p = JsonTree.FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalStateException("bundled blocklist is not a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        if (field.equals("entries")) break;
        JsonToken value = p.nextToken();
        switch (field) {
          case "version" -> version = p.getValueAsString("");
          // through JsonTree, not the parser's number accessors (JsonTree says why)
          case "sequence" -> sequence = JsonTree.current(p).asLong(0);
          case "entryCount" -> count = value == JsonToken.VALUE_NUMBER_INT ? JsonTree.current(p).asInt() : -1;
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("bundled blocklist unreadable", e);
    }
    return new BundledHeader(version, sequence, count);
  }
}
