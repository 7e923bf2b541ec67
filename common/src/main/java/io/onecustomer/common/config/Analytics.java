package io.onecustomer.common.config;

import com.typesafe.config.Config;
import io.onecustomer.common.DateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Customer and channel analytics ({@code onecustomer.analytics}, see docs/analytics.md).
 *
 * @param backfillSnapshots which days of a longer run get a snapshot in the snapshot tables (RFM,
 *     flags, cohorts, cross-sell, behaviour); a one-day run always snapshots its day
 */
public record Analytics(
    SnapshotPolicy backfillSnapshots,
    CustomerAnalyticsConfig customer,
    ChannelAnalyticsConfig channel,
    AlertsConfig alerts) {

  /** Snapshot days of a range longer than one day. */
  public enum SnapshotPolicy {
    /** Every day of the range. */
    EVERY_DAY,
    /** The last day of every month in the range, and the range's last day. */
    MONTH_ENDS,
    /** Only the range's last day. */
    LAST_DAY
  }

  /** The days of {@code range} that get a snapshot, in order; always includes the last day. */
  public List<LocalDate> snapshotDates(DateRange range) {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d : range.days()) {
      boolean last = d.equals(range.to());
      boolean take = switch (backfillSnapshots) {
        case EVERY_DAY -> true;
        case MONTH_ENDS -> last || d.plusDays(1).getDayOfMonth() == 1;
        case LAST_DAY -> last;
      };
      if (take) {
        out.add(d);
      }
    }
    return out;
  }

  static Analytics parse(Config root) {
    String p = "onecustomer.analytics.";
    Config a = root.getConfig("analytics");
    SnapshotPolicy policy =
        AppConfig.enumValue(SnapshotPolicy.class, p + "backfill-snapshots", a.getString("backfill-snapshots"));
    return new Analytics(policy,
        CustomerAnalyticsConfig.parse(a.getConfig("customer"), p + "customer."),
        ChannelAnalyticsConfig.parse(a.getConfig("channel"), p + "channel."),
        AlertsConfig.parse(a.getConfig("alerts"), p + "alerts."));
  }
}
