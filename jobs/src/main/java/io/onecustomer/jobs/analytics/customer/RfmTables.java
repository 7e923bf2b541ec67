package io.onecustomer.jobs.analytics.customer;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.jobs.silver.SilverColumns;
import java.util.Map;

/**
 * The gold tables of RFM and early warning (docs/analytics-rfm.md): names, columns with their
 * comments, table comments.
 */
public final class RfmTables {
  private RfmTables() {}

  public static final TableId GOLD_RFM_SEGMENTS = new TableId(Tables.GOLD, "rfm_segments");
  public static final TableId GOLD_RFM_SEGMENT_TRANSITIONS = new TableId(Tables.GOLD, "rfm_segment_transitions");
  public static final TableId GOLD_CUSTOMER_FLAGS = new TableId(Tables.GOLD, "customer_flags");

  public static final String CUSTOMER_ID = "customer_id";
  public static final String SNAPSHOT_DATE = "snapshot_date";
  /** Segment of a customer missing on one side of a transition. */
  public static final String NONE = "none";

  /** gold.rfm_segments: one row per customer with a purchase up to the snapshot, per snapshot day. */
  public static final class Segments {
    private Segments() {}

    public static final String CUSTOMER_ID = RfmTables.CUSTOMER_ID;
    public static final String FIRST_PURCHASE_DATE = "first_purchase_date";
    public static final String LAST_PURCHASE_DATE = "last_purchase_date";
    public static final String RECENCY_DAYS = "recency_days";
    public static final String FREQUENCY = "frequency";
    public static final String MONETARY = "monetary";
    public static final String R_SCORE = "r_score";
    public static final String F_SCORE = "f_score";
    public static final String M_SCORE = "m_score";
    public static final String RFM_CELL = "rfm_cell";
    public static final String SEGMENT = "segment";
    public static final String TENURE_DAYS = "tenure_days";
    public static final String SNAPSHOT_DATE = RfmTables.SNAPSHOT_DATE;

    public static final String COMMENT = "RFM scores and segment: one row per customer with at least one purchase up to"
        + " the snapshot, per snapshot day. Scores 1-5 are quintiles of the snapshot's customers (ties share a score);"
        + " the segment comes from the rule table analytics.customer.rfm.segments. Partitioned by snapshot_date; a run"
        + " replaces its days.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        CUSTOMER_ID, "Unified customer (gold.customer_identities as of the run's last day)",
        FIRST_PURCHASE_DATE, "Business day of the customer's first purchase (all history up to the snapshot)",
        LAST_PURCHASE_DATE, "Business day of the latest purchase up to the snapshot",
        RECENCY_DAYS, "Days from last_purchase_date to snapshot_date (0: bought on the snapshot day)",
        FREQUENCY, "Purchases (analytics Purchases: non-cancelled orders with positive net) in the window"
            + " (snapshot - rfm.window-days, snapshot]; 0 when none",
        MONETARY, "Net revenue of those purchases, CNY; 0 when none",
        R_SCORE, "1-5, 5 = most recent: 1 + number of the snapshot's recency quintile cut points the customer is"
            + " more recent than",
        F_SCORE, "1-5: 1 + number of frequency quintile cut points (over customers with a purchase in the window)"
            + " strictly exceeded; 1 when frequency is 0",
        M_SCORE, "1-5: 1 + number of monetary quintile cut points (over customers with a purchase in the window)"
            + " strictly exceeded; 1 when monetary is 0",
        RFM_CELL, "r_score, f_score and m_score as three digits, e.g. 545",
        SEGMENT, "Named segment: first matching rule of analytics.customer.rfm.segments, else the fallback (others)",
        TENURE_DAYS, "Days from first_purchase_date to snapshot_date",
        SNAPSHOT_DATE, "Day the scores describe (end of day); partition column");
  }

  /** gold.rfm_segment_transitions: one row per snapshot, previous segment and segment. */
  public static final class Transitions {
    private Transitions() {}

    public static final String SNAPSHOT_DATE = RfmTables.SNAPSHOT_DATE;
    public static final String PREVIOUS_SNAPSHOT_DATE = "previous_snapshot_date";
    public static final String PREVIOUS_SEGMENT = "previous_segment";
    public static final String SEGMENT = "segment";
    public static final String CUSTOMERS = "customers";
    public static final String PREVIOUS_SEGMENT_CUSTOMERS = "previous_segment_customers";
    public static final String SHARE_OF_PREVIOUS = "share_of_previous";

