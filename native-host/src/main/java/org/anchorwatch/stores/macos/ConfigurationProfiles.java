package org.anchorwatch.stores.macos;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.anchorwatch.certs.BadCertificateException;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.stores.DerKeys;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Which certificates a configuration profile (MDM, .mobileconfig: how the Kazakh root reached
 * Macs) installed. A program cannot remove those: the person removes the profile in System
 * Settings. Read from {@code /usr/bin/profiles show -output stdout-xml}; any dictionary whose
 * PayloadType is a certificate payload contributes the certificate(s) in its PayloadContent, and
 * the nearest enclosing ProfileDisplayName names it. The walk does not depend on the exact nesting,
 * which was taken from Apple's Configuration Profile Reference, not from a real Mac [unverified].
 */
public final class ConfigurationProfiles {
  private ConfigurationProfiles() {}

  static final Set<String> CERT_PAYLOADS = Set.of("com.apple.security.root", "com.apple.security.pkcs1", "com.apple.security.pem");

  /** The profiles command; tests give canned output. */
  public interface Source {
    byte[] showXml();
  }

  /** Runs /usr/bin/profiles; no output (not macOS, not permitted, timeout) means no profiles known. */
  public static final Source SYSTEM = () -> {
    try {
      Process p = new ProcessBuilder("/usr/bin/profiles", "show", "-output", "stdout-xml").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : new byte[0];
    } catch (IOException e) {
      return new byte[0];
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new byte[0];
    }
  };

  /** SHA-256 of each profile-installed certificate → the profile's display name (or identifier). */
  public static Map<String, String> parse(byte[] xml) {
    Map<String, String> out = new HashMap<>();
    if (xml.length == 0) return out;
    try {
      Element root = builder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
      walk(root, null, out);
    } catch (IOException | SAXException | ParserConfigurationException e) {
      // unreadable output: no profile is known, cleanup falls back to the API's own refusal
    }
    return out;
  }

  /** Apple plists carry a DOCTYPE: allowed, but nothing external is ever loaded or expanded. */
  private static DocumentBuilder builder() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setExpandEntityReferences(false);
    f.setXIncludeAware(false);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setEntityResolver((publicId, systemId) -> new org.xml.sax.InputSource(new java.io.StringReader("")));
    return b;
  }

  private static void walk(Node n, String profile, Map<String, String> out) {
    if (n instanceof Element e && e.getTagName().equals("dict")) {
      Map<String, Element> d = entries(e);
      String name = text(d.get("ProfileDisplayName"));
      if (name == null) name = text(d.get("ProfileIdentifier"));
      if (name != null) profile = name;
      String type = text(d.get("PayloadType"));
      if (type != null && CERT_PAYLOADS.contains(type) && d.get("PayloadContent") != null) {
        for (byte[] der : certificates(d.get("PayloadContent"))) out.put(DerKeys.sha256(der), profile == null ? "" : profile);
      }
    }
    for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) walk(c, profile, out);
  }

  /** {@code <key>K</key><value/>} pairs of a plist dict. */
  private static Map<String, Element> entries(Element dict) {
    Map<String, Element> m = new HashMap<>();
    String key = null;
    for (Node c = dict.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (!(c instanceof Element e)) continue;
      if (e.getTagName().equals("key")) key = e.getTextContent().strip();
      else if (key != null) {
        m.put(key, e);
        key = null;
      }
    }
    return m;
  }

  private static String text(Element e) {
    return e != null && e.getTagName().equals("string") ? e.getTextContent().strip() : null;
  }

  /** A {@code <data>} holding DER or PEM, anywhere inside the payload content. */
  private static List<byte[]> certificates(Element content) {
    List<byte[]> out = new java.util.ArrayList<>();
    List<Element> data = new java.util.ArrayList<>();
    if (content.getTagName().equals("data")) data.add(content);
    var nested = content.getElementsByTagName("data");
    for (int i = 0; i < nested.getLength(); i++) data.add((Element) nested.item(i));
    for (Element d : data) {
      try {
        byte[] bytes = Base64.getMimeDecoder().decode(d.getTextContent().strip().getBytes(StandardCharsets.US_ASCII));
        for (var c : CertParser.parseAny(bytes)) out.add(c.der());
      } catch (IllegalArgumentException | BadCertificateException notACertificate) {
        // other data in the payload (a password, a key): not ours
      }
    }
    return out;
  }
}
