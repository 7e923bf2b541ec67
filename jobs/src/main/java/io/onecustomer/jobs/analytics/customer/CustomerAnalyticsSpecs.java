package io.onecustomer.jobs.analytics.customer;

import static io.onecustomer.common.spec.Types.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.Types;

/** The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks). */
public final class CustomerAnalyticsSpecs {
  private CustomerAnalyticsSpecs() {}

  public static final TableSpec RFM_SEGMENTS = TableSpec.table(Tables.GOLD, "rfm_segments")
      .grain("RFM scores and segment: one row per customer with at least one purchase up to the snapshot, per snapshot day. Scores 1-5 are quintiles of the snapshot's customers (ties share a score); the segment comes from the rule table analytics.customer.rfm.segments. Partitioned by snapshot_date; a run replaces its days.")
      .column("customer_id", STRING, "Unified customer (gold.customer_identities as of the run's last day)")
      .column("first_purchase_date", DATE, "Business day of the customer's first purchase (all history up to the snapshot)")
      .column("last_purchase_date", DATE, "Business day of the latest purchase up to the snapshot")
      .column("recency_days", INT, "Days from last_purchase_date to snapshot_date (0: bought on the snapshot day)")
      .column("frequency", LONG, "Purchases (analytics Purchases: non-cancelled orders with positive net) in the window (snapshot - rfm.window-days, snapshot]; 0 when none")
      .column("monetary", MONEY, "Net revenue of those purchases, CNY; 0 when none")
      .column("r_score", INT, "1-5, 5 = most recent: 1 + number of the snapshot's recency quintile cut points the customer is more recent than")
      .column("f_score", INT, "1-5: 1 + number of frequency quintile cut points (over customers with a purchase in the window) strictly exceeded; 1 when frequency is 0")
      .column("m_score", INT, "1-5: 1 + number of monetary quintile cut points (over customers with a purchase in the window) strictly exceeded; 1 when monetary is 0")
      .column("rfm_cell", STRING, "r_score, f_score and m_score as three digits, e.g. 545")
      .column("segment", STRING, "Named segment: first matching rule of analytics.customer.rfm.segments, else the fallback (others)")
      .column("tenure_days", INT, "Days from first_purchase_date to snapshot_date")
      .column("snapshot_date", DATE, "Day the scores describe (end of day); partition column")
      .partitionedByDay("snapshot_date")
      .replaceDays()
      .build();

  public static final TableSpec RFM_SEGMENT_TRANSITIONS = TableSpec.table(Tables.GOLD, "rfm_segment_transitions")
      .grain("Movements between RFM segments: for each snapshot day, the customers of gold.rfm_segments by their segment in the latest earlier snapshot and their segment now. 'none' stands for a customer absent on that side (new customers; ids that disappeared through identity merges). Partitioned by snapshot_date; a run replaces its days.")
      .column("previous_snapshot_date", DATE, "Latest snapshot of gold.rfm_segments before snapshot_date; null when there is none (then every previous_segment is 'none')")
      .column("previous_segment", STRING, "Segment in the previous snapshot; 'none' when the customer was not in it")
      .column("segment", STRING, "Segment in this snapshot; 'none' when the customer id is no longer in it (identity merges)")
      .column("customers", LONG, "Customers that moved from previous_segment to segment")
      .column("previous_segment_customers", LONG, "Customers of previous_segment (all of its rows of this snapshot summed)")
      .column("share_of_previous", DOUBLE, "customers / previous_segment_customers (rows of one previous_segment sum to 1)")
      .column("snapshot_date", DATE, "Snapshot day; partition column")
      .partitionedByDay("snapshot_date")
      .replaceDays()
      .build();

  public static final TableSpec CUSTOMER_FLAGS = TableSpec.table(Tables.GOLD, "customer_flags")
      .grain("Early-warning flags: one row per customer with at least one purchase up to the snapshot, per snapshot day: falling purchase frequency, rising complaints, a purchase overdue against the customer's own cycle, with the numbers behind them. Periods are analytics.customer.flags.period-days long and end on the snapshot. Partitioned by snapshot_date; a run replaces its days.")
      .column("customer_id", STRING, "Unified customer (gold.customer_identities as of the run's last day)")
      .column("last_purchase_date", DATE, "Business day of the latest purchase up to the snapshot")
      .column("days_since_last_purchase", INT, "Days from last_purchase_date to snapshot_date")
      .column("purchase_days", LONG, "Distinct days with a purchase up to the snapshot (all history)")
      .column("typical_cycle_days", DOUBLE, "Median days between consecutive purchase days (all history); null with fewer than flags.min-purchase-days purchase days")
      .column("purchases_period_1", LONG, "Purchases in period 1 = (snapshot - period-days, snapshot], the latest")
      .column("purchases_period_2", LONG, "Purchases in period 2, the period before period 1")
      .column("purchases_period_3", LONG, "Purchases in period 3")
      .column("purchases_period_4", LONG, "Purchases in period 4, the oldest")
      .column("complaints_last_period", LONG, "Service tickets with is_complaint created in period 1")
      .column("complaints_previous_period", LONG, "Service tickets with is_complaint created in period 2")
      .column("is_frequency_falling", BOOLEAN, "purchases_period_4 > purchases_period_3 > purchases_period_2 > purchases_period_1 (strictly falling three periods in a row; an equal period is not falling)")
      .column("is_complaints_rising", BOOLEAN, "complaints_last_period > complaints_previous_period and complaints_last_period >= flags.min-complaints")
      .column("is_lapsed", BOOLEAN, "days_since_last_purchase > flags.lapse-factor x typical_cycle_days (strictly); false without a typical cycle")
      .column("flag_count", INT, "Number of the three flags that are true (0-3)")
      .column("snapshot_date", DATE, "Day the flags describe (end of day); partition column")
      .partitionedByDay("snapshot_date")
      .replaceDays()
      .build();

