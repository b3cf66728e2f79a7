package org.anchorwatch.messaging;

import java.util.Map;

/**
 * Where each request type runs, as data. Hello and checkChain answer on the read loop (they are
 * quick, and a slow probe must never hold them). Everything long leaves it: probes on a small
 * pool (each has its own network deadline), scans one at a time, and cleanup one at a time in
 * arrival order (one change to the stores at a time; a restore queued behind its apply waits for it).
 */
public final class Lanes {
  private Lanes() {}

  /**
   * @param threads how many requests of the lane run at once
   * @param queue how many more may wait; past that the request gets BUSY at once
   * @param timeoutMillis the per-request limit: past it the request gets REQUEST_TIMEOUT
   */
  public record Lane(String name, int threads, int queue, long timeoutMillis) {}

  public static final Lane PROBE = new Lane("probe", 4, 32, 20_000);
  public static final Lane SCAN = new Lane("scan", 1, 8, 5 * 60_000);
  public static final Lane CLEANUP = new Lane("cleanup", 1, 16, 5 * 60_000);
  /** apply and restore may wait for the OS elevation prompt; the extension's own limit is the same. */
  public static final Lane CHANGE = new Lane("cleanup", 1, 16, 15 * 60_000);

  /** Types not listed (hello, checkChain, anything a test adds) run on the read loop. */
  static final Map<String, Lane> BY_TYPE = Map.of(
      "probe", PROBE,
      "scan", SCAN,
      "plan", CLEANUP,
      "confirm", CLEANUP,
      "verify", CLEANUP,
      "backups", CLEANUP,
      "doctor", CLEANUP,
      "apply", CHANGE,
      "restore", CHANGE);

  static Lane of(String type, Map<String, Lane> table) {
    return table.get(type);
  }
}
