package org.anchorwatch.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * JSON text to the JsonNode tree {@code ObjectMapper.readTree} would give, built with
 * jackson-core's streaming parser. The node classes need no ObjectMapper, and an ObjectMapper
 * costs tens of milliseconds to create: the host reads its config, the bundled blocklist and
 * every request with this so that answering hello never builds one.
 */
public final class JsonTree {
  /** Streaming factory: cheap to create, thread-safe, default read constraints (nesting, sizes). */
  public static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTree() {}

  /** As {@code ObjectMapper.readTree}: the first JSON value, or null for empty input. */
  public static JsonNode read(byte[] json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      return p.nextToken() == null ? null : value(p);
    }
  }

  public static JsonNode read(InputStream json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      return p.nextToken() == null ? null : value(p);
    }
  }

  /** The value at the parser's current token (its last token when it is a container), as a tree. */
  public static JsonNode current(JsonParser p) throws IOException {
    return value(p);
  }

  private static JsonNode value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, value(p)); // duplicate keys: last wins, as with readTree
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) a.add(value(p));
        return a;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      // Numbers from their text, not through the parser's number accessors: those initialise
      // jackson-core's NumberInput, whose two regular expressions load java.util.regex and with it
      // the lambda runtime, ~200 classes a long-lived host would keep for nothing (stores.DirListing).
      // The nodes are the ones readTree makes (JsonTreeTest): int if it fits, long, BigInteger.
      case VALUE_NUMBER_INT:
        return integer(p.getText());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(Double.parseDouble(p.getText())); // what the parser's default double reading does

      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IOException("unexpected JSON token " + t);
    }
  }

  /** A JSON integer's text (the parser has checked its syntax: an optional '-', then digits). */
  private static JsonNode integer(String text) {
    int digits = text.length() - (text.startsWith("-") ? 1 : 0);
    if (digits <= 18) {
      long v = Long.parseLong(text);
      return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
    }
    java.math.BigInteger b = new java.math.BigInteger(text);
    if (b.bitLength() <= 63) return NODES.numberNode(b.longValue()); // 19 digits may still fit a long
    return NODES.numberNode(b);
  }
}
