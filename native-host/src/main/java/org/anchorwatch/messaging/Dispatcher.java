package org.anchorwatch.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.anchorwatch.config.Log;

/**
 * Runs requests off the read loop, one bounded executor per lane ({@link Lanes}), and arms a
 * per-request deadline. Exactly one of the task's reply and the timeout reply wins ({@link Once}).
 */
final class Dispatcher {
  private final Map<String, ThreadPoolExecutor> executors = new HashMap<>();
  private final Map<String, Long> longest = new HashMap<>();
  /** Fires timeouts; daemon, so an idle one never keeps the host alive. */
  private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(new Daemons("anchorwatch-deadlines"));

  /** Set by whichever of the final reply and the timeout comes first. */
  static final class Once {
    private final AtomicBoolean done = new AtomicBoolean();

    boolean open() {
      return !done.get();
    }

    boolean claim() {
      return done.compareAndSet(false, true);
    }
  }

  /**
   * Queues task on lane; onTimeout runs if the task has not claimed its Once within the lane's
   * limit (counted from now: waiting in the queue counts). False when the lane's queue is full.
   */
  boolean submit(Lanes.Lane lane, Once once, Runnable task, Runnable onTimeout) {
    ThreadPoolExecutor ex = executor(lane);
    ScheduledFuture<?> timer = deadlines.schedule(new Deadline(once, onTimeout), lane.timeoutMillis(), TimeUnit.MILLISECONDS);
    try {
      ex.execute(new Cancelling(task, timer));
      return true;
    } catch (RejectedExecutionException e) {
      timer.cancel(false);
      return false;
    }
  }

  private synchronized ThreadPoolExecutor executor(Lanes.Lane lane) {
    Long before = longest.get(lane.name());
    if (before == null || before < lane.timeoutMillis()) longest.put(lane.name(), lane.timeoutMillis());
    ThreadPoolExecutor ex = executors.get(lane.name());
    if (ex == null) {
      ex = new ThreadPoolExecutor(lane.threads(), lane.threads(), 30, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(lane.queue()), new Daemons("anchorwatch-" + lane.name()));
      ex.allowCoreThreadTimeOut(true);
      executors.put(lane.name(), ex);
    }
    return ex;
  }

  /**
   * End of input: no new work; waits for what is queued or running, each lane at most its longest
   * limit (a cleanup step is never cut off by the browser closing the port mid-apply).
   */
  void drain() {
    Map<String, ThreadPoolExecutor> all;
    synchronized (this) {
      all = Map.copyOf(executors);
    }
    for (ThreadPoolExecutor ex : all.values()) ex.shutdown();
    for (var e : all.entrySet()) {
      try {
        if (!e.getValue().awaitTermination(longest.get(e.getKey()), TimeUnit.MILLISECONDS)) {
          Log.warn("lane " + e.getKey() + " still busy at exit");
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    deadlines.shutdownNow();
  }

  // Named classes, not lambdas: the host's routine path loads no lambda runtime (stores.DirListing).

  private static final class Daemons implements java.util.concurrent.ThreadFactory {
    private final String name;

    Daemons(String name) {
      this.name = name;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    }
  }

  private static final class Deadline implements Runnable {
    private final Once once;
    private final Runnable onTimeout;

    Deadline(Once once, Runnable onTimeout) {
      this.once = once;
      this.onTimeout = onTimeout;
    }

    @Override
    public void run() {
      if (once.claim()) onTimeout.run();
    }
  }

  /** The task, then its timer cancelled: a long session of quick probes leaves no timers behind. */
  private static final class Cancelling implements Runnable {
    private final Runnable task;
    private final ScheduledFuture<?> timer;

    Cancelling(Runnable task, ScheduledFuture<?> timer) {
      this.task = task;
      this.timer = timer;
    }

    @Override
    public void run() {
      try {
        task.run();
      } finally {
        timer.cancel(false);
      }
    }
  }
}
