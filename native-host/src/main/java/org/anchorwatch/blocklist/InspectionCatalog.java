package org.anchorwatch.blocklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anchorwatch.certs.CertInfo;

/**
 * Products that generate their own inspection root per install (antivirus web shields, corporate
 * TLS inspection, debugging proxies). No key can be listed for them, but their names are stable,
 * so a notice can say who is inspecting. Data: inspection-catalog.json, one source per row.
 */
public final class InspectionCatalog {
  /** One product; kind is antivirus, corporate or debugging. */
  public record Product(String id, String name, String kind, SubjectMatch match, String source) {}

  private final List<Product> products;

  public InspectionCatalog(List<Product> products) {
    this.products = List.copyOf(products);
  }

  public static InspectionCatalog bundled() {
    List<Product> list = new ArrayList<>();
    for (JsonNode n : BundledData.read("inspection-catalog.json").path("products")) {
      list.add(new Product(n.path("id").asText(), n.path("name").asText(), n.path("kind").asText(),
          SubjectMatch.fromJson(n.path("match")), n.path("source").asText()));
    }
    return new InspectionCatalog(list);
  }

  public List<Product> products() {
    return products;
  }

  public Optional<Product> match(CertInfo cert) {
    for (Product p : products) if (p.match().matches(cert)) return Optional.of(p);
    return Optional.empty();
  }
}
