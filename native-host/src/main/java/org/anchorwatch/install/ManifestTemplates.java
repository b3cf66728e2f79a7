package org.anchorwatch.install;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.anchorwatch.config.ExtensionIds;

/**
 * Renders manifests/{chromium,firefox}/org.anchorwatch.host.json with the launcher's absolute
 * path and the allowed ids of manifests/extension-ids.json. Parsed and re-serialised rather than string-replaced, so a path with quotes or
 * backslashes stays valid JSON; the output is deterministic so a re-install compares equal.
 */
final class ManifestTemplates {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

  private final Locations locations;
  private final ExtensionIds ids;

  ManifestTemplates(Locations locations) {
    this(locations, ExtensionIds.bundled());
  }

  ManifestTemplates(Locations locations, ExtensionIds ids) {
    this.locations = locations;
    this.ids = ids;
  }

  /** UTF-8 without BOM, one trailing newline. */
  byte[] render(Family family, Path hostPath) throws InstallException {
    String resource = Locations.RESOURCES + locations.templates().get(family);
    try (InputStream in = ManifestTemplates.class.getResourceAsStream(resource)) {
      if (in == null) throw new InstallException(InstallException.Kind.FAILED, "manifest template " + resource + " missing from the jar");
      ObjectNode m = (ObjectNode) MAPPER.readTree(in);
      if (!locations.pathPlaceholder().equals(m.path("path").asText())) {
        throw new InstallException(InstallException.Kind.FAILED, "template " + resource + " has no path placeholder " + locations.pathPlaceholder());
      }
      m.put("path", hostPath.toString());
      // the ids come from manifests/extension-ids.json, the list the host's caller check uses too
      ArrayNode allowed = m.putArray(family == Family.CHROMIUM ? "allowed_origins" : "allowed_extensions");
      (family == Family.CHROMIUM ? ids.chromiumOrigins() : ids.firefox()).forEach(allowed::add);
      return (MAPPER.writer(PRETTY).writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException | ClassCastException e) {
      throw new InstallException(InstallException.Kind.FAILED, "manifest template " + resource + " unreadable: " + e.getMessage(), e);
    }
  }
}
