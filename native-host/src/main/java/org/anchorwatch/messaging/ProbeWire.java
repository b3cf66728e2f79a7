package org.anchorwatch.messaging;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.anchorwatch.probe.ProbeResult;

/**
 * The {@code probe} result on the streaming API, as databind writes the record: the verdict's
 * fields unwrapped ({@code @JsonUnwrapped}: none when it is null), then chain, tls, host, port.
 * Chromium probes every new site by default, so this is routine-path output (ProbeWireTest).
 */
final class ProbeWire {
  private ProbeWire() {}

  static void probe(JsonGenerator g, ProbeResult p) throws IOException {
    g.writeStartObject();
    if (p.verdict() != null) Wire.verdictFields(g, p.verdict());
    g.writeFieldName("chain");
    if (p.chain() == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (ProbeResult.PresentedCert c : p.chain()) {
        if (c == null) {
          g.writeNull();
          continue;
        }
        g.writeStartObject();
        g.writeStringField("subject", c.subject());
        g.writeStringField("issuer", c.issuer());
        g.writeStringField("sha256", c.sha256());
        g.writeStringField("spkiSha256", c.spkiSha256());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeFieldName("tls");
    if (p.tls() == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      g.writeStringField("protocol", p.tls().protocol());
      g.writeStringField("cipherSuite", p.tls().cipherSuite());
      g.writeEndObject();
    }
    g.writeStringField("host", p.host());
    g.writeNumberField("port", p.port());
    g.writeEndObject();
  }
}
