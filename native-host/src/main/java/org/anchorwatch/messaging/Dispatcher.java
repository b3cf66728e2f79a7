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
  private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "anchorwatch-deadlines"));

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
    ScheduledFuture<?> timer = deadlines.schedule(() -> {
      if (once.claim()) onTimeout.run();
    }, lane.timeoutMillis(), TimeUnit.MILLISECONDS);
    try {
      ex.execute(() -> {
        try {
          task.run();
        } finally {
          timer.cancel(false); // a long session of quick probes leaves no timers behind
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      timer.cancel(false);
      return false;
    }
  }

  private synchronized ThreadPoolExecutor executor(Lanes.Lane lane) {
    longest.merge(lane.name(), lane.timeoutMillis(), Math::max);
    return executors.computeIfAbsent(lane.name(), n -> {
      ThreadPoolExecutor ex = new ThreadPoolExecutor(lane.threads(), lane.threads(), 30, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(lane.queue()), r -> daemon(r, "anchorwatch-" + n));
      ex.allowCoreThreadTimeOut(true);
      return ex;
    });
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
    all.values().forEach(ThreadPoolExecutor::shutdown);
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

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
