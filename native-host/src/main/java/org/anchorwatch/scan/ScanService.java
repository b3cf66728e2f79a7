package org.anchorwatch.scan;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.anchorwatch.blocklist.Blocklist;
import org.anchorwatch.blocklist.BlocklistUpdates;
import org.anchorwatch.blocklist.Judge;
import org.anchorwatch.blocklist.OrgPolicy;
import org.anchorwatch.blocklist.Policy;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.stores.Discovery;
import org.anchorwatch.stores.DiscoveryContext;
import org.anchorwatch.stores.StoreRef;

/**
 * The one entry point both faces call: CLI `scan` and protocol `scan`/`checkChain` render what
 * this returns and hold no logic of their own.
 */
public final class ScanService {
  private final Supplier<Blocklist> blocklist;
  private final Scanner.Opener opener;

  public ScanService(Blocklist blocklist) {
    this(new Fixed(blocklist));
  }

  /** A list that can change while the host runs (an installed signed update): read at every scan. */
  public ScanService(Supplier<Blocklist> blocklist) {
    this(blocklist, null);
  }

  /**
   * With another way to open a store (null: the real stores): the in-memory crypt32 / Security
   * stand-ins of the Windows and macOS tests.
   */
  public ScanService(Supplier<Blocklist> blocklist, Scanner.Opener opener) {
    this.blocklist = blocklist;
    this.opener = opener;
  }

  /** The blocklist in force for these options: bundled, or a newer signed update installed for the machine or the user. */
  public static ScanService forMachine(ScanOptions opts) {
    return new ScanService(new BlocklistUpdates(listLocations(opts)));
  }

  /** A list that never changes (a class, not a lambda: the routine path loads no lambda runtime, stores.DirListing). */
  private static final class Fixed implements Supplier<Blocklist> {
    private final Blocklist list;

    Fixed(Blocklist list) {
      this.list = list;
    }

    @Override
    public Blocklist get() {
      return list;
    }
  }

  public Blocklist blocklist() {
    return blocklist.get();
  }

  /** Where signed updates are installed: /var/lib/anchorwatch under --root, and the primary user's XDG data home. */
  public static BlocklistUpdates.Locations listLocations(ScanOptions opts) {
    DiscoveryContext ctx = opts.discoveryContext();
    Path user = null;
    if (!ctx.homes().isEmpty()) {
      Path home = ctx.homes().get(0);
      String xdg = ctx.realMachine() ? ctx.env().get("XDG_DATA_HOME") : null;
      boolean ownHome = home.toString().equals(ctx.env().get("HOME"));
      Path data = xdg != null && xdg.startsWith("/") && ownHome ? Path.of(xdg) : home.resolve(".local/share");
      user = data.resolve(BlocklistUpdates.USER_FILE);
    }
    return new BlocklistUpdates.Locations(ctx.reroot(BlocklistUpdates.MACHINE_FILE), user);
  }

  /** Resolves the stores to read; a malformed --store is a usage error (thrown). */
  public List<StoreRef> stores(ScanOptions opts) throws AnchorwatchException {
    Map<Path, StoreRef> refs = new LinkedHashMap<>();
    for (String spec : opts.stores()) {
      StoreRef r = ScanOptions.parseStore(spec);
      refs.putIfAbsent(r.path(), r);
    }
    if (opts.defaultStores()) {
      for (StoreRef r : Discovery.discover(opts.discoveryContext())) refs.putIfAbsent(r.path(), r);
    }
    return List.copyOf(refs.values());
  }

  /**
   * System policy (/etc/anchorwatch/policy.json under --root) always applies, and so does the
   * organisation's signed policy (/etc/anchorwatch/policy.signed) when it verifies; the per-user one
   * ($XDG_CONFIG_HOME/anchorwatch/policy.json) unless --policy names another. An explicit policy
   * that cannot be read is thrown (the user asked for it); a broken default one is reported.
   */
  public Judge judge(ScanOptions opts, List<String> policyErrors) throws AnchorwatchException {
    DiscoveryContext ctx = opts.discoveryContext();
    Policy policy = loadQuietly(ctx.reroot("/etc/anchorwatch/policy.json"), policyErrors);
    try {
      policy = policy.merge(OrgPolicy.load(ctx.reroot(OrgPolicy.FILE), ctx.reroot(OrgPolicy.KEYS_DIR),
          OrgPolicy.expectedOwner(ctx.realMachine()), Clock.systemUTC()));
    } catch (AnchorwatchException e) {
      policyErrors.add(e.getMessage());
    }
    if (opts.policy() != null) {
      policy = policy.merge(Policy.load(opts.policy(), true));
    } else {
      for (Path home : ctx.homes()) {
        policy = policy.merge(loadQuietly(Discovery.xdgConfig(ctx, home).resolve("anchorwatch/policy.json"), policyErrors));
        break; // the primary user's policy only
      }
    }
    return new Judge(blocklist.get(), policy);
  }

  /** The policy files a scan with these options reads, for change detection. */
  public List<Path> policyFiles(ScanOptions opts) {
    DiscoveryContext ctx = opts.discoveryContext();
    List<Path> files = new ArrayList<>();
    files.add(ctx.reroot("/etc/anchorwatch/policy.json"));
    files.add(ctx.reroot(OrgPolicy.FILE));
    if (opts.policy() != null) files.add(opts.policy());
    else if (!ctx.homes().isEmpty()) files.add(Discovery.xdgConfig(ctx, ctx.homes().get(0)).resolve("anchorwatch/policy.json"));
    return files;
  }

  public ScanResult scan(ScanOptions opts) throws AnchorwatchException {
    List<String> policyErrors = new ArrayList<>();
    Judge judge = judge(opts, policyErrors);
    return new Scanner(judge, opener).scan(stores(opts), policyErrors);
  }

  private static Policy loadQuietly(Path file, List<String> errors) {
    try {
      return Policy.load(file, false);
    } catch (AnchorwatchException e) {
      errors.add(e.getMessage());
      return Policy.EMPTY;
    }
  }
}
