package io.onecustomer.common.spec;

/** What a failed check does: stop the job before its commit, or be recorded and let it go on. */
public enum Level {
  ERROR,
  WARNING;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
