package io.onecustomer.jobs.analytics.customer;

import io.onecustomer.common.TableId;
import java.util.Map;

/**
 * Names of the gold tables of RFM and early warning and of their columns (docs/analytics-rfm.md).
 * Types, comments, keys and checks are in {@link CustomerAnalyticsSpecs}.
 */
public final class RfmTables {
  private RfmTables() {}

  public static final TableId GOLD_RFM_SEGMENTS = CustomerAnalyticsSpecs.RFM_SEGMENTS.id();
  public static final TableId GOLD_RFM_SEGMENT_TRANSITIONS = CustomerAnalyticsSpecs.RFM_SEGMENT_TRANSITIONS.id();
  public static final TableId GOLD_CUSTOMER_FLAGS = CustomerAnalyticsSpecs.CUSTOMER_FLAGS.id();

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

  }
}
