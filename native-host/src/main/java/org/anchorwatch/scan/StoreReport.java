package org.anchorwatch.scan;

import java.util.List;
import org.anchorwatch.errors.ErrorInfo;

/** One store's line in a scan: how many certificates it yielded, or why it could not be read. */
public record StoreReport(String id, String type, String role, String label, String location,
    int certificates, ErrorInfo error, List<String> warnings) {}
