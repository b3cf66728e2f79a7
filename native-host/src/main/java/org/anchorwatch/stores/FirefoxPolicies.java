package org.anchorwatch.stores;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anchorwatch.config.JsonTree;

/**
 * Firefox enterprise policies install roots at every start ("Certificates": {"Install": [...]}),
 * so a root placed there comes back after any removal from a profile. Each listed file that
 * exists becomes a store of role POLICY, labelled with the policy file that names it. Entries
 * are absolute paths or bare names looked up in Mozilla's certificate directories and ~/.mozilla/certificates.
 */
public final class FirefoxPolicies {
  private FirefoxPolicies() {}

  private record Found(StoreRef ref, Path policy) {}

  static List<StoreRef> find(DiscoveryContext ctx) {
    List<StoreRef> refs = new ArrayList<>();
    for (Found f : installed(ctx)) refs.add(f.ref());
    return refs;
  }

  private static List<Found> installed(DiscoveryContext ctx) {
    List<Found> out = new ArrayList<>();
    for (String policyPath : LinuxLayout.FIREFOX_POLICY_FILES) {
      Path policy = ctx.reroot(policyPath);
      if (!Files.isRegularFile(policy)) continue;
      JsonNode root;
      try {
        root = JsonTree.read(Files.readAllBytes(policy));
      } catch (IOException e) {
        continue; // an unreadable or broken policy installs nothing in Firefox either
      }
      for (JsonNode entry : root.path("policies").path("Certificates").path("Install")) {
        Path file = resolve(entry.asText(""), ctx);
        if (file != null) {
          out.add(new Found(new StoreRef(StoreType.PEM, file, Role.POLICY, "Firefox enterprise policy " + policy, PemRules.DEFAULT, false), policy));
        }
      }
    }
    return out;
  }

  /** The policy file whose Certificates.Install names this certificate file, if any. */
  public static java.util.Optional<Path> policyFor(Path certFile, DiscoveryContext ctx) {
    for (Found f : installed(ctx)) if (f.ref().path().equals(certFile)) return java.util.Optional.of(f.policy());
    return java.util.Optional.empty();
  }

  private static Path resolve(String name, DiscoveryContext ctx) {
    if (name.isBlank()) return null;
    if (name.startsWith("/")) {
      Path p = ctx.reroot(name);
      return Files.isRegularFile(p) ? p : null;
    }
    List<Path> candidates = new ArrayList<>();
    for (String dir : LinuxLayout.FIREFOX_POLICY_CERT_DIRS) candidates.add(ctx.reroot(dir).resolve(name));
    for (Path home : ctx.homes()) candidates.add(home.resolve(".mozilla/certificates").resolve(name));
    for (Path c : candidates) if (Files.isRegularFile(c)) return c;
    return null;
  }
}
