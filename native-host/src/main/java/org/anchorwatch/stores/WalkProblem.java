package org.anchorwatch.stores;

/** One entry a walk could not read, with the warning it becomes. */
final class WalkProblem extends Exception {
  private final WalkWarning code;

  WalkProblem(WalkWarning code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  String warning(Object location) {
    return code.format(location, getMessage());
  }

  WalkWarning code() {
    return code;
  }
}
