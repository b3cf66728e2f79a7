package org.anchorwatch.cleanup;

/** One line of an apply's progress: phase validate | backup | remove | elevate | rebuild | verify | done. */
public record ProgressEvent(String phase, int step, String status, String message) {}
