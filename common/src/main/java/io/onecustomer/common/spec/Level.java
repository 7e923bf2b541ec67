package io.onecustomer.common.spec;

import java.util.Locale;

/** What a failed check does: stop the job before its commit, or be recorded and let it go on. */
public enum Level {
  ERROR,
  WARNING;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
