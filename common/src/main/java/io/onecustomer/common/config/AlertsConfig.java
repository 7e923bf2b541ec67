package io.onecustomer.common.config;

import com.typesafe.config.Config;

/**
 * Price conflicts, distributor diversion and sales-drop alerts ({@code onecustomer.analytics.alerts}).
 *
 * @param priceGapThreshold a product's lowest effective prices in two channels further apart than this share conflict
 */
public record AlertsConfig(double priceGapThreshold) {
  static AlertsConfig parse(Config c, String prefix) {
    return new AlertsConfig(Checks.doubleIn(c, prefix, "price-gap-threshold", 0, 10));
  }
}
