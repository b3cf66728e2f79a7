package org.anchorwatch.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.anchorwatch.blocklist.BlocklistEntry;
import org.anchorwatch.blocklist.BlocklistUpdates;
import org.anchorwatch.blocklist.DocumentSigner;
import org.anchorwatch.blocklist.ListDocument;
import org.anchorwatch.blocklist.SigningKey;
import org.anchorwatch.blocklist.TrustedKeys;
import org.anchorwatch.blocklist.UpdateFetcher;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.errors.ErrorInfo;
import org.anchorwatch.config.Json;
import org.anchorwatch.scan.ScanOptions;
import org.anchorwatch.scan.ScanService;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code anchorwatch blocklist show|update|verify}, and {@code sign} for maintainers. */
@Command(name = "blocklist", mixinStandardHelpOptions = true,
    description = "Show the blocklist in force, or check and install a signed update.",
    subcommands = {BlocklistCommand.Show.class, BlocklistCommand.Update.class, BlocklistCommand.Verify.class, BlocklistCommand.Sign.class})
public final class BlocklistCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: show, update or verify");
  }

  /** Where the installed lists are: --root for the machine one (tests, mounted disks), --home for the user's. */
  static final class Where {
    @Option(names = "--root", paramLabel = "DIR", description = "Machine list under DIR/var/lib/anchorwatch instead of /var/lib/anchorwatch.")
    Path root;

    @Option(names = "--home", paramLabel = "DIR", description = "The user's list under DIR/.local/share/anchorwatch instead of $XDG_DATA_HOME/anchorwatch.")
    Path home;

    BlocklistUpdates updates(Map<String, String> env) {
      return new BlocklistUpdates(ScanService.listLocations(new ScanOptions(false, List.of(), root, home, null, env)));
    }
  }

  /** Instants as ISO-8601 strings (null for the bundled list, which is part of the program and does not expire). */
  public record Summary(String version, long sequence, String source, Map<String, Integer> entriesPerTier, List<String> signedBy,
      String issued, String expires, List<String> trustedKeys, List<String> retiredKeys, List<InstalledFile> installed) {}

  public record InstalledFile(String source, String path, Long sequence, ErrorInfo problem) {}

  static Summary summary(BlocklistUpdates updates) {
    BlocklistUpdates.State s = updates.state();
    ListDocument d = s.effective();
    Map<String, Integer> tiers = new TreeMap<>();
    for (BlocklistEntry e : d.blocklist().entries()) tiers.merge(e.tier().wire(), 1, Integer::sum);
    List<InstalledFile> files = new ArrayList<>();
    for (BlocklistUpdates.Candidate c : s.installed()) {
      files.add(new InstalledFile(c.source(), c.file().toString(), c.document() == null ? null : c.document().sequence(),
          c.problem() == null ? null : ErrorInfo.of(c.problem(), c.message())));
    }
    TrustedKeys keys = updates.keys();
    return new Summary(d.blocklist().version(), d.sequence(), d.blocklist().source(), tiers, d.signers(),
        Objects.toString(d.issued(), null), Objects.toString(d.expires(), null),
        List.copyOf(keys.ids()).stream().sorted().toList(), s.retiredKeys().stream().sorted().toList(), files);
  }

  static int fail(CommandLine.Model.CommandSpec spec, boolean json, AnchorwatchException e) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", false);
      m.put("error", ErrorInfo.of(e.code(), e.getMessage()));
      spec.commandLine().getOut().println(Json.pretty(m));
      spec.commandLine().getOut().flush();
    }
    spec.commandLine().getErr().println("anchorwatch: " + e.code() + ": " + e.getMessage());
    return e.code() == ErrorCode.BAD_ARGUMENT ? Cli.EXIT_USAGE : Cli.EXIT_RUNTIME;
  }

  static byte[] readInput(String fileOrUrl, Map<String, String> env) throws AnchorwatchException {
    if (fileOrUrl.regionMatches(true, 0, "https://", 0, 8) || fileOrUrl.regionMatches(true, 0, "http://", 0, 7)) {
      return UpdateFetcher.forEnvironment(env).fetch(URI.create(fileOrUrl));
    }
    byte[] b = BlocklistUpdates.readCapped(Path.of(fileOrUrl));
    if (b == null) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "no such file: " + fileOrUrl);
    return b;
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "The list in force: version, sequence, source (bundled, machine, user), entries per tier, keys and expiry.")
  static final class Show implements Callable<Integer> {
    @CommandLine.Mixin Where where;
    @Option(names = "--json", description = "Print one JSON document.") boolean json;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Summary s = summary(where.updates(Cli.env(spec)));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.pretty(s));
      } else {
        out.printf("Blocklist %s, sequence %d, from the %s list%n", s.version(), s.sequence(), s.source());
        s.entriesPerTier().forEach((t, n) -> out.printf("  %-13s %d entries%n", t, n));
        if (!s.signedBy().isEmpty()) out.printf("Signed by %s, issued %s, expires %s%n", String.join(", ", s.signedBy()), s.issued(), s.expires());
        out.printf("Trusted keys: %s%s%n", String.join(", ", s.trustedKeys()), s.retiredKeys().isEmpty() ? "" : " (retired: " + String.join(", ", s.retiredKeys()) + ")");
        for (InstalledFile f : s.installed()) {
          String state = f.problem() == null ? (f.sequence() == null ? "none" : "sequence " + f.sequence()) : "ignored, " + f.problem().code() + ": " + f.problem().message();
          out.printf("  %-8s %s: %s%n", f.source(), f.path(), state);
        }
      }
      out.flush();
      return Cli.EXIT_OK;
    }
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = "Check a signed update (a file or an https URL) and install it: for the machine when run as administrator, else for this user. "
          + "Exit 0: installed or already current; 1: refused (the installed list is unchanged); 2: usage error.")
  static final class Update implements Callable<Integer> {
    @CommandLine.Mixin Where where;
    @Parameters(paramLabel = "FILE|URL") String source;
    @Option(names = "--json", description = "Print one JSON document.") boolean json;
    @Option(names = "--scope", paramLabel = "machine|user", description = "Where to install (default: machine when run as root, else user).")
    String scope;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try {
        BlocklistUpdates.Scope target = scope(scope);
        BlocklistUpdates updates = where.updates(Cli.env(spec));
        BlocklistUpdates.Installed r = updates.install(readInput(source, Cli.env(spec)), target);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("ok", true);
          m.put("changed", r.changed());
          m.put("file", r.file().toString());
          m.put("blocklist", summary(updates));
          out.println(Json.pretty(m));
        } else if (r.changed()) {
          out.printf("Installed blocklist %s (sequence %d) at %s%n", r.document().blocklist().version(), r.document().sequence(), r.file());
        } else {
          out.printf("Already current: sequence %d is in force%n", r.document().sequence());
        }
        out.flush();
        return Cli.EXIT_OK;
      } catch (AnchorwatchException e) {
        return fail(spec, json, e);
      }
    }

    static BlocklistUpdates.Scope scope(String s) throws AnchorwatchException {
      if (s == null) return isAdministrator() ? BlocklistUpdates.Scope.MACHINE : BlocklistUpdates.Scope.USER;
      return switch (s) {
        case "machine" -> BlocklistUpdates.Scope.MACHINE;
        case "user" -> BlocklistUpdates.Scope.USER;
        default -> throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "--scope takes machine or user, not " + s);
      };
    }

    /** The effective uid owns /proc/self on Linux; elsewhere the user name is the best cheap hint. */
    static boolean isAdministrator() {
      try {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
      } catch (Exception e) {
        return "root".equals(System.getProperty("user.name"));
      }
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check a signed update file without installing it. Exit 0: it would be accepted; 1: refused, with the reason.")
  static final class Verify implements Callable<Integer> {
    @CommandLine.Mixin Where where;
    @Parameters(paramLabel = "FILE") String file;
    @Option(names = "--json", description = "Print one JSON document.") boolean json;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try {
        ListDocument d = where.updates(Cli.env(spec)).check(readInput(file, Cli.env(spec)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("ok", true);
          m.put("version", d.blocklist().version());
          m.put("sequence", d.sequence());
          m.put("entries", d.blocklist().entries().size());
          m.put("signedBy", d.signers());
          m.put("expires", d.expires().toString());
          out.println(Json.pretty(m));
        } else {
          out.printf("Valid: blocklist %s, sequence %d, %d entries, signed by %s, expires %s%n", d.blocklist().version(), d.sequence(),
              d.blocklist().entries().size(), String.join(", ", d.signers()), d.expires());
        }
        out.flush();
        return Cli.EXIT_OK;
      } catch (AnchorwatchException e) {
        return fail(spec, json, e);
      }
    }
  }

  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = "For maintainers: sign a blocklist in the bundled schema (tools/blocklist_from_tsv.py output) into an update file. "
          + "For administrators, with --kind policy: sign an organisation policy (deny/allow) with the organisation's key.")
  static final class Sign implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT.json") Path input;
    @Option(names = "--kind", defaultValue = "blocklist", paramLabel = "blocklist|policy", description = "What INPUT.json is (default ${DEFAULT-VALUE}).")
    String kind;
    @Parameters(index = "1", paramLabel = "OUT.signed") Path output;
    @Option(names = "--key", required = true, paramLabel = "KEYID=FILE", description = "Ed25519 private key (PKCS#8 PEM) and its key id. Repeatable.")
    List<String> keys;
    @Option(names = "--sequence", required = true, description = "Must be higher than every list released before.") long sequence;
    @Option(names = "--valid-days", defaultValue = "90", description = "Days until the update expires (default ${DEFAULT-VALUE}).") int validDays;
    @Option(names = "--catalog", paramLabel = "FILE", description = "JSON catalog carried in the document as \"catalog\".") Path catalog;
    @Option(names = "--retire", paramLabel = "KEYID", description = "Announce that this key id is retired. Repeatable.") List<String> retire = new ArrayList<>();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try {
        Map<String, Ed25519PrivateKeyParameters> k = new LinkedHashMap<>();
        for (String ks : keys) {
          int eq = ks.indexOf('=');
          if (eq <= 0) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "--key takes KEYID=FILE, got " + ks);
          k.put(ks.substring(0, eq), SigningKey.read(Path.of(ks.substring(eq + 1))));
        }
        if (!kind.equals("blocklist") && !kind.equals("policy")) throw new AnchorwatchException(ErrorCode.BAD_ARGUMENT, "--kind takes blocklist or policy");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] signed = DocumentSigner.sign(new DocumentSigner.Request(kind, Files.readAllBytes(input),
            catalog == null ? null : Json.MAPPER.readTree(Files.readAllBytes(catalog)), sequence, now,
            now.plus(validDays, ChronoUnit.DAYS), List.copyOf(retire), k));
        Files.write(output, signed);
        spec.commandLine().getErr().printf("signed sequence %d with %s into %s%n", sequence, String.join(", ", k.keySet()), output);
        return Cli.EXIT_OK;
      } catch (AnchorwatchException e) {
        return fail(spec, false, e);
      }
    }
  }
}
