package io.onecustomer.jobs.attribution;

import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CHANNEL;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CONVERSION_VALUE;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.IS_CONVERSION;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.TOUCHES;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.get;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.zip_with;

import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First-order Markov chain attribution with removal effects (Anderl et al. 2016, as in the
 * ChannelAttribution package).
 *
 * <p>Every journey is a walk {@code (start) → c₁ → … → cₙ → (conversion) | (null)} over its
 * channels (a conversion without touches walks through the none-channel). Consecutive repeats
 * are collapsed before counting: a self-loop c → c only delays the walk and changes no absorption
 * probability (P(c) = Σ_{j≠c} p_cj/(1 − p_cc) · P(j)), so dropping it is exact. Transition counts
 * (weighted by the journey weight) are aggregated in Spark; only the counts, at most (k + 1)(k + 2)
 * rows for k channels, reach the driver, where
 *
 * <ul>
 *   <li>P(conv) is the probability of absorption in (conversion) from (start): the linear system
 *       (I − Q)x = r over the k + 1 transient states, solved directly by commons-math3's LU
 *       decomposition with partial pivoting (no iteration; the residual is checked to be below
 *       {@value #RESIDUAL_TOLERANCE});
 *   <li>P(conv without c) is the same with c made a dead end (every walk entering c goes to (null));
 *   <li>removal effect RE(c) = 1 − P(conv without c) / P(conv);
 *   <li>channel totals: RE(c) / Σ RE × total conversions (and × total value);
 *   <li>per conversion ({@link #credits}): the conversion is shared among the distinct channels of
 *       its path in proportion to their removal effects.
 * </ul>
 *
 * <p>With non-converting paths ({@code markov}) the chain also learns the (null) state from them.
 * Without ({@code markov_without_nulls}) only converting paths are counted, so P(conv) = 1 and
 * (null) is reached only through a removed channel: RE(c) is then the share of conversion walks
 * that pass through c.
 */
public final class MarkovChain {
  private MarkovChain() {}

  private static final Logger LOG = LoggerFactory.getLogger(MarkovChain.class);

  /** State names; channels are prefixed with {@link #CHANNEL_STATE} so none can collide with them. */
  static final String START = "(start)";
  static final String CONVERSION = "(conversion)";
  static final String NULL = "(null)";
  static final String CHANNEL_STATE = "c:";
  static final String FROM = "from";
  static final String TO = "to";
  static final String COUNT = "count";
  static final String VALUE = "value";
  // Intermediate columns of fit().
  private static final String CHANNELS = "_channels";
  private static final String STATES = "_states";
  private static final String WEIGHT = "_weight";
  private static final String STEP = "_step";
  /** Largest accepted residual |(I − Q)x − r| of the direct solve. */
  public static final double RESIDUAL_TOLERANCE = 1e-10;
  /** Smallest pivot the LU solve accepts (as the hand-written elimination it replaced did). */
  private static final double SINGULARITY_THRESHOLD = 1e-300;

  /** One aggregated transition: how many (weighted) walks went from one state to the next. */
  public record Transition(String from, String to, double count) {}

  /**
   * The fitted chain.
   *
   * @param model {@link Models#MARKOV} or {@link Models#MARKOV_WITHOUT_NULLS}
   * @param channels the channels, sorted
   * @param transitions the aggregated transition counts (states {@code (start)}, channels,
   *     {@code (conversion)}, {@code (null)})
   * @param conversionProbability P(conv)
   * @param removalEffects RE(c) per channel
   * @param totalConversions conversions of the journeys (weighted)
   * @param totalValue their total value
   */
  public record Fit(String model, List<String> channels, List<Transition> transitions, double conversionProbability,
      Map<String, Double> removalEffects, double totalConversions, BigDecimal totalValue) {

    /** Channel totals: RE(c) / Σ RE × total conversions and value (value in exact cents). */
    public List<ChannelCredit> channelCredits() {
      return CreditAllocation.allocate(model, removalEffects, totalConversions, totalValue);
    }
  }

  /**
   * Fits the chain on the journeys (after any {@link PathTransforms} path options).
   *
   * @param includeNulls whether non-converting journeys are counted ({@code markov}) or not
   *     ({@code markov_without_nulls})
   */
  public static Fit fit(Dataset<Row> journeys, boolean includeNulls, AttributionOptions options) {
    Dataset<Row> walks = PathTransforms.withNoneTouch(journeys, options.noneChannel());
    if (!includeNulls) {
      walks = walks.filter(col(IS_CONVERSION));
    }
    Column weight = PathTransforms.weight(walks);
    Column channels = transform(col(TOUCHES), t -> concat(lit(CHANNEL_STATE), t.getField(CHANNEL)));
    Column collapsed = filter(col(CHANNELS), (c, i) -> when(i.equalTo(0), lit(true))
        .otherwise(c.notEqual(get(col(CHANNELS), i.minus(1)))));
    Column states = col(STATES);
    Column steps = size(states).minus(1);
    long limit = (long) (options.maxChannels() + 1) * (options.maxChannels() + 2);
    List<Row> rows = walks
        .select(channels.as(CHANNELS), col(IS_CONVERSION), col(CONVERSION_VALUE), weight.as(WEIGHT))
        .select(concat(array(lit(START)), collapsed,
                array(when(col(IS_CONVERSION), lit(CONVERSION)).otherwise(lit(NULL)))).as(STATES),
            col(CONVERSION_VALUE), col(WEIGHT))
        .select(explode(zip_with(slice(states, lit(1), steps), slice(states, lit(2), steps),
                (a, b) -> struct(a.as(FROM), b.as(TO)))).as(STEP), col(CONVERSION_VALUE), col(WEIGHT))
        .groupBy(col(STEP).getField(FROM).as(FROM), col(STEP).getField(TO).as(TO))
        .agg(sum(col(WEIGHT)).as(COUNT), sum(when(col(STEP).getField(TO).equalTo(CONVERSION), col(CONVERSION_VALUE)))
            .as(VALUE))
        .limit((int) Math.min(Integer.MAX_VALUE, limit + 1))
        .collectAsList();
    if (rows.size() > limit) {
      throw new IllegalArgumentException((includeNulls ? Models.MARKOV : Models.MARKOV_WITHOUT_NULLS) + ": more than "
          + limit + " transitions, so more than " + options.maxChannels()
          + " distinct channels (attribution max-channels); map rare channels to a common one first");
    }
    List<Transition> transitions = new ArrayList<>();
    double conversions = 0;
    BigDecimal value = BigDecimal.ZERO.setScale(2);
    for (Row r : rows) {
      Transition t = new Transition(stateName(r.getString(0)), stateName(r.getString(1)), r.getDouble(2));
      transitions.add(t);
      if (t.to().equals(CONVERSION)) {
        conversions += t.count();
        if (!r.isNullAt(3)) {
          value = value.add(r.getDecimal(3));
        }
      }
    }
    transitions.sort((a, b) -> a.from().equals(b.from()) ? a.to().compareTo(b.to()) : a.from().compareTo(b.from()));
    Fit fit = solve(includeNulls ? Models.MARKOV : Models.MARKOV_WITHOUT_NULLS, transitions, conversions, value,
        options.maxChannels());
    LOG.info("{}: {} channels, {} transitions, P(conversion) = {}", fit.model(), fit.channels().size(),
        transitions.size(), fit.conversionProbability());
    return fit;
  }

  /** A channel state's channel name; the special states as they are. */
  private static String stateName(String state) {
    if (!state.startsWith(CHANNEL_STATE)) {
      return state;
    }
    String channel = state.substring(CHANNEL_STATE.length());
    if (channel.equals(START) || channel.equals(CONVERSION) || channel.equals(NULL)) {
      throw new IllegalArgumentException("markov: channel name '" + channel + "' is reserved for a state of the chain");
    }
    return channel;
  }

  /**
   * Removal effects from aggregated transitions (channel states named by their channel). Package
   * visible for tests; {@link #fit} calls it on the transitions it aggregated.
   */
  static Fit solve(String model, List<Transition> transitions, double conversions, BigDecimal value, int maxChannels) {
    TreeSet<String> channelSet = new TreeSet<>();
    for (Transition t : transitions) {
      for (String s : List.of(t.from(), t.to())) {
        if (!s.equals(START) && !s.equals(CONVERSION) && !s.equals(NULL)) {
          channelSet.add(s);
        }
      }
    }
    if (channelSet.size() > maxChannels) {
      throw new IllegalArgumentException(model + ": " + channelSet.size() + " distinct channels exceed the limit of "
          + maxChannels + " (attribution max-channels); map rare channels to a common one first");
    }
    List<String> channels = new ArrayList<>(channelSet);
    Map<String, Integer> index = new LinkedHashMap<>();
    index.put(START, 0);
    for (String c : channels) {
      index.put(c, index.size());
    }
    int m = index.size();
    double[][] q = new double[m][m];
    double[] r = new double[m];
    double[] out = new double[m];
    for (Transition t : transitions) {
      out[index.get(t.from())] += t.count();
    }
    for (Transition t : transitions) {
      int i = index.get(t.from());
      if (t.to().equals(CONVERSION)) {
        r[i] += t.count() / out[i];
      } else if (!t.to().equals(NULL)) {
        q[i][index.get(t.to())] += t.count() / out[i];
      }
    }
    double p = conversionProbability(q, r, -1);
    Map<String, Double> effects = new TreeMap<>();
    for (String c : channels) {
      double without = conversionProbability(q, r, index.get(c));
      effects.put(c, p > 0 ? Math.min(1.0, Math.max(0.0, 1.0 - without / p)) : 0.0);
    }
    return new Fit(model, Collections.unmodifiableList(channels), List.copyOf(transitions), p,
        Collections.unmodifiableMap(effects), conversions, value);
  }

  /**
   * P(absorption in (conversion) from (start)) with transient transitions q, conversion
   * probabilities r, and state {@code removed} (if ≥ 0) made a dead end.
   */
  static double conversionProbability(double[][] q, double[] r, int removed) {
    int m = r.length;
    double[][] a = new double[m][m];
    double[] b = new double[m];
    for (int i = 0; i < m; i++) {
      a[i][i] = 1.0;
      if (i == removed) {
        continue; // x_removed = 0
      }
      for (int j = 0; j < m; j++) {
        a[i][j] -= q[i][j];
      }
      b[i] = r[i];
    }
    double[] x;
    try {
      // Singularity threshold 1e-300 (the library's default is 1e-11): near-singular systems are
      // legitimate here (long cycles with rare exits) and the residual check below judges the result.
      x = new LUDecomposition(new Array2DRowRealMatrix(a, false), SINGULARITY_THRESHOLD).getSolver()
          .solve(new ArrayRealVector(b, false)).toArray();
    } catch (SingularMatrixException e) {
      throw new IllegalStateException("markov: singular transition system (a channel state with no way out)", e);
    }
    for (int i = 0; i < m; i++) {
      double lhs = 0;
      for (int j = 0; j < m; j++) {
        lhs += a[i][j] * x[j];
      }
      if (Math.abs(lhs - b[i]) > RESIDUAL_TOLERANCE) {
        throw new IllegalStateException("markov: absorbing chain solve did not converge (residual "
            + Math.abs(lhs - b[i]) + " in row " + i + ")");
      }
    }
    return x[0];
  }

  /**
   * Per-conversion credits ({@code fit.model()}): each conversion is shared among the distinct
   * channels of its path in proportion to their removal effects (equally if they are all 0).
   * Apply the same path options as for the fit.
   */
  public static Dataset<Row> credits(Dataset<Row> journeys, Fit fit, AttributionOptions options) {
    return CreditAllocation.byChannelWeights(journeys, fit.model(), fit.removalEffects(), options);
  }
}
