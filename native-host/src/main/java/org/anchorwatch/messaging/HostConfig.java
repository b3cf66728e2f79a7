package org.anchorwatch.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorwatch.config.ExtensionIds;
import org.anchorwatch.config.JsonTree;
import org.anchorwatch.scan.ScanOptions;

/**
 * What a browser-launched host reads instead of command-line options:
 * $XDG_CONFIG_HOME/anchorwatch/host.json =
 * {"allowedCallers": [...], "stores": ["nss:/path", ...], "defaultStores": true, "root": "/", "policy": "/path"}.
 * The built-in caller list holds the published extension ids; admins and tests add theirs here.
 */
public record HostConfig(Set<String> allowedCallers, ScanOptions scanOptions, List<String> problems) {

  /** Published and development (manifest "key"-pinned) ids: manifests/extension-ids.json, as the host manifests. */
  public static final Set<String> BUILT_IN_CALLERS = ExtensionIds.bundled().callers();

  public static HostConfig load(Path configDir, Map<String, String> env) {
    return load(configDir, env, BUILT_IN_CALLERS);
  }

  /** With another build's ids (tests: a store id filled in at build time). */
  static HostConfig load(Path configDir, Map<String, String> env, Set<String> builtInCallers) {
    Set<String> callers = new LinkedHashSet<>(builtInCallers);
    List<String> problems = new ArrayList<>();
    boolean defaults = true;
    List<String> stores = new ArrayList<>();
    Path root = null;
    Path policy = null;
    Path file = configDir.resolve("host.json");
    // Nearly every host has no host.json: one stat, and neither the identity (/proc, a regex) nor
    // a NoSuchFileException is paid for before hello.
    if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return new HostConfig(Set.copyOf(callers), new ScanOptions(defaults, List.of(), null, null, null, env), problems);
    }
    if (org.anchorwatch.privilege.Identity.current().isRoot() && !org.anchorwatch.privilege.TrustedPaths.isTrusted(file)) {
      // a host running as root takes no options from a file another user could have written
      problems.add(file + " can be written by a user other than root; ignored by a host running as root");
      return new HostConfig(Set.copyOf(callers), new ScanOptions(true, List.of(), null, null, null, env), problems);
    }
    try {
      JsonNode n = JsonTree.read(Files.readAllBytes(file)); // no ObjectMapper on the hello path
      if (n != null && n.isObject()) {
        for (JsonNode c : n.path("allowedCallers")) callers.add(c.asText());
        for (JsonNode s : n.path("stores")) stores.add(s.asText());
        defaults = n.path("defaultStores").asBoolean(true);
        if (n.hasNonNull("root")) root = Path.of(n.get("root").asText());
        if (n.hasNonNull("policy")) policy = Path.of(n.get("policy").asText());
      } else {
        problems.add(file + " must hold a JSON object; ignored");
      }
    } catch (NoSuchFileException e) {
      // no host config: built-in callers, this machine's stores
    } catch (IOException e) {
      problems.add(file + " unreadable, ignored: " + e.getMessage());
    }
    return new HostConfig(Set.copyOf(callers), new ScanOptions(defaults, List.copyOf(stores), root, null, policy, env), problems);
  }
}
