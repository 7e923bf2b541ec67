package io.onecustomer.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueType;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Price conflicts, distributor diversion and sales-drop alerts ({@code onecustomer.analytics.alerts},
 * docs/analytics-alerts.md).
 *
 * @param priceGapThreshold a product's lowest effective prices in two channels further apart than this share conflict
 * @param distributorRegions distributor id (silver.orders.store_id of distributor lines) to its authorised sales
 *     region; distributors missing here raise {@code unknown_distributor} alerts
 * @param lowPriceRatio distributor sell-out priced below this share of the regional norm is a low-price alert
 * @param normDays the regional norm is the median unit price of the product over this many days before the day
 * @param minNormLines a norm needs at least this many sell-out lines in its window, else no low-price alert
 * @param baselineWeeks the sales baseline is the median of the same weekday over this many previous weeks
 * @param windowDays the drop compares the orders of this many days ending the day with their baselines
 * @param dropThreshold a scope-day alerts when its orders fall at least this share below the baseline
 * @param criticalDropThreshold an alert whose orders drop reaches this share is {@code critical}, else {@code warning}
 * @param minBaselineOrders scopes whose baseline has fewer orders than this per day never alert (too noisy)
 */
public record AlertsConfig(
    double priceGapThreshold,
    Map<String, String> distributorRegions,
    double lowPriceRatio,
    int normDays,
    int minNormLines,
    int baselineWeeks,
    int windowDays,
    double dropThreshold,
    double criticalDropThreshold,
    int minBaselineOrders) {

  static AlertsConfig parse(Config c, String prefix) {
    double drop = Checks.doubleIn(c, prefix, "drop-threshold", 0.01, 1);
    return new AlertsConfig(
        Checks.doubleIn(c, prefix, "price-gap-threshold", 0, 10),
        regions(c, prefix, "distributor-regions"),
        Checks.doubleIn(c, prefix, "low-price-ratio", 0.01, 1),
        Checks.intIn(c, prefix, "norm-days", 1, 365),
        Checks.intIn(c, prefix, "min-norm-lines", 1, 1000),
        Checks.intIn(c, prefix, "baseline-weeks", 1, 52),
        Checks.intIn(c, prefix, "window-days", 1, 28),
        drop,
        Checks.doubleIn(c, prefix, "critical-drop-threshold", drop, 1),
        Checks.intIn(c, prefix, "min-baseline-orders", 0, 1_000_000));
  }

  private static Map<String, String> regions(Config c, String prefix, String key) {
    Map<String, String> m = new TreeMap<>();
    Config block = c.getConfig(key);
    for (String id : block.root().keySet()) {
      var v = block.root().get(id);
      String region = v.valueType() == ConfigValueType.STRING ? ((String) v.unwrapped()).trim() : "";
      if (region.isEmpty()) {
        throw new ConfigException(prefix + key + "." + ConfigUtil.joinPath(id)
            + " must name the distributor's authorised region, got " + v.render());
      }
      m.put(id, region);
    }
    return Collections.unmodifiableMap(m);
  }
}
