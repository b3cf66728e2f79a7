package org.anchorwatch.cleanup;

import java.util.List;

/** The index of one backup (one apply): written last, atomically, after every blob. */
public record BackupManifest(String id, String planId, String createdAt, Plan.Target target, String mode, List<BackupItem> items) {}
