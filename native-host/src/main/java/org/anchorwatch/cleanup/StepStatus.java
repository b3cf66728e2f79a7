package org.anchorwatch.cleanup;

/**
 * How one location ended.
 *
 * @param status removed | distrusted | deselected | blocklisted | covered-by-rebuild | instructions |
 *     needs-elevation | failed | skipped | verified | still-present | restored
 */
public record StepStatus(int step, String location, String action, String status, String message) {}
