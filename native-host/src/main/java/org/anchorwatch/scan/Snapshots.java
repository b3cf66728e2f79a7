package org.anchorwatch.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.anchorwatch.blocklist.Judge;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.stores.StoreRef;

/**
 * Keeps the host's scan current for a long-lived connection: the first scan starts at launch in
 * the background (hello must not wait for it), a watcher polls the stores' fingerprint and
 * rescans when anything changed, and requests read the latest snapshot without touching disk.
 */
public final class Snapshots implements AutoCloseable {
  private static final long FIRST_SCAN_WAIT_SECONDS = 120;

  private final ScanService service;
  private final ScanOptions options;
  private final List<Path> policyFiles;
  private final AtomicReference<CompletableFuture<Snapshot>> current = new AtomicReference<>();
  private volatile long deferredPollMillis;
  private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(new WatcherThread());

  public Snapshots(ScanService service, ScanOptions options, List<Path> policyFiles) {
    this.service = service;
    this.options = options;
    this.policyFiles = policyFiles;
  }

  /** Starts the first scan and a watcher that rescans within {@code pollMillis} of a change. Idempotent. */
  public synchronized void start(long pollMillis) {
    if (current.get() != null) return;
    current.set(scanAsync());
    watcher.scheduleWithFixedDelay(new Poll(), pollMillis, pollMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Arms a lazy start: the first scan begins at {@link #start} or at the first {@link #get} /
   * {@link #refresh}, whichever comes first. The host uses this to answer hello before scanning.
   */
  public void defer(long pollMillis) {
    deferredPollMillis = pollMillis;
  }

  /** The latest snapshot, waiting for the first scan if it is still running. */
  public Snapshot get() throws AnchorwatchException {
    if (current.get() == null && deferredPollMillis > 0) start(deferredPollMillis);
    CompletableFuture<Snapshot> f = current.get();
    if (f == null) throw new IllegalStateException("start() not called");
    try {
      return f.get(FIRST_SCAN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AnchorwatchException(ErrorCode.INTERNAL, "interrupted while waiting for the store scan");
    } catch (TimeoutException e) {
      throw new AnchorwatchException(ErrorCode.BUSY, "the store scan is still running");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof ScanFailure sf) throw sf.cause;
      throw new AnchorwatchException(ErrorCode.INTERNAL, "store scan failed: " + c);
    }
  }

  /** A fresh scan now (the "refresh" flag of a scan request), which also becomes current. */
  public Snapshot refresh() throws AnchorwatchException {
    if (current.get() == null && deferredPollMillis > 0) {
      start(deferredPollMillis); // that first scan is fresh
      return get();
    }
    current.set(scanAsync());
    return get();
  }

  /** One poll of the watcher; package-private so a test can poll deterministically instead of waiting. */
  void rescanIfChanged() {
    try {
      CompletableFuture<Snapshot> f = current.get();
      if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
        if (f != null && f.isCompletedExceptionally()) current.set(CompletableFuture.completedFuture(scanNow()));
        return;
      }
      if (fingerprint() != f.join().fingerprint()) current.set(CompletableFuture.completedFuture(scanNow()));
    } catch (RuntimeException e) {
      // keep the last good snapshot; the next poll tries again
    }
  }

  private long fingerprint() {
    try {
      return StoreFingerprint.of(service.stores(options), policyFiles);
    } catch (AnchorwatchException e) {
      return 0;
    }
  }

  private Snapshot scanNow() {
    try {
      List<String> policyErrors = new ArrayList<>();
      long fp = fingerprint();
      Judge judge = service.judge(options, policyErrors);
      List<StoreRef> refs = service.stores(options);
      return new Snapshot(new Scanner(judge).scan(refs, policyErrors), judge, fp);
    } catch (AnchorwatchException e) {
      throw new ScanFailure(e);
    }
  }

  /** A scan on the watcher thread, as supplyAsync would run it. */
  private CompletableFuture<Snapshot> scanAsync() {
    CompletableFuture<Snapshot> f = new CompletableFuture<>();
    watcher.execute(new ScanJob(f));
    return f;
  }

  // Named classes instead of lambdas and method references: the host's routine path loads no
  // lambda runtime (~150 JDK classes kept resident for the host's life; stores.DirListing).
  private final class ScanJob implements Runnable {
    private final CompletableFuture<Snapshot> result;

    ScanJob(CompletableFuture<Snapshot> result) {
      this.result = result;
    }

    @Override
    public void run() {
      try {
        result.complete(scanNow());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }
  }

  private final class Poll implements Runnable {
    @Override
    public void run() {
      rescanIfChanged();
    }
  }

  private static final class WatcherThread implements java.util.concurrent.ThreadFactory {
    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "anchorwatch-store-watcher");
      t.setDaemon(true);
      return t;
    }
  }

  /** Carries a checked scan failure through CompletableFuture. */
  private static final class ScanFailure extends RuntimeException {
    final AnchorwatchException cause;

    ScanFailure(AnchorwatchException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }

  @Override
  public void close() {
    watcher.shutdownNow();
  }
}
