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
 *     driver (a (k+1)² transition matrix for Markov)
 * @param maxExactShapleyChannels {@code shapley}: a path with up to this many distinct channels gets
 *     exact Shapley values (2^n coalitions); longer ones are estimated by permutation sampling
 * @param shapleyMinJourneys {@code shapley}: a channel set's own conversion rate counts only if at
 *     least this many journeys (weights summed) have exactly that set; a rarer set is worth the best
 *     rate among its supported subsets
 * @param shapleyPermutations {@code shapley}: random orders sampled per path beyond
 *     {@code maxExactShapleyChannels}
 */
public record AttributionOptions(
    String noneChannel,
    Set<String> directChannels,
    Duration halfLife,
    double positionFirst,
    double positionLast,
    int maxChannels,
    int maxExactShapleyChannels,
    double shapleyMinJourneys,
    int shapleyPermutations) {

  public static final String DEFAULT_NONE_CHANNEL = "direct/none";
  public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(7);
  public static final int DEFAULT_MAX_CHANNELS = 200;
  /** Most channels {@link #maxChannels} may be raised to: the dense Markov solve is O(k⁴) on the driver. */
  public static final int MAX_CHANNELS_LIMIT = 500;
  public static final int DEFAULT_MAX_EXACT_SHAPLEY_CHANNELS = 15;
  /** Most channels {@link #maxExactShapleyChannels} may be raised to: 2^n coalitions per path on the driver. */
  public static final int MAX_EXACT_SHAPLEY_CHANNELS_LIMIT = 20;
  public static final double DEFAULT_SHAPLEY_MIN_JOURNEYS = 30;
  public static final int DEFAULT_SHAPLEY_PERMUTATIONS = 20_000;

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
    if (maxExactShapleyChannels < 1 || maxExactShapleyChannels > MAX_EXACT_SHAPLEY_CHANNELS_LIMIT) {
      throw new IllegalArgumentException("attribution shapley max-exact-channels must be between 1 and "
          + MAX_EXACT_SHAPLEY_CHANNELS_LIMIT + ", got " + maxExactShapleyChannels);
    }
    if (!(shapleyMinJourneys > 0 && shapleyMinJourneys < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("attribution shapley min-journeys must be positive, got " + shapleyMinJourneys);
    }
    if (shapleyPermutations < 100 || shapleyPermutations > 10_000_000) {
      throw new IllegalArgumentException("attribution shapley permutations must be between 100 and 10000000, got "
          + shapleyPermutations);
    }
  }

  /**
   * direct/none, {direct}, 7 days, 40/20/40, 200 channels; Shapley exact up to 15 channels per path,
   * 30 journeys per supported set, 20,000 permutations.
   */
  public static AttributionOptions defaults() {
    return new AttributionOptions(DEFAULT_NONE_CHANNEL, Set.of(Vocabulary.DIRECT), DEFAULT_HALF_LIFE, 0.4, 0.4,
        DEFAULT_MAX_CHANNELS, DEFAULT_MAX_EXACT_SHAPLEY_CHANNELS, DEFAULT_SHAPLEY_MIN_JOURNEYS,
        DEFAULT_SHAPLEY_PERMUTATIONS);
  }

  public AttributionOptions withNoneChannel(String name) {
    return new AttributionOptions(name, directChannels, halfLife, positionFirst, positionLast, maxChannels,
        maxExactShapleyChannels, shapleyMinJourneys, shapleyPermutations);
  }

  public AttributionOptions withDirectChannels(Set<String> channels) {
    return new AttributionOptions(noneChannel, channels, halfLife, positionFirst, positionLast, maxChannels,
        maxExactShapleyChannels, shapleyMinJourneys, shapleyPermutations);
  }

  public AttributionOptions withHalfLife(Duration d) {
    return new AttributionOptions(noneChannel, directChannels, d, positionFirst, positionLast, maxChannels,
        maxExactShapleyChannels, shapleyMinJourneys, shapleyPermutations);
  }

  public AttributionOptions withPositionShares(double first, double last) {
    return new AttributionOptions(noneChannel, directChannels, halfLife, first, last, maxChannels,
        maxExactShapleyChannels, shapleyMinJourneys, shapleyPermutations);
  }

  public AttributionOptions withMaxChannels(int n) {
    return new AttributionOptions(noneChannel, directChannels, halfLife, positionFirst, positionLast, n,
        maxExactShapleyChannels, shapleyMinJourneys, shapleyPermutations);
  }

  public AttributionOptions withMaxExactShapleyChannels(int n) {
    return new AttributionOptions(noneChannel, directChannels, halfLife, positionFirst, positionLast, maxChannels, n,
        shapleyMinJourneys, shapleyPermutations);
  }

  public AttributionOptions withShapleyMinJourneys(double n) {
    return new AttributionOptions(noneChannel, directChannels, halfLife, positionFirst, positionLast, maxChannels,
        maxExactShapleyChannels, n, shapleyPermutations);
  }

  public AttributionOptions withShapleyPermutations(int n) {
    return new AttributionOptions(noneChannel, directChannels, halfLife, positionFirst, positionLast, maxChannels,
        maxExactShapleyChannels, shapleyMinJourneys, n);
  }

  /** The channels {@code last_non_direct} skips: {@link #directChannels} plus {@link #noneChannel}. */
  public Set<String> skippedByLastNonDirect() {
    Set<String> s = new TreeSet<>(directChannels);
    s.add(noneChannel);
    return s;
  }
}
