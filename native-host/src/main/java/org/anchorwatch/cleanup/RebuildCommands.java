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
import org.anchorwatch.privilege.ShellQuote;
import org.anchorwatch.stores.DiscoveryContext;

/**
 * The distro's own command that regenerates bundles after anchors change, as data, by absolute
 * path: a program found through $PATH could be anyone's. On the real machine only these run.
 *
 * <p>Test mode: under a --root other than "/", ROOT/etc/anchorwatch/rebuild.json
 * ({"debian": ["/path/cmd", "arg"]}) may name a recording stand-in. It is honoured only when the
 * caller allows test mode, which a process running as root never does (a user could write that
 * file, and root would run it). Without it nothing runs under a foreign root: the real command
 * would rebuild this machine's bundles, not the root's.
 */
public final class RebuildCommands {
  public static final Map<String, List<String>> DEFAULTS = Map.of(
      "debian", List.of("/usr/sbin/update-ca-certificates"),
      "fedora", List.of("/usr/bin/update-ca-trust", "extract"),
      "arch", List.of("/usr/bin/trust", "extract-compat"),
      "suse", List.of("/usr/sbin/update-ca-certificates"));

  private final Map<String, List<String>> configured;
  private final boolean realRoot;

  private RebuildCommands(Map<String, List<String>> configured, boolean realRoot) {
    this.configured = configured;
    this.realRoot = realRoot;
  }

  /** @param testMode honour ROOT/etc/anchorwatch/rebuild.json under a foreign root (never as root) */
  public static RebuildCommands load(DiscoveryContext ctx, boolean testMode) throws AnchorwatchException {
    if (!testMode || ctx.realMachine()) return new RebuildCommands(Map.of(), ctx.realMachine());
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
      // nothing configured: nothing runs under this root
    } catch (IOException e) {
      throw new AnchorwatchException(ErrorCode.BAD_POLICY, "cannot read " + file + ": " + e.getMessage());
    }
    return new RebuildCommands(Map.copyOf(map), false);
  }

  /** The command for a distro; empty when it must not run (foreign root without a test stand-in). */
  public Optional<List<String>> command(String distro) {
    if (configured.containsKey(distro)) return Optional.of(configured.get(distro));
    if (!realRoot) return Optional.empty();
    return Optional.ofNullable(DEFAULTS.get(distro));
  }

  /** True for the built-in table's commands, which run with a clean environment after a path check. */
  public boolean builtIn(String distro) {
    return !configured.containsKey(distro);
  }

  public List<String> argv(String distro) {
    return command(distro).orElse(DEFAULTS.getOrDefault(distro, List.of("/usr/sbin/update-ca-certificates")));
  }

  public String display(String distro) {
    return ShellQuote.join(argv(distro));
  }
}
