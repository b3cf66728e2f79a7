package org.anchorwatch.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.DiscoveryContext;

/**
 * The distro's own command that regenerates bundles after anchors change, as data. Configuration
 * (ROOT/etc/anchorwatch/rebuild.json, {"debian": ["/path/cmd", "arg"]}) may replace a command;
 * tests use it for a recording stand-in. With a --root other than "/" and no configured command,
 * nothing runs: the real command would rebuild this machine's bundles, not the root's.
 */
public final class RebuildCommands {
  public static final Map<String, List<String>> DEFAULTS = Map.of(
      "debian", List.of("update-ca-certificates"),
      "fedora", List.of("update-ca-trust", "extract"),
      "arch", List.of("trust", "extract-compat"),
      "suse", List.of("update-ca-certificates"));

  private final Map<String, List<String>> configured;
  private final boolean realRoot;

  private RebuildCommands(Map<String, List<String>> configured, boolean realRoot) {
    this.configured = configured;
    this.realRoot = realRoot;
  }

  public static RebuildCommands load(DiscoveryContext ctx) throws AnchorwatchException {
    Path file = ctx.reroot("/etc/anchorwatch/rebuild.json");
    Map<String, List<String>> map = new HashMap<>();
    try {
      JsonNode n = new ObjectMapper().readTree(Files.readAllBytes(file));
      if (n == null || !n.isObject()) throw new AnchorwatchException(ErrorCode.BAD_POLICY, file + " must hold a JSON object");
      for (var it = n.fields(); it.hasNext(); ) {
        var e = it.next();
        List<String> cmd = new ArrayList<>();
        e.getValue().forEach(a -> cmd.add(a.asText()));
        if (cmd.isEmpty()) throw new AnchorwatchException(ErrorCode.BAD_POLICY, file + ": empty command for " + e.getKey());
        map.put(e.getKey(), List.copyOf(cmd));
      }
    } catch (NoSuchFileException e) {
      // defaults only
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.BAD_POLICY, "cannot read " + file + ": " + e.getMessage());
    }
    return new RebuildCommands(Map.copyOf(map), ctx.realMachine());
  }

  /** The command for a distro; empty when it must not run (foreign root without configuration). */
  public Optional<List<String>> command(String distro) {
    if (configured.containsKey(distro)) return Optional.of(configured.get(distro));
    if (!realRoot) return Optional.empty();
    return Optional.ofNullable(DEFAULTS.get(distro));
  }

  public String display(String distro) {
    return String.join(" ", command(distro).orElse(DEFAULTS.getOrDefault(distro, List.of("?"))));
  }
}
