package io.onecustomer.common.config;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * RFM, repurchase, cross-sell, cohorts and early-warning flags ({@code onecustomer.analytics.customer}).
 *
 * @param rfm gold.rfm_segments (and its transitions): window, quantile accuracy, segment rules
 * @param flags gold.customer_flags: early-warning periods and thresholds
 * @param repurchaseWindowDays gold.repurchase_metrics counts the purchases of this many days up to
 *     the snapshot (the snapshot day included)
 * @param crossSellLevels item levels of gold.cross_sell_pairs: category and/or product
 * @param crossSellLookbackDays gold.cross_sell_pairs looks at the purchases of this many days up to
 *     the snapshot
 * @param crossSellWithinDays Y counts after X when bought 1 to this many days after a purchase of X
 * @param crossSellMinCustomers pairs with fewer customers who bought Y after X are not written
 * @param cohortsMaxMonths gold.cohort_retention keeps the acquisition months of the snapshot's
 *     month and the this-many-minus-one months before it
 */
public record CustomerAnalyticsConfig(
    // ---- rfm + flags (docs/analytics-rfm.md) ----
    Rfm rfm,
    Flags flags,
    // ---- cross-sell, cohorts, repurchase ----
    int repurchaseWindowDays,
    List<String> crossSellLevels,
    int crossSellLookbackDays,
    int crossSellWithinDays,
    int crossSellMinCustomers,
    int cohortsMaxMonths) {

  // ---- rfm + flags (docs/analytics-rfm.md) ----

  /** Frequency and monetary count the purchases of this many days up to the snapshot. */
  public int rfmWindowDays() {
    return rfm.windowDays();
  }

  /**
   * {@code rfm}: scoring and segmentation.
   *
   * @param windowDays frequency and monetary count the purchases of (snapshot - windowDays, snapshot]
   * @param quantileAccuracy accuracy of Spark's percentile_approx for the quintile cut points: a
   *     cut point's rank is within n / accuracy of the exact one (n customers of the snapshot)
   * @param segments segment rules, first match wins
   * @param fallbackSegment segment of a customer no rule matches
   */
  public record Rfm(int windowDays, int quantileAccuracy, List<SegmentRule> segments, String fallbackSegment) {}

  /**
   * One row of the segment rule table: a customer is in {@code name} when every bound holds (all
   * bounds inclusive; unbounded sides are 1..5 for scores and 0..{@link Integer#MAX_VALUE} for days).
   */
  public record SegmentRule(String name, int minR, int maxR, int minF, int maxF, int minM, int maxM,
      int minRecencyDays, int maxRecencyDays, int minTenureDays, int maxTenureDays) {}

  /**
   * {@code flags}: early-warning flags.
   *
   * @param periodDays length of the periods purchases and complaints are counted in
   * @param minComplaints complaints in the last period needed for is_complaints_rising
   * @param lapseFactor lapsed when days since the last purchase exceed this times the typical cycle
   * @param minPurchaseDays distinct purchase days needed before a typical cycle is computed
   */
  public record Flags(int periodDays, int minComplaints, double lapseFactor, int minPurchaseDays) {}

  private static final Set<String> RULE_KEYS = Set.of("name", "min-r", "max-r", "min-f", "max-f", "min-m", "max-m",
      "min-recency-days", "max-recency-days", "min-tenure-days", "max-tenure-days");

  static Rfm parseRfm(Config c, String prefix) {
    int window = Checks.intIn(c, prefix, "rfm.window-days", 1, 3660);
    int accuracy = Checks.intIn(c, prefix, "rfm.quantile-accuracy", 100, 1_000_000);
    String fallback = segmentName(c.getString("rfm.fallback-segment"), prefix + "rfm.fallback-segment");
    List<? extends Config> raw = c.getConfigList("rfm.segments");
    if (raw.isEmpty()) {
      throw new ConfigException(prefix + "rfm.segments must list at least one rule");
    }
    List<SegmentRule> rules = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      rules.add(parseRule(raw.get(i), prefix + "rfm.segments[" + i + "]."));
    }
    return new Rfm(window, accuracy, List.copyOf(rules), fallback);
  }

  static SegmentRule parseRule(Config r, String at) {
    for (String key : r.root().keySet()) {
      if (!RULE_KEYS.contains(key)) {
        throw new ConfigException(at + key + " is not a rule key; a rule has name and optional " + String.join(", ",
            RULE_KEYS.stream().filter(k -> !k.equals("name")).sorted().toList()));
      }
    }
    if (!r.hasPath("name")) {
      throw new ConfigException(at + "name is missing: every segment rule needs a name");
    }
    String name = segmentName(r.getString("name"), at + "name");
    if (r.root().keySet().size() == 1) {
      throw new ConfigException(at.substring(0, at.length() - 1) + " (rule '" + name + "') has no condition (it would match everyone; use"
          + " rfm.fallback-segment for the catch-all)");
    }
    int[] r5 = bounds(r, at, "r", 1, 5);
    int[] f5 = bounds(r, at, "f", 1, 5);
    int[] m5 = bounds(r, at, "m", 1, 5);
    int[] rec = bounds(r, at, "recency-days", 0, Integer.MAX_VALUE);
    int[] ten = bounds(r, at, "tenure-days", 0, Integer.MAX_VALUE);
    return new SegmentRule(name, r5[0], r5[1], f5[0], f5[1], m5[0], m5[1], rec[0], rec[1], ten[0], ten[1]);
  }

  private static int[] bounds(Config r, String at, String what, int lo, int hi) {
    int min = r.hasPath("min-" + what) ? Checks.intIn(r, at, "min-" + what, lo, hi) : lo;
    int max = r.hasPath("max-" + what) ? Checks.intIn(r, at, "max-" + what, lo, hi) : hi;
    if (min > max) {
      throw new ConfigException(at + "min-" + what + " must not exceed " + at + "max-" + what + ", got " + min
          + " > " + max);
    }
    return new int[] {min, max};
  }

  private static String segmentName(String v, String key) {
    if (v == null || !v.matches("[a-z][a-z0-9_]{0,39}")) {
      throw new ConfigException(key + " must be a snake_case segment name (a-z, 0-9, _; up to 40), got '" + v + "'");
    }
    return v;
  }

  static Flags parseFlags(Config c, String prefix) {
    return new Flags(
        Checks.intIn(c, prefix, "flags.period-days", 1, 366),
        Checks.intIn(c, prefix, "flags.min-complaints", 1, 1000),
        Checks.doubleIn(c, prefix, "flags.lapse-factor", 1.0, 100.0),
        Checks.intIn(c, prefix, "flags.min-purchase-days", 2, 1000));
  }

  // ---- cross-sell, cohorts, repurchase ----

  /** The item levels gold.cross_sell_pairs knows. */
  public static final Set<String> CROSS_SELL_LEVELS = Set.of("category", "product");

  static CustomerAnalyticsConfig parse(Config c, String prefix) {
    Rfm rfm = parseRfm(c, prefix);
    Flags flags = parseFlags(c, prefix);
    int repurchaseWindowDays = Checks.intIn(c, prefix, "repurchase.window-days", 1, 3660);
    List<String> levels = Checks.nonEmptyList(c, prefix, "cross-sell.levels");
    for (String level : levels) {
      if (!CROSS_SELL_LEVELS.contains(level)) {
        throw new ConfigException(prefix + "cross-sell.levels may list category and product, got '" + level + "'");
      }
    }
    if (Set.copyOf(levels).size() != levels.size()) {
      throw new ConfigException(prefix + "cross-sell.levels lists a level twice, got " + levels);
    }
    int lookback = Checks.intIn(c, prefix, "cross-sell.lookback-days", 2, 3660);
    int within = Checks.intIn(c, prefix, "cross-sell.within-days", 1, 3660);
    if (within >= lookback) {
      throw new ConfigException(prefix + "cross-sell.within-days must be less than cross-sell.lookback-days ("
          + lookback + "), got " + within);
    }
    int minCustomers = Checks.intIn(c, prefix, "cross-sell.min-customers", 1, 1_000_000);
    int maxMonths = Checks.intIn(c, prefix, "cohorts.max-months", 1, 120);
    return new CustomerAnalyticsConfig(rfm, flags, repurchaseWindowDays, levels, lookback, within, minCustomers,
        maxMonths);
  }
}
