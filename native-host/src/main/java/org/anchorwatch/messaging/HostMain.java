package org.anchorwatch.messaging;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.anchorwatch.blocklist.BlocklistUpdates;
import org.anchorwatch.config.AppDirs;
import org.anchorwatch.config.Log;
import org.anchorwatch.config.Version;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.errors.ErrorInfo;
import org.anchorwatch.cleanup.CleanupContext;
import org.anchorwatch.cleanup.CleanupService;
import org.anchorwatch.messaging.handlers.ApplyHandler;
import org.anchorwatch.messaging.handlers.BackupsHandler;
import org.anchorwatch.messaging.handlers.CheckChainHandler;
import org.anchorwatch.messaging.handlers.ConfirmHandler;
import org.anchorwatch.messaging.handlers.DoctorHandler;
import org.anchorwatch.messaging.handlers.PlanHandler;
import org.anchorwatch.messaging.handlers.RestoreHandler;
import org.anchorwatch.messaging.handlers.VerifyHandler;
import org.anchorwatch.messaging.handlers.HelloHandler;
import org.anchorwatch.messaging.handlers.ProbeHandler;
import org.anchorwatch.messaging.handlers.ScanHandler;
import org.anchorwatch.scan.ScanService;
import org.anchorwatch.scan.Snapshots;

/** Native-messaging entry point: guards stdout, checks the caller, then serves frames until EOF. */
public final class HostMain {
  /** How often the store watcher looks for changes (stat calls only). */
  static final long POLL_MILLIS = 2000;

  private HostMain() {}

  /**
   * Chromium family: argv[0] = "chrome-extension://ID/" (Windows adds --parent-window=...).
   * Firefox: argv = [absolute path of the host manifest, add-on id].
   */
  public static boolean isBrowserLaunch(String[] args) {
    if (args.length == 0) return false;
    if (args[0].startsWith("chrome-extension://")) return true;
    return args.length == 2 && args[0].endsWith(".json") && args[0].startsWith("/") && !args[1].startsWith("-");
  }

  /** One in-memory conversation (replies discarded): the build-time class-data warm-up drives the real host code with it. */
  public static int serveInMemory(java.io.InputStream frames, String[] args, AppDirs dirs, Map<String, String> env) {
    return serve(new Framing(frames, java.io.OutputStream.nullOutputStream()), args, dirs, env);
  }

  static String caller(String[] args) {
    return args[0].startsWith("chrome-extension://") ? args[0] : args[1];
  }

  /** Every message type this host answers; hello lists them all as capabilities. */
  static List<Handler> handlers() {
    List<Handler> handlers = new ArrayList<>(List.of(new ScanHandler(), new CheckChainHandler(), new ProbeHandler(),
        new PlanHandler(), new ConfirmHandler(), new ApplyHandler(), new VerifyHandler(), new BackupsHandler(),
        new RestoreHandler(), new DoctorHandler()));
    List<String> capabilities = new ArrayList<>(List.of("hello"));
    for (Handler h : handlers) capabilities.add(h.type());
    handlers.add(0, new HelloHandler(capabilities));
    return handlers;
  }

  /** Cleanup for this host; a broken rebuild configuration disables it with a logged reason, not the host. */
  private static CleanupService cleanup(ScanService service, HostConfig config, AppDirs dirs) {
    try {
      return new CleanupService(CleanupContext.forUser(service, config.scanOptions(), dirs, System.getenv()), java.time.Clock.systemUTC());
    } catch (org.anchorwatch.errors.AnchorwatchException e) {
      Log.warn("cleanup unavailable: " + e.getMessage());
      return null;
    }
  }

  /** Cleanup built on first use (named classes, not lambdas: the routine path loads no lambda runtime, stores.DirListing). */
  private static final class LazyCleanup implements Supplier<CleanupService> {
    private final ScanService service;
    private final HostConfig config;
    private final AppDirs dirs;
    private CleanupService value;

    LazyCleanup(ScanService service, HostConfig config, AppDirs dirs) {
      this.service = service;
      this.config = config;
      this.dirs = dirs;
    }

