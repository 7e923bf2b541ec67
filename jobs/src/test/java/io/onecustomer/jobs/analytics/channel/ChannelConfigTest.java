package io.onecustomer.jobs.analytics.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onecustomer.common.config.ChannelAnalyticsConfig;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.jobs.TestSpark;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelConfigTest {
  static ChannelAnalyticsConfig channel(Map<String, String> overrides) {
    return TestSpark.config(Path.of("/tmp/l"), Path.of("/tmp/w"), overrides).analytics().channel();
  }

  @Test
  void defaultsChargeTmallToTheMarketplaceAndWebAdsToPos() {
    ChannelAnalyticsConfig c = channel(Map.of());
    assertEquals(7, c.assistWindowDays());
    assertEquals(90, c.cacWindowDays());
    assertEquals(30, c.sellThroughDays());
    assertEquals("marketplace", c.spendChannels().get("tmall"));
    assertEquals("marketplace", c.spendChannels().get("marketplace_ads"));
    assertEquals("pos", c.spendChannels().get("douyin"));
    assertEquals("pos", c.spendChannels().get("display_net"));
  }

  @Test
  void invalidValuesNameTheFullKeyAndTheValue() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> channel(Map.of("onecustomer.analytics.channel.spend-channels.baidu", "web")));
    assertEquals("onecustomer.analytics.channel.spend-channels.baidu must be one of marketplace, miniprogram, pos,"
        + " distributor, unallocated, got 'web'", e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> channel(Map.of("onecustomer.analytics.channel.cac-window-days", "0")));
    assertEquals("onecustomer.analytics.channel.cac-window-days must be between 1 and 3650, got 0", e.getMessage());
    assertEquals("miniprogram",
        channel(Map.of("onecustomer.analytics.channel.spend-channels.wechat", "miniprogram")).spendChannels().get("wechat"));
  }
}
