package io.onecustomer.jobs.attribution;

/**
 * How paths are reshaped before a model runs ({@link PathTransforms#withPathOptions}), applied in
 * this order: drop the direct channels, collapse consecutive repeats, keep the first or last N
 * touches.
 *
 * @param dropDirect remove the touches of {@link AttributionOptions#directChannels()}
 * @param collapseRepeats collapse consecutive touches of one channel into the first of them
 * @param keepFirst keep only the first N touches (0: all)
 * @param keepLast keep only the last N touches (0: all)
 */
public record PathOptions(boolean dropDirect, boolean collapseRepeats, int keepFirst, int keepLast) {

  public PathOptions {
    if (keepFirst < 0 || keepLast < 0) {
      throw new IllegalArgumentException("attribution keep-first and keep-last must be >= 0 (0: all), got "
          + keepFirst + " and " + keepLast);
    }
    if (keepFirst > 0 && keepLast > 0) {
      throw new IllegalArgumentException("attribution keep-first and keep-last exclude each other, got "
          + keepFirst + " and " + keepLast);
    }
  }

  /** Paths as they are. */
  public static PathOptions none() {
    return new PathOptions(false, false, 0, 0);
  }
}
