package org.anchorwatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorwatch.scan.ScanOptions;
import picocli.CommandLine.Option;

/** The store selection every command shares (scan now; plan, remove, restore later). */
public final class StoreOptions {
  @Option(names = "--store", paramLabel = "TYPE:PATH",
      description = "Add a store: nss:DIR (NSS sql database), pem:PATH (file, bundle or directory), keystore:FILE (JKS/PKCS12). Repeatable.")
  List<String> stores = new ArrayList<>();

  @Option(names = "--no-default-stores", description = "Do not discover this machine's stores; read only --store ones.")
  boolean noDefaultStores;

  @Option(names = "--root", paramLabel = "DIR", description = "Discover system stores under DIR instead of / (tests, mounted disks).")
  Path root;

  @Option(names = "--home", paramLabel = "DIR", description = "Discover per-user stores under DIR instead of $HOME.")
  Path home;

  @Option(names = "--policy", paramLabel = "FILE", description = "Local policy file (default: $XDG_CONFIG_HOME/anchorwatch/policy.json; /etc/anchorwatch/policy.json always applies).")
  Path policy;

  public ScanOptions toScanOptions(Map<String, String> env) {
    return new ScanOptions(!noDefaultStores, List.copyOf(stores), root, home, policy, env);
  }
}
