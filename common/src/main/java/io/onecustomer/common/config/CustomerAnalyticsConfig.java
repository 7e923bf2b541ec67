package io.onecustomer.common.config;

import com.typesafe.config.Config;

/**
 * RFM, repurchase, cross-sell, cohorts and early-warning flags ({@code onecustomer.analytics.customer}).
 *
 * @param rfmWindowDays frequency and monetary count the orders of this many days up to the snapshot
 */
public record CustomerAnalyticsConfig(int rfmWindowDays) {
  static CustomerAnalyticsConfig parse(Config c, String prefix) {
    return new CustomerAnalyticsConfig(Checks.intIn(c, prefix, "rfm.window-days", 1, 3660));
  }
}
