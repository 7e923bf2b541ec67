package io.onecustomer.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.config.Analytics;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsConfigTest {
  @TempDir Path dir;

  private AppConfig load(Map<String, String> overrides) throws IOException {
    Files.writeString(dir.resolve("test.conf"), "onecustomer.paths { landing = \"/tmp/l\", warehouse = \"/tmp/w\" }");
    return AppConfig.load("test", null, dir.toFile(), overrides);
  }

  private static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  @Test
  void backfillSnapshotsDefaultToMonthEndsPlusTheLastDay() throws IOException {
    Analytics a = load(Map.of()).analytics();
    assertEquals(Analytics.SnapshotPolicy.MONTH_ENDS, a.backfillSnapshots());
    assertEquals(List.of(d("2026-05-31"), d("2026-06-30"), d("2026-07-14")),
        a.snapshotDates(new DateRange(d("2026-05-20"), d("2026-07-14"))));
    assertEquals(List.of(d("2026-06-30")), a.snapshotDates(new DateRange(d("2026-06-01"), d("2026-06-30"))),
        "a month end that is also the last day is one snapshot");
    assertEquals(List.of(d("2026-06-10")), a.snapshotDates(DateRange.of(d("2026-06-10"))),
        "a nightly run snapshots its day");
  }

  @Test
  void everyDayAndLastDayPolicies() throws IOException {
    DateRange r = new DateRange(d("2026-02-27"), d("2026-03-02"));
    assertEquals(List.of(d("2026-02-27"), d("2026-02-28"), d("2026-03-01"), d("2026-03-02")),
        load(Map.of("analytics.backfill-snapshots", "every-day")).analytics().snapshotDates(r));
    assertEquals(List.of(d("2026-03-02")),
        load(Map.of("analytics.backfill-snapshots", "last-day")).analytics().snapshotDates(r));
  }

  @Test
  void badAnalyticsValuesNameTheKeyAndTheValue() {
    ConfigException policy = assertThrows(ConfigException.class,
        () -> load(Map.of("analytics.backfill-snapshots", "weekly")));
    assertTrue(policy.getMessage().contains("onecustomer.analytics.backfill-snapshots")
        && policy.getMessage().contains("'weekly'"), policy.getMessage());
    ConfigException window = assertThrows(ConfigException.class,
        () -> load(Map.of("analytics.customer.rfm.window-days", "0")));
    assertTrue(window.getMessage().contains("onecustomer.analytics.customer.rfm.window-days")
        && window.getMessage().contains("got 0"), window.getMessage());
    ConfigException assist = assertThrows(ConfigException.class,
        () -> load(Map.of("analytics.channel.assist-window-days", "400")));
    assertTrue(assist.getMessage().contains("onecustomer.analytics.channel.assist-window-days"), assist.getMessage());
  }
}
