package org.anchorwatch.scan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Findings and per-store errors together: partial failure is a result, not an exception. */
public record ScanResult(List<StoreReport> stores, List<Finding> findings, Summary summary, @JsonIgnore StoreIndex index) {

  public boolean anyBlocked() {
    return summary.blocked() > 0;
  }
}
