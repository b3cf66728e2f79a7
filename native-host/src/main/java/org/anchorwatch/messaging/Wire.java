package org.anchorwatch.messaging;

import org.anchorwatch.config.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.anchorwatch.config.JsonTree;
import org.anchorwatch.errors.ErrorInfo;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.probe.ProbeResult;
import org.anchorwatch.scan.ChainVerdict;
import org.anchorwatch.scan.EntryView;
import org.anchorwatch.scan.Installed;
import org.anchorwatch.scan.ScanResult;

/**
 * The host's hot path to and from JSON, on jackson-core's streaming API only.
 *
 * <p>Why not {@link Json#MAPPER}: building an ObjectMapper and its first record serialisers costs
 * ~60 ms of a cold start even with the class-data archive, and hello must be answered before any
 * heavy work. Requests become the same JsonNode trees ObjectMapper.readTree makes ({@link JsonTree});
 * hello, checkChain, scan ({@link ScanWire}), probe ({@link ProbeWire}), error replies and chunks are written by hand here,
 * in the exact shape databind gives them (WireTest and ScanWireTest compare both), so that
 * databind's serialisers never load on the routine path. Everything else (cleanup, progress
 * events) still goes through the mapper, created on first use.
 */
public final class Wire {
  private static final JsonFactory FACTORY = JsonTree.FACTORY;

  private Wire() {}

  /** Request parsing: {@link JsonTree#read(byte[])}. */
  public static JsonNode readTree(byte[] json) throws IOException {
    return JsonTree.read(json);
  }

  /** True when this class writes {@code reply} itself (no ObjectMapper needed). */
  static boolean handles(Reply reply) {
    Object r = reply.result();
    return reply.progress() == null && (r == null || handlesResult(r));
  }

  /** The results of the routine path: hello, checkChain, scan and probe (Chromium probes new sites routinely). */
  static boolean handlesResult(Object r) {
    return r instanceof HelloHandler.Hello || r instanceof ChainVerdict || r instanceof ScanResult || r instanceof ProbeResult;
  }

  /** The reply's JSON; hand-written shapes for {@link #handles} replies, the mapper for the rest. */
  public static byte[] write(Reply reply) throws IOException {
    if (!handles(reply)) return Json.MAPPER.writeValueAsBytes(reply);
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      // Reply is @JsonInclude(NON_NULL): absent type/result/error/chunk are left out, id never is.
      g.writeStartObject();
      g.writeFieldName("id");
      id(g, reply.id());
      if (reply.type() != null) g.writeStringField("type", reply.type());
      g.writeBooleanField("ok", reply.ok());
      if (reply.result() != null) {
        g.writeFieldName("result");
        result(g, reply.result());
      }
      if (reply.error() != null) {
        g.writeFieldName("error");
        error(g, reply.error());
      }
      Reply.Chunk c = reply.chunk();
      if (c != null) {
        g.writeObjectFieldStart("chunk");
        g.writeNumberField("index", c.index());
        g.writeNumberField("count", c.count());
        g.writeStringField("data", c.data());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** A result's JSON text alone (what a chunked reply splits); the mapper for shapes not written here. */
  static String resultText(Object result) throws IOException {
    if (!handlesResult(result)) return Json.MAPPER.writeValueAsString(result);
    java.io.StringWriter out = new java.io.StringWriter(1 << 16);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      result(g, result);
    }
    return out.toString();
  }

  /** UTF-8 length of {@code s} as a JSON string literal (quotes and escapes included). */
  static int quotedLength(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeString(s);
    }
    return out.size();
  }

  private static void result(JsonGenerator g, Object r) throws IOException {
    if (r instanceof HelloHandler.Hello h) hello(g, h);
    else if (r instanceof ChainVerdict v) verdict(g, v);
    else if (r instanceof ProbeResult p) ProbeWire.probe(g, p);
    else ScanWire.scan(g, (ScanResult) r);
  }