    public static final String COMMENT = "Movements between RFM segments: for each snapshot day, the customers of"
        + " gold.rfm_segments by their segment in the latest earlier snapshot and their segment now. 'none' stands"
        + " for a customer absent on that side (new customers; ids that disappeared through identity merges)."
        + " Partitioned by snapshot_date; a run replaces its days.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        PREVIOUS_SNAPSHOT_DATE, "Latest snapshot of gold.rfm_segments before snapshot_date; null when there is none"
            + " (then every previous_segment is 'none')",
        PREVIOUS_SEGMENT, "Segment in the previous snapshot; 'none' when the customer was not in it",
        SEGMENT, "Segment in this snapshot; 'none' when the customer id is no longer in it (identity merges)",
        CUSTOMERS, "Customers that moved from previous_segment to segment",
        PREVIOUS_SEGMENT_CUSTOMERS, "Customers of previous_segment (all of its rows of this snapshot summed)",
        SHARE_OF_PREVIOUS, "customers / previous_segment_customers (rows of one previous_segment sum to 1)",
        SNAPSHOT_DATE, "Snapshot day; partition column");
  }

  /** gold.customer_flags: one row per customer with a purchase up to the snapshot, per snapshot day. */
  public static final class Flags {
    private Flags() {}

    public static final String CUSTOMER_ID = RfmTables.CUSTOMER_ID;
    public static final String LAST_PURCHASE_DATE = "last_purchase_date";
    public static final String DAYS_SINCE_LAST_PURCHASE = "days_since_last_purchase";
    public static final String PURCHASE_DAYS = "purchase_days";
    public static final String TYPICAL_CYCLE_DAYS = "typical_cycle_days";
    public static final String PURCHASES_PERIOD_1 = "purchases_period_1";
    public static final String PURCHASES_PERIOD_2 = "purchases_period_2";
    public static final String PURCHASES_PERIOD_3 = "purchases_period_3";
    public static final String PURCHASES_PERIOD_4 = "purchases_period_4";
    public static final String COMPLAINTS_LAST_PERIOD = "complaints_last_period";
    public static final String COMPLAINTS_PREVIOUS_PERIOD = "complaints_previous_period";
    public static final String IS_FREQUENCY_FALLING = "is_frequency_falling";
    public static final String IS_COMPLAINTS_RISING = "is_complaints_rising";
    public static final String IS_LAPSED = "is_lapsed";
    public static final String FLAG_COUNT = "flag_count";
    public static final String SNAPSHOT_DATE = RfmTables.SNAPSHOT_DATE;

    public static final String COMMENT = "Early-warning flags: one row per customer with at least one purchase up to the"
        + " snapshot, per snapshot day: falling purchase frequency, rising complaints, a purchase overdue against the"
        + " customer's own cycle, with the numbers behind them. Periods are analytics.customer.flags.period-days long"
        + " and end on the snapshot. Partitioned by snapshot_date; a run replaces its days.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        CUSTOMER_ID, "Unified customer (gold.customer_identities as of the run's last day)",
        LAST_PURCHASE_DATE, "Business day of the latest purchase up to the snapshot",
        DAYS_SINCE_LAST_PURCHASE, "Days from last_purchase_date to snapshot_date",
        PURCHASE_DAYS, "Distinct days with a purchase up to the snapshot (all history)",
        TYPICAL_CYCLE_DAYS, "Median days between consecutive purchase days (all history); null with fewer than"
            + " flags.min-purchase-days purchase days",
        PURCHASES_PERIOD_1, "Purchases in period 1 = (snapshot - period-days, snapshot], the latest",
        PURCHASES_PERIOD_2, "Purchases in period 2, the period before period 1",
        PURCHASES_PERIOD_3, "Purchases in period 3",
        PURCHASES_PERIOD_4, "Purchases in period 4, the oldest",
        COMPLAINTS_LAST_PERIOD, "Service tickets with is_complaint created in period 1",
        COMPLAINTS_PREVIOUS_PERIOD, "Service tickets with is_complaint created in period 2",
        IS_FREQUENCY_FALLING, "purchases_period_4 > purchases_period_3 > purchases_period_2 > purchases_period_1"
            + " (strictly falling three periods in a row; an equal period is not falling)",
        IS_COMPLAINTS_RISING, "complaints_last_period > complaints_previous_period and complaints_last_period >="
            + " flags.min-complaints",
        IS_LAPSED, "days_since_last_purchase > flags.lapse-factor x typical_cycle_days (strictly); false without a"
            + " typical cycle",
        FLAG_COUNT, "Number of the three flags that are true (0-3)",
        SNAPSHOT_DATE, "Day the flags describe (end of day); partition column");
  }
}
