package io.onecustomer.jobs.attribution;

import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CHANNEL;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CONVERSION_VALUE;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.IS_CONVERSION;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.TOUCHES;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.spark.Cols;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shapley-value attribution over channel sets with coalition conversion rates ({@code shapley}),
 * the ordinary Shapley value of each converting path's channels.
 *
 * <p>A journey's coalition is the set of distinct channels on its path (order and repeats
 * ignored). The none-channel is not a player: a conversion without touches is credited to it in
 * full and its journeys are left out of the game. Per observed set T, aggregated in Spark: n(T)
 * journeys and c(T) conversions (journey weights summed), r(T) = c(T)/n(T). The characteristic
 * function, on sets of channels S:
 *
 * <ul>
 *   <li>v(∅) = 0 (journeys without touches are not observed: a customer without touches and without
 *       conversion has no journey);
 *   <li>v(S) = r(S) if S is <em>supported</em>: at least {@link AttributionOptions#shapleyMinJourneys}
 *       journeys have exactly the set S;
 *   <li>otherwise (S rare or never observed) v(S) = the largest r(R) of a supported R ⊂ S, 0 if none:
 *       a coalition without evidence of its own is worth what its best supported part achieves, so a
 *       channel added to it without evidence adds nothing.
 * </ul>
 *
 * Each converting set T plays its own game, on the subsets of T (the counterfactual paths with
 * some of its channels taken away): φ_T(c) = Σ_{S ⊆ T∖{c}} |S|!(|T|−|S|−1)!/|T|! · (v(S ∪ {c}) −
 * v(S)), so Σ_{c∈T} φ_T(c) = v(T). A conversion with set T is shared among the channels of T in
 * proportion to max(φ_T(c), 0) (negative values, a channel whose presence lowers the rate, get
 * nothing; equally if none is positive). Up to {@link AttributionOptions#maxExactShapleyChannels}
 * channels in T the value is exact (2^|T| coalitions); beyond, it is estimated from
 * {@link AttributionOptions#shapleyPermutations} random orders of T (seeded by T: reproducible),
 * with error at most v̄·√(2 ln(2/δ)/P) per channel with probability 1 − δ, v̄ the largest
 * supported rate within T (Hoeffding); the estimates still sum exactly to v(T).
 *
 * <p>Only the per-set aggregates reach the driver: one row per observed channel set that is
 * supported or has a conversion.
 */
public final class ShapleyModel {
  private ShapleyModel() {}

  private static final Logger LOG = LoggerFactory.getLogger(ShapleyModel.class);
  private static final String SET = "_channel_set";
  private static final String CONVERSIONS = "_conversions";
  private static final String JOURNEYS = "_journeys";
  private static final String VALUE = "_value";
  private static final String WEIGHTS = "_shapley_weights";
  /** Seed of the permutation sampling, mixed with the coalition's channel names. */
  static final long SEED = 0x5DEECE66DL;

  /**
   * An observed channel set (sorted, none-channel removed) with its journeys and conversions
   * (journey weights summed) and the conversions' value.
   */
  public record Coalition(List<String> channels, double journeys, double conversions, BigDecimal value) {
    public double rate() {
      return conversions / journeys;
    }
  }

  /**
   * The fitted model.
   *
   * @param model {@link Models#SHAPLEY}
   * @param game the characteristic function
   * @param coalitions the collected channel sets: supported or converting (none-channel conversions
   *     are not among them)
   * @param values φ_T per converting set T (unclamped; a key is a sorted channel list)
   * @param noneChannel the none-channel, no player
   * @param noneConversions conversions without touches, credited to the none-channel
   * @param noneValue their value
   * @param totalConversions all conversions (weighted), the none-channel's included
   * @param totalValue their value
   */
  public record Fit(String model, Game game, List<Coalition> coalitions, Map<List<String>, Map<String, Double>> values,
      String noneChannel, double noneConversions, BigDecimal noneValue, double totalConversions,
      BigDecimal totalValue) {

    /** φ_T of a channel set (any order, repeats ignored; the none-channel is no player). */
    public Map<String, Double> shapley(Collection<String> channels) {
      List<String> key = key(channels, noneChannel);
      Map<String, Double> phi = values.get(key);
      return phi != null ? phi : game.shapley(key);
    }

    /**
     * Channel totals: every converting set's conversions and value shared as its conversions are
     * (clamped φ_T, cents by {@link CreditAllocation}'s rule per set), summed; the none-channel gets
     * the conversions without touches. Every channel of the fit has a row (0 if never credited).
     * These are the sums of the per-conversion credits (value up to the cent rounding per conversion).
     */
    public List<ChannelCredit> channelCredits() {
      Map<String, Double> conversions = new TreeMap<>();
      Map<String, BigDecimal> value = new TreeMap<>();
      for (Coalition c : coalitions) {
        c.channels().forEach(ch -> {
          conversions.putIfAbsent(ch, 0.0);
          value.putIfAbsent(ch, BigDecimal.ZERO.setScale(2));
        });
        if (c.conversions() > 0) {
          for (ChannelCredit cc : CreditAllocation.allocate(model, clamped(values.get(c.channels())), c.conversions(),
              c.value())) {
            conversions.merge(cc.channel(), cc.conversions(), Double::sum);
            value.merge(cc.channel(), cc.value(), BigDecimal::add);
          }
        }
      }
      if (noneConversions > 0) {
        conversions.merge(noneChannel, noneConversions, Double::sum);
        value.merge(noneChannel, noneValue.setScale(2), BigDecimal::add);
      }
      List<ChannelCredit> out = new ArrayList<>();
      conversions.forEach((ch, conv) -> out.add(new ChannelCredit(ch, model, conv, value.get(ch))));
      return out;
    }
  }

  /**
   * The characteristic function: conversion rates of the supported channel sets (sorted lists).
   * v(S) is the rate of S if S is supported, else the largest rate of a supported subset of S (0 if
   * none); v(∅) = 0.
   */
  public static final class Game {
    private final Map<List<String>, Double> rates;
    private final int maxExactChannels;
    private final int permutations;

    /** @param rates supported sets (sorted, distinct channels) and their conversion rates in [0, 1] */
    public Game(Map<List<String>, Double> rates, int maxExactChannels, int permutations) {
      Map<List<String>, Double> r = new HashMap<>();
      rates.forEach((s, rate) -> {
        if (s.isEmpty() || !(rate >= 0 && rate <= 1)) {
          throw new IllegalArgumentException("shapley: a supported coalition needs channels and a rate in [0, 1], got "
              + s + " = " + rate);
        }
        r.put(List.copyOf(new TreeSet<>(s)), rate);
      });
      this.rates = Collections.unmodifiableMap(r);
      this.maxExactChannels = maxExactChannels;
      this.permutations = permutations;
    }

    /** The supported sets and their rates. */
    public Map<List<String>, Double> rates() {
      return rates;
    }

    /** v(S) straight from the definition (a scan of the supported sets; for checks, not for speed). */
    public double worth(Collection<String> coalition) {
      List<String> s = List.copyOf(new TreeSet<>(coalition));
      Double own = rates.get(s);
      if (own != null) {
        return own;
      }
      double best = 0;
      for (Map.Entry<List<String>, Double> e : rates.entrySet()) {
        if (s.containsAll(e.getKey())) {
          best = Math.max(best, e.getValue());
        }
      }
      return best;
    }

    /**
     * φ_T(c) for every channel of T (any order, repeats ignored): exact up to {@code maxExactChannels} channels,
     * else sampled ({@link #sampled}).
     */
    public Map<String, Double> shapley(Collection<String> channels) {
      List<String> players = List.copyOf(new TreeSet<>(channels));
      return players.size() <= maxExactChannels ? exact(players) : sampled(players);
    }

    /** Exact: v on all 2^n subsets (a pass over the subsets for the best supported part), then the formula. */
    Map<String, Double> exact(List<String> players) {
      int n = players.size();
      if (n > 30) {
        throw new IllegalArgumentException("shapley: exact enumeration of " + n + " channels is not possible");
      }
      int full = 1 << n;
      double[] own = new double[full];
      Arrays.fill(own, Double.NaN);
      if (full <= rates.size()) {
        for (int mask = 1; mask < full; mask++) {
          Double r = rates.get(subset(players, mask));
          if (r != null) {
            own[mask] = r;
          }
        }
      } else {
        Map<String, Integer> index = index(players);
        for (Map.Entry<List<String>, Double> e : rates.entrySet()) {
          int mask = mask(e.getKey(), index);
          if (mask > 0) {
            own[mask] = e.getValue();
          }
        }
      }
      double[] v = new double[full];
      double[] best = new double[full]; // largest supported rate among the subsets of mask, mask included
      for (int mask = 1; mask < full; mask++) {
        double b = 0;
        for (int rest = mask; rest != 0; rest &= rest - 1) {
          b = Math.max(b, best[mask ^ Integer.lowestOneBit(rest)]);
        }
        v[mask] = Double.isNaN(own[mask]) ? b : own[mask];
        best[mask] = Double.isNaN(own[mask]) ? b : Math.max(b, own[mask]);
      }
      // weight of a coalition of s others: s!(n−s−1)!/n! = 1/(n·C(n−1, s))
      double[] w = new double[n];
      double choose = 1;
      for (int s = 0; s < n; s++) {
        w[s] = 1.0 / (n * choose);
        choose = choose * (n - 1 - s) / (s + 1);
      }
      Map<String, Double> phi = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        int bit = 1 << i;
        double s = 0;
        for (int mask = 0; mask < full; mask++) {
          if ((mask & bit) == 0) {
            s += w[Integer.bitCount(mask)] * (v[mask | bit] - v[mask]);
          }
        }
        phi.put(players.get(i), s);
      }
      return phi;
    }

    /**
     * Monte-Carlo estimate: the average marginal contribution over {@code permutations} random orders
     * of the channels, seeded by the channel names. Along an order the prefix grows one channel at a
     * time; its worth is its own rate if supported, else the best rate of the supported subsets it
     * already contains. The contributions of one order telescope to v(T), so the estimates sum to
     * v(T) exactly; each lies in [−v̄, v̄], v̄ the largest supported rate within T, hence the
     * Hoeffding bound {@link #samplingError}.
     */
    Map<String, Double> sampled(List<String> players) {
      int n = players.size();
      Map<String, Integer> index = index(players);
      List<int[]> members = new ArrayList<>();
      List<Double> rate = new ArrayList<>();
      for (Map.Entry<List<String>, Double> e : rates.entrySet()) {
        if (players.containsAll(e.getKey())) {
          members.add(e.getKey().stream().mapToInt(index::get).toArray());
          rate.add(e.getValue());
        }
      }
      SplittableRandom random = new SplittableRandom(seed(players));
      double[] sum = new double[n];
      int[] order = new int[n];
      int[] pos = new int[n];
      double[] bestAt = new double[n + 1];
      double[] ownAt = new double[n + 1];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int p = 0; p < permutations; p++) {
        for (int i = n - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        for (int i = 0; i < n; i++) {
          pos[order[i]] = i + 1;
        }
        Arrays.fill(bestAt, 0);
        Arrays.fill(ownAt, Double.NaN);
        for (int k = 0; k < members.size(); k++) {
          int[] m = members.get(k);
          int step = 0;
          for (int c : m) {
            step = Math.max(step, pos[c]);
          }
          double r = rate.get(k);
          bestAt[step] = Math.max(bestAt[step], r);
          if (m.length == step) {
            ownAt[step] = r; // the prefix of this length is exactly this set
          }
        }
        double best = 0;
        double previous = 0;
        for (int i = 1; i <= n; i++) {
          best = Math.max(best, bestAt[i]);
          double v = Double.isNaN(ownAt[i]) ? best : ownAt[i];
          sum[order[i - 1]] += v - previous;
          previous = v;
        }
      }
      Map<String, Double> phi = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        phi.put(players.get(i), sum[i] / permutations);
      }
      return phi;
    }

    /** The largest supported rate within the channels: every marginal contribution is within ± this. */
    public double maxRate(Collection<String> channels) {
      double best = 0;
      for (Map.Entry<List<String>, Double> e : rates.entrySet()) {
        if (channels.containsAll(e.getKey())) {
          best = Math.max(best, e.getValue());
        }
      }
      return best;
    }

    private static long seed(List<String> players) {
      long h = SEED;
      for (byte b : String.join("\u0000", players).getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ (b & 0xff)) * 0x100000001B3L; // FNV-1a
      }
      return h;
    }
  }

  /**
   * Hoeffding: with P permutations, a sampled φ_T(c) is within this of the exact value with
   * probability at least 1 − δ, if every v(S) within T lies in [0, maxRate].
   */
  public static double samplingError(double maxRate, int permutations, double delta) {
    return maxRate * Math.sqrt(2 * Math.log(2 / delta) / permutations);
  }

  private static List<String> subset(List<String> players, int mask) {
    List<String> s = new ArrayList<>(Integer.bitCount(mask));
    for (int i = 0; i < players.size(); i++) {
      if ((mask & (1 << i)) != 0) {
        s.add(players.get(i));
      }
    }
    return s;
  }

  private static Map<String, Integer> index(List<String> players) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < players.size(); i++) {
      index.put(players.get(i), i);
    }
    return index;
  }

  /** The mask of {@code set} within the players, −1 if it has a channel that is not one of them. */
  private static int mask(List<String> set, Map<String, Integer> index) {
    int mask = 0;
    for (String c : set) {
      Integer i = index.get(c);
      if (i == null) {
        return -1;
      }
      mask |= 1 << i;
    }
    return mask;
  }

  /** A coalition key: distinct channels without the none-channel, sorted. */
  static List<String> key(Collection<String> channels, String noneChannel) {
    TreeSet<String> s = new TreeSet<>(channels);
    s.remove(noneChannel);
    return List.copyOf(s);
  }

  static Map<String, Double> clamped(Map<String, Double> phi) {
    Map<String, Double> m = new TreeMap<>();
    phi.forEach((c, v) -> m.put(c, Math.max(0.0, v)));
    return m;
  }

  /** A journey's coalition: its distinct channels without the none-channel, sorted. */
  private static Column channelSet(String noneChannel) {
    return array_sort(array_distinct(array_remove(transform(col(TOUCHES), t -> t.getField(CHANNEL)),
        lit(noneChannel))));
  }

  /**
   * Fits the model on the journeys (after any {@link PathTransforms} path options): the per-set
   * aggregates in Spark, then φ_T of every converting set on the driver.
   */
  public static Fit fit(Dataset<Row> journeys, AttributionOptions options) {
    Dataset<Row> j = PathTransforms.withNoneTouch(journeys, options.noneChannel());
    Column weight = PathTransforms.weight(j);
    List<Row> rows = j
        .select(channelSet(options.noneChannel()).as(SET),
            when(col(IS_CONVERSION), weight).otherwise(lit(0.0)).as(CONVERSIONS), weight.as(JOURNEYS),
            when(col(IS_CONVERSION), col(CONVERSION_VALUE)).as(VALUE))
        .groupBy(SET)
        .agg(sum(CONVERSIONS).as(CONVERSIONS), sum(JOURNEYS).as(JOURNEYS), sum(VALUE).as(VALUE))
        .where(col(CONVERSIONS).gt(0).or(col(JOURNEYS).geq(options.shapleyMinJourneys())))
        .collectAsList();
    double noneConversions = 0;
    BigDecimal noneValue = BigDecimal.ZERO.setScale(2);
    List<Coalition> coalitions = new ArrayList<>();
    TreeSet<String> channels = new TreeSet<>();
    for (Row r : rows) {
      List<String> set = r.getList(0);
      BigDecimal value = r.isNullAt(3) ? BigDecimal.ZERO.setScale(2) : r.getDecimal(3).setScale(2);
      if (set.isEmpty()) {
        noneConversions = r.getDouble(1);
        noneValue = value;
      } else {
        coalitions.add(new Coalition(key(set, options.noneChannel()), r.getDouble(2), r.getDouble(1), value));
        channels.addAll(set);
      }
    }
    if (channels.size() > options.maxChannels()) {
      throw new IllegalArgumentException(Models.SHAPLEY + ": " + channels.size() + " distinct channels exceed the limit"
          + " of " + options.maxChannels() + " (attribution max-channels); map rare channels to a common one first");
    }
    coalitions.sort((a, b) -> String.join("\u0000", a.channels()).compareTo(String.join("\u0000", b.channels())));
    Fit fit = fit(coalitions, noneConversions, noneValue, options);
    LOG.info("{}: {} channels, {} channel sets ({} supported), {} conversions", Models.SHAPLEY, channels.size(),
        coalitions.size(), fit.game().rates().size(), fit.totalConversions());
    return fit;
  }

  /** The model from per-set aggregates (what {@link #fit(Dataset, AttributionOptions)} collects). */
  static Fit fit(List<Coalition> coalitions, double noneConversions, BigDecimal noneValue,
      AttributionOptions options) {
    Map<List<String>, Double> rates = new HashMap<>();
    double conversions = noneConversions;
    BigDecimal value = noneValue;
    for (Coalition c : coalitions) {
      if (c.journeys() > 0 && c.journeys() >= options.shapleyMinJourneys()) {
        rates.put(c.channels(), c.rate());
      }
      conversions += c.conversions();
      value = value.add(c.value());
    }
    Game game = new Game(rates, options.maxExactShapleyChannels(), options.shapleyPermutations());
    Map<List<String>, Map<String, Double>> values = new LinkedHashMap<>();
    for (Coalition c : coalitions) {
      if (c.conversions() > 0) {
        values.put(c.channels(), Collections.unmodifiableMap(game.shapley(c.channels())));
      }
    }
    return new Fit(Models.SHAPLEY, game, List.copyOf(coalitions), Collections.unmodifiableMap(values),
        options.noneChannel(), noneConversions, noneValue, conversions, value);
  }

  /**
   * Per-conversion credits: each conversion is shared among the distinct channels of its path in
   * proportion to max(φ_T, 0) of its channel set T (equally if none is positive); a conversion
   * without touches goes to the none-channel. Apply the same path options as for the fit. The
   * distinct sets of the conversions (one row each) go to the driver, which looks up or computes
   * their φ_T; the weights come back as a broadcast table joined by set.
   */
  public static Dataset<Row> credits(Dataset<Row> journeys, Fit fit, AttributionOptions options) {
    Dataset<Row> conversions = PathTransforms.withNoneTouch(journeys, options.noneChannel())
        .filter(col(IS_CONVERSION))
        .withColumn(SET, channelSet(options.noneChannel()));
    List<Row> weights = new ArrayList<>();
    for (Row r : conversions.select(SET).distinct().collectAsList()) {
      List<String> set = r.getList(0);
      if (!set.isEmpty()) {
        weights.add(RowFactory.create(set, clamped(fit.shapley(set))));
      }
    }
    StructType schema = new StructType()
        .add(SET, DataTypes.createArrayType(DataTypes.StringType, false))
        .add(WEIGHTS, DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false));
    Dataset<Row> table = conversions.sparkSession().createDataFrame(weights, schema);
    return CreditAllocation.byWeightColumn(conversions.join(broadcast(table), Cols.seq(SET), "left"), fit.model(),
        col(WEIGHTS));
  }
}
