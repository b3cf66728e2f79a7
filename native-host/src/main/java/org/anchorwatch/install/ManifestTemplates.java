package org.anchorwatch.install;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Renders manifests/{chromium,firefox}/org.anchorwatch.host.json with the launcher's absolute
 * path. Parsed and re-serialised rather than string-replaced, so a path with quotes or
 * backslashes stays valid JSON; the output is deterministic so a re-install compares equal.
 */
final class ManifestTemplates {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

  private final Locations locations;

  ManifestTemplates(Locations locations) {
    this.locations = locations;
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
      return (MAPPER.writer(PRETTY).writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException | ClassCastException e) {
      throw new InstallException(InstallException.Kind.FAILED, "manifest template " + resource + " unreadable: " + e.getMessage(), e);
    }
  }
}