  static void error(JsonGenerator g, ErrorInfo e) throws IOException {
    if (e == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("code", e.code());
    g.writeStringField("message", e.message());
    g.writeEndObject();
  }

  private static void id(JsonGenerator g, JsonNode id) throws IOException {
    if (id == null || id.isNull()) {
      g.writeNull();
    } else if (id.isTextual()) {
      g.writeString(id.textValue());
    } else if (id.isInt() || id.isLong()) {
      g.writeNumber(id.longValue());
    } else if (id.isBigInteger()) {
      g.writeNumber(id.bigIntegerValue());
    } else {
      // HostLoop only echoes string and integer ids; anything else is written as databind would.
      g.writeRawValue(id.toString());
    }
  }

  private static void hello(JsonGenerator g, HelloHandler.Hello h) throws IOException {
    g.writeStartObject();
    g.writeStringField("host", h.host());
    g.writeNumberField("protocol", h.protocol());
    g.writeFieldName("blocklist");
    if (h.blocklist() == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      g.writeStringField("version", h.blocklist().version());
      g.writeNumberField("entries", h.blocklist().entries());
      g.writeNumberField("sequence", h.blocklist().sequence());
      g.writeStringField("source", h.blocklist().source());
      g.writeEndObject();
    }
    g.writeFieldName("capabilities");
    strings(g, h.capabilities());
    g.writeStringField("caller", h.caller());
    g.writeEndObject();
  }

  private static void verdict(JsonGenerator g, ChainVerdict v) throws IOException {
    g.writeStartObject();
    verdictFields(g, v);
    g.writeEndObject();
  }

  /** A verdict's fields without its braces: probe results carry them unwrapped ({@link ProbeWire}). */
  static void verdictFields(JsonGenerator g, ChainVerdict v) throws IOException {
    g.writeStringField("level", v.level());
    g.writeStringField("reason", v.reason());
    g.writeFieldName("entry");
    entry(g, v.entry());
    g.writeNumberField("matchedIndex", v.matchedIndex());
    g.writeFieldName("root");
    ChainVerdict.CertSummary r = v.root();
    if (r == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      g.writeStringField("subject", r.subject());
      g.writeStringField("issuer", r.issuer());
      g.writeStringField("sha256", r.sha256());
      g.writeStringField("spkiSha256", r.spkiSha256());
      g.writeFieldName("builtIn");
      if (r.builtIn() == null) g.writeNull();
      else g.writeBoolean(r.builtIn());
      g.writeEndObject();
    }
    g.writeFieldName("installedIn");
    if (v.installedIn() == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (Installed i : v.installedIn()) {
        g.writeStartObject();
        g.writeStringField("store", i.store());
        g.writeStringField("storeLabel", i.storeLabel());
        g.writeStringField("type", i.type());
        g.writeStringField("role", i.role());
        g.writeStringField("location", i.location());
        g.writeStringField("trust", i.trust());
        g.writeStringField("sha256", i.sha256());
        g.writeFieldName("attributes");
        attributes(g, i.attributes());
        g.writeFieldName("place");
        place(g, i.place());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  static void attributes(JsonGenerator g, java.util.Map<String, String> attributes) throws IOException {
    if (attributes == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    for (java.util.Map.Entry<String, String> a : attributes.entrySet()) g.writeStringField(a.getKey(), a.getValue());
    g.writeEndObject();
  }

  static void place(JsonGenerator g, org.anchorwatch.stores.Place p) throws IOException {
    if (p == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("kind", p.kind());
    g.writeStringField("app", p.app());
    g.writeStringField("profile", p.profile());
    g.writeStringField("version", p.version());
    g.writeEndObject();
  }

  static void entry(JsonGenerator g, EntryView e) throws IOException {
    if (e == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("id", e.id());
    g.writeStringField("name", e.name());
    g.writeStringField("category", e.category());
    g.writeStringField("tier", e.tier());
    g.writeStringField("severity", e.severity());
    g.writeStringField("subject", e.subject());
    g.writeStringField("issuer", e.issuer());
    g.writeStringField("notAfter", e.notAfter());
    g.writeFieldName("references");
    strings(g, e.references());
    g.writeStringField("notes", e.notes());
    g.writeStringField("source", e.source());
    g.writeEndObject();
  }

  static void strings(JsonGenerator g, List<String> list) throws IOException {
    if (list == null) {
      g.writeNull();
      return;
    }
    g.writeStartArray();
    for (String s : list) g.writeString(s);
    g.writeEndArray();
  }
}
