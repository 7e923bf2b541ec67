package io.onecustomer.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Channel health, cross-channel assists, funnels and sell-through ({@code onecustomer.analytics.channel},
 * see docs/analytics-channels.md).
 *
 * @param assistWindowDays an online touch up to this many calendar days before an offline purchase
 *     (and the reverse) assists it
 * @param cacWindowDays trailing days of spend and new customers behind the trailing CAC of ltv_to_cac
 * @param sellThroughDays trailing days of sales behind the sell-through rate
 * @param spendChannels ad-spend media or traffic channel (media wins) to the sales channel its
 *     spend is charged to; unmapped spend goes to the {@code unallocated} row
 */
public record ChannelAnalyticsConfig(int assistWindowDays, int cacWindowDays, int sellThroughDays,
    Map<String, String> spendChannels) {

  /** The values a spend-channels entry may take: the sales channels, or explicitly unallocated. */
  public static final List<String> SPEND_TARGETS =
      List.of("marketplace", "miniprogram", "pos", "distributor", "unallocated");

  public ChannelAnalyticsConfig {
    spendChannels = Collections.unmodifiableMap(new TreeMap<>(spendChannels));
  }

  static ChannelAnalyticsConfig parse(Config c, String prefix) {
    Map<String, String> spend = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getConfig("spend-channels").entrySet()) {
      String key = prefix + "spend-channels." + e.getKey();
      ConfigValue v = e.getValue();
      String target = v.valueType() == ConfigValueType.STRING ? ((String) v.unwrapped()).trim() : null;
      if (target == null || !SPEND_TARGETS.contains(target)) {
        throw new ConfigException(key + " must be one of " + String.join(", ", SPEND_TARGETS) + ", got '"
            + v.unwrapped() + "'");
      }
      spend.put(e.getKey().trim().toLowerCase(Locale.ROOT), target);
    }
    return new ChannelAnalyticsConfig(
        Checks.intIn(c, prefix, "assist-window-days", 1, 365),
        Checks.intIn(c, prefix, "cac-window-days", 1, 3650),
        Checks.intIn(c, prefix, "sell-through-days", 1, 3650),
        spend);
  }
}