  public static final TableSpec REPURCHASE_METRICS = TableSpec.table(Tables.GOLD, "repurchase_metrics")
      .grain("Repurchase behaviour per snapshot: one row per snapshot_date, dimension (overall, channel, category) and dimension value. Counts the customer purchases (non-cancelled orders of resolved customers with a positive net amount) of the repurchase window ending on the snapshot day. Partitioned by snapshot_date; a run replaces the snapshots of its days.")
      .column("dimension", STRING, "overall, channel or category")
      .column("dimension_value", STRING, "'all' for overall, the sales channel, or the product category")
      .column("window_start", DATE, "First day of the window (analytics.customer.repurchase.window-days ending on snapshot_date)")
      .column("customers", LONG, "Customers with at least one purchase in the dimension value in the window")
      .column("repeat_customers", LONG, "Customers with purchases on at least two different days in the dimension value in the window")
      .column("repurchase_rate", DOUBLE, "repeat_customers / customers")
      .column("median_cycle_days", DOUBLE, "Median of the days between a customer's consecutive purchase days in the dimension value, over all customers' intervals in the window (mean of the two middle intervals for an even count); null without repeat customers")
      .column("orders", LONG, "Purchases in the window (for a category: purchases containing the category)")
      .column("revenue", MONEY, "Net amount of those purchases, CNY (for a category: net amount of the category's lines)")
      .column("average_order_value", MONEY, "revenue / orders, CNY")
      .column("penetration", DOUBLE, "customers / customers of the overall row (1 for overall)")
      .column("snapshot_date", DATE, "Day the window ends on; partition column")
      .partitionedByDay("snapshot_date")
      .replaceDays()
      .build();

  public static final TableSpec CROSS_SELL_PAIRS = TableSpec.table(Tables.GOLD, "cross_sell_pairs")
      .grain("Sequential cross-sell: one row per snapshot_date, level (category, product) and ordered pair X -> Y of different items, counting customers who bought Y 1 to cross-sell.within-days days after a purchase of X, both inside the lookback ending on the snapshot day. Only pairs with at least cross-sell.min-customers such customers. Partitioned by snapshot_date.")
      .column("level", STRING, "category or product")
      .column("item_x", STRING, "The item bought first (category, or product code)")
      .column("item_y", STRING, "The item bought after it")
      .column("lookback_start", DATE, "First day of the lookback (analytics.customer.cross-sell.lookback-days ending on snapshot_date)")
      .column("customers_all", LONG, "Customers with a purchase in the lookback")
      .column("customers_x", LONG, "Customers who bought X in the lookback")
      .column("customers_y", LONG, "Customers who bought Y in the lookback")
      .column("customers_xy", LONG, "Customers who bought Y 1..within-days days after a purchase of X (same day does not count)")
      .column("support", DOUBLE, "customers_xy / customers_all")
      .column("confidence", DOUBLE, "customers_xy / customers_x")
      .column("lift", DOUBLE, "confidence / (customers_y / customers_all): how much likelier Y is after X than among all customers")
      .column("median_lag_days", DOUBLE, "Median over the customers_xy customers of their shortest lag in days from a purchase of X to a purchase of Y 1..within-days later")
      .column("snapshot_date", DATE, "Day the lookback ends on; partition column")
      .partitionedByDay("snapshot_date")
      .replaceDays()
      .build();

  public static final TableSpec COHORT_RETENTION = TableSpec.table(Tables.GOLD, "cohort_retention")
      .grain("Cohort retention: one row per snapshot_date, cohort_month (month of the customer's first purchase), acquisition_channel (channel of that purchase, and 'all') and months_since_acquisition from 0 up to the snapshot's month (its purchases up to the snapshot day). Cohorts of the last cohorts.max-months months. Partitioned by snapshot_date.")
      .column("cohort_month", DATE, "First day of the month of the customer's first purchase")
      .column("acquisition_channel", STRING, "Sales channel of the first purchase, or 'all' (the sum over channels)")
      .column("months_since_acquisition", INT, "0 for the cohort month, 1 for the month after, ...")
      .column("activity_month", DATE, "First day of the month counted (cohort_month + months_since_acquisition)")
      .column("is_current_month", BOOLEAN, "True for the snapshot's own month, counted only up to snapshot_date")
      .column("cohort_size", LONG, "Customers of the cohort")
      .column("active_customers", LONG, "Customers of the cohort with a purchase (any channel) in activity_month")
      .column("retention_rate", DOUBLE, "active_customers / cohort_size")
      .column("revenue", MONEY, "Net amount of the cohort's purchases (any channel) in activity_month, CNY")
      .column("cumulative_revenue_per_customer", MONEY, "Revenue of months 0..months_since_acquisition / cohort_size, CNY")
      .column("snapshot_date", DATE, "Day of the snapshot; partition column")
      .partitionedByDay("snapshot_date")
      .replaceDays()
      .build();
}
