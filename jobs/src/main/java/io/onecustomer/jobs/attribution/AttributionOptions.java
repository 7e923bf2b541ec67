package io.onecustomer.jobs.attribution;

import io.onecustomer.jobs.silver.Vocabulary;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parameters of the attribution models, validated once. Path options (lookback, collapsing
 * repeats, first/last N, dropping direct) are not here: they are separate transforms in
 * {@link PathTransforms} applied to the journeys before a model runs.
 *
 * @param noneChannel channel credited for a conversion without any touch (never dropped)
 * @param directChannels channels that {@code last_non_direct} skips; {@link #noneChannel} is always
 *     treated as direct too
 * @param halfLife half-life of {@code time_decay}: a touch this long before the conversion weighs half
 *     as much as one at the conversion
 * @param positionFirst share of the first touch in {@code position_based} (paths of 3 or more touches)
 * @param positionLast share of the last touch in {@code position_based}; the middle touches share
 *     {@code 1 - positionFirst - positionLast} equally
 * @param maxChannels most distinct channels the data-driven models accept: bounds what reaches the
 *     driver (a (k+1)² transition matrix for Markov, k Shapley values)
 */
public record AttributionOptions(
    String noneChannel,
    Set<String> directChannels,
    Duration halfLife,
    double positionFirst,
    double positionLast,
    int maxChannels) {

  public static final String DEFAULT_NONE_CHANNEL = "direct/none";
  public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(7);
  public static final int DEFAULT_MAX_CHANNELS = 200;
  /** Most channels {@link #maxChannels} may be raised to: the dense Markov solve is O(k⁴) on the driver. */
  public static final int MAX_CHANNELS_LIMIT = 500;

  public AttributionOptions {
    if (noneChannel == null || noneChannel.isBlank()) {
      throw new IllegalArgumentException("attribution none-channel must be a non-empty name, got '" + noneChannel + "'");
    }
    directChannels = Set.copyOf(new TreeSet<>(directChannels));
    if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("attribution half-life must be positive, got " + halfLife);
    }
    if (!(positionFirst >= 0 && positionLast >= 0 && positionFirst + positionLast <= 1 + 1e-12)
        || positionFirst + positionLast == 0) {
      throw new IllegalArgumentException("attribution position-based shares must be >= 0 with 0 < first + last <= 1,"
          + " got first " + positionFirst + " and last " + positionLast);
    }
    if (maxChannels < 1 || maxChannels > MAX_CHANNELS_LIMIT) {
      throw new IllegalArgumentException("attribution max-channels must be between 1 and " + MAX_CHANNELS_LIMIT
          + ", got " + maxChannels);
    }
  }

  /** direct/none, {direct}, 7 days, 40/20/40, 200 channels. */
  public static AttributionOptions defaults() {
    return new AttributionOptions(DEFAULT_NONE_CHANNEL, Set.of(Vocabulary.DIRECT), DEFAULT_HALF_LIFE, 0.4, 0.4,
        DEFAULT_MAX_CHANNELS);
  }

  public AttributionOptions withNoneChannel(String name) {
    return new AttributionOptions(name, directChannels, halfLife, positionFirst, positionLast, maxChannels);
  }

  public AttributionOptions withDirectChannels(Set<String> channels) {
    return new AttributionOptions(noneChannel, channels, halfLife, positionFirst, positionLast, maxChannels);
  }

  public AttributionOptions withHalfLife(Duration d) {
    return new AttributionOptions(noneChannel, directChannels, d, positionFirst, positionLast, maxChannels);
  }

  public AttributionOptions withPositionShares(double first, double last) {
    return new AttributionOptions(noneChannel, directChannels, halfLife, first, last, maxChannels);
  }

  public AttributionOptions withMaxChannels(int n) {
    return new AttributionOptions(noneChannel, directChannels, halfLife, positionFirst, positionLast, n);
  }

  /** The channels {@code last_non_direct} skips: {@link #directChannels} plus {@link #noneChannel}. */
  public Set<String> skippedByLastNonDirect() {
    Set<String> s = new TreeSet<>(directChannels);
    s.add(noneChannel);
    return s;
  }
}
