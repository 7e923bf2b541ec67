package io.onecustomer.common.config;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;

/**
 * RFM, repurchase, cross-sell, cohorts and early-warning flags ({@code onecustomer.analytics.customer}).
 *
 * @param rfmWindowDays frequency and monetary count the orders of this many days up to the snapshot
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
    int rfmWindowDays,
    int repurchaseWindowDays,
    List<String> crossSellLevels,
    int crossSellLookbackDays,
    int crossSellWithinDays,
    int crossSellMinCustomers,
    int cohortsMaxMonths) {

  /** The item levels gold.cross_sell_pairs knows. */
  public static final Set<String> CROSS_SELL_LEVELS = Set.of("category", "product");

  static CustomerAnalyticsConfig parse(Config c, String prefix) {
    int rfmWindowDays = Checks.intIn(c, prefix, "rfm.window-days", 1, 3660);
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
    return new CustomerAnalyticsConfig(rfmWindowDays, repurchaseWindowDays, levels, lookback, within, minCustomers,
        maxMonths);
  }
}
