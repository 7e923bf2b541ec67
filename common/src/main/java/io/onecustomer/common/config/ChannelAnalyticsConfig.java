package io.onecustomer.common.config;

import com.typesafe.config.Config;

/**
 * Channel health, cross-channel assists, funnels and sell-through ({@code onecustomer.analytics.channel}).
 *
 * @param assistWindowDays an online touch this many days before an offline purchase (and the reverse) assists it
 */
public record ChannelAnalyticsConfig(int assistWindowDays) {
  static ChannelAnalyticsConfig parse(Config c, String prefix) {
    return new ChannelAnalyticsConfig(Checks.intIn(c, prefix, "assist-window-days", 1, 365));
  }
}
