package org.anchorwatch.messaging;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.anchorwatch.scan.Finding;
import org.anchorwatch.scan.ScanResult;
import org.anchorwatch.scan.StoreReport;
import org.anchorwatch.scan.Summary;

/**
 * The {@code scan} result on jackson-core's streaming API, in exactly the shape databind gives the
 * records (component order, nulls written, {@code index} left out as its {@code @JsonIgnore} says).
 *
 * <p>Why: the extension sends {@code scan} after every hello, and databind's serialisers for these
 * records were ~450 classes (~6 MB of the host's class-data archive, resident for the host's whole
 * life). ScanWireTest compares this writer with the mapper on real scans.
 */
final class ScanWire {
  private ScanWire() {}

  static void scan(JsonGenerator g, ScanResult r) throws IOException {
    g.writeStartObject();
    g.writeFieldName("stores");
    if (r.stores() == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (StoreReport s : r.stores()) store(g, s);
      g.writeEndArray();
    }
    g.writeFieldName("findings");
    if (r.findings() == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (Finding f : r.findings()) finding(g, f);
      g.writeEndArray();
    }
    g.writeFieldName("summary");
    summary(g, r.summary());
    g.writeEndObject();
  }

  private static void store(JsonGenerator g, StoreReport s) throws IOException {
    if (s == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeStringField("type", s.type());
    g.writeStringField("role", s.role());
    g.writeStringField("label", s.label());
    g.writeStringField("location", s.location());
    g.writeNumberField("certificates", s.certificates());
    g.writeFieldName("error");
    Wire.error(g, s.error());
    g.writeFieldName("warnings");
    Wire.strings(g, s.warnings());
    g.writeEndObject();
  }

  private static void finding(JsonGenerator g, Finding f) throws IOException {
    if (f == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("level", f.level());
    g.writeStringField("store", f.store());
    g.writeStringField("storeLabel", f.storeLabel());
    g.writeStringField("location", f.location());
    g.writeStringField("sha256", f.sha256());
    g.writeStringField("sha1", f.sha1());
    g.writeStringField("spkiSha256", f.spkiSha256());
    g.writeStringField("subject", f.subject());
    g.writeStringField("issuer", f.issuer());
    g.writeStringField("notAfter", f.notAfter());
    g.writeStringField("trust", f.trust());
    g.writeStringField("installedAt", f.installedAt());
    g.writeFieldName("entry");
    Wire.entry(g, f.entry());
    g.writeFieldName("attributes");
    Wire.attributes(g, f.attributes());
    g.writeFieldName("place");
    Wire.place(g, f.place());
    g.writeFieldName("inspection");
    Finding.Inspection i = f.inspection();
    if (i == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      g.writeStringField("product", i.product());
      g.writeStringField("kind", i.kind());
      g.writeStringField("source", i.source());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void summary(JsonGenerator g, Summary s) throws IOException {
    if (s == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("stores", s.stores());
    g.writeNumberField("storesWithErrors", s.storesWithErrors());
    g.writeNumberField("certificates", s.certificates());
    g.writeNumberField("blocked", s.blocked());
    g.writeNumberField("notice", s.notice());
    g.writeFieldName("interception");
    Wire.strings(g, s.interception());
    g.writeFieldName("distrusted");
    Wire.strings(g, s.distrusted());
    g.writeStringField("blocklistVersion", s.blocklistVersion());
    g.writeFieldName("policyFiles");
    Wire.strings(g, s.policyFiles());
    g.writeFieldName("policyErrors");
    Wire.strings(g, s.policyErrors());
    g.writeStringField("scannedAt", s.scannedAt());
    g.writeNumberField("blocklistSequence", s.blocklistSequence());
    g.writeEndObject();
  }
}