    @Override
    public synchronized CleanupService get() {
      if (value == null) value = cleanup(service, config, dirs);
      return value;
    }
  }

  /** After the first reply: the start line, then the first scan and the store watcher. */
  private static final class AfterFirstReply implements Runnable {
    private final String[] args;
    private final Snapshots snapshots;

    AfterFirstReply(String[] args, Snapshots snapshots) {
      this.args = args;
      this.snapshots = snapshots;
    }

    @Override
    public void run() {
      Log.info("host " + Version.host() + " started by " + Arrays.toString(args));
      snapshots.start(POLL_MILLIS);
    }
  }

  public static int run(String[] args) {
    return run(args, null);
  }

  /**
   * {@code lists} makes the blocklist source for the host's update locations; null: the
   * compiled-in keys' one, as the program uses (above); package-private so only a test's own entry point, on the
   * test class path, can start a host that trusts a test key.
   */
  static int run(String[] args, Function<BlocklistUpdates.Locations, BlocklistUpdates> lists) {
    // Keep the real stdout for frames only; anything any library prints goes to stderr instead.
    OutputStream frames = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    PrintStream stderr = System.err;
    System.setOut(stderr);
    Map<String, String> env = System.getenv();
    AppDirs dirs = AppDirs.fromEnv(env);
    Log.init(dirs.state(), stderr);
    Framing framing = new Framing(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16), frames);
    return serve(framing, args, dirs, env, lists);
  }

  /** Everything after the stdio set-up; the CDS warm-up runs this same code over in-memory frames. */
  static int serve(Framing framing, String[] args, AppDirs dirs, Map<String, String> env) {
    return serve(framing, args, dirs, env, null);
  }

  private static int serve(Framing framing, String[] args, AppDirs dirs, Map<String, String> env,
      Function<BlocklistUpdates.Locations, BlocklistUpdates> lists) {
    String caller = caller(args);
    HostConfig config = HostConfig.load(dirs.config(), env);
    for (String problem : config.problems()) Log.warn(problem);
    if (!config.allowedCallers().contains(caller)) {
      // A refused start has no hello to keep fast, and its log should still say who started it.
      Log.info("host " + Version.host() + " started by " + Arrays.toString(args));
      Log.warn("refusing caller " + caller);
      try {
        framing.write(Wire.write(Reply.failure(com.fasterxml.jackson.databind.node.NullNode.instance, null,
            ErrorInfo.of(ErrorCode.CALLER_NOT_ALLOWED, "caller " + caller + " is not allowed to use this host"))));
      } catch (java.io.IOException e) {
        Log.warn("cannot write refusal: " + e.getMessage());
      }
      return 1;
    }
    // The list in force is re-checked (stat calls) at each hello and scan; the watcher below also
    // polls the installed list files, so installing an update rescans without a restart.
    BlocklistUpdates.Locations where = ScanService.listLocations(config.scanOptions());
    BlocklistUpdates updates = lists == null ? new BlocklistUpdates(where) : lists.apply(where);
    ScanService service = new ScanService(updates);
    List<java.nio.file.Path> watched = new ArrayList<>(service.policyFiles(config.scanOptions()));
    watched.addAll(updates.locations().files());
    try (Snapshots snapshots = new Snapshots(service, config.scanOptions(), watched)) {
      // The first scan (Bouncy Castle, every store on disk) starts once the first reply is out, so
      // that hello does not share the CPU with it; a request that needs the scan starts it itself.
      // Cleanup is built on first use for the same reason.
      snapshots.defer(POLL_MILLIS);
      Supplier<CleanupService> cleanup = new LazyCleanup(service, config, dirs);
      // The start line waits too: the log's first timestamp is a few ms of hello's CPU.
      int code = new HostLoop(framing, new HostContext(updates, snapshots, caller, cleanup), handlers(),
          new AfterFirstReply(args, snapshots)).run();
      Log.info("host exiting with " + code);
      return code;
    }
  }
}
