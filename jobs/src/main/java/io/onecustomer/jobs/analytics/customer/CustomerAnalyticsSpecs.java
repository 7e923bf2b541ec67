package io.onecustomer.jobs.analytics.customer;

import static io.onecustomer.common.spec.Types.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.ColumnSpec;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.analytics.customer.BehaviourTables.Cohort;
import io.onecustomer.jobs.analytics.customer.BehaviourTables.CrossSell;
import io.onecustomer.jobs.analytics.customer.BehaviourTables.Repurchase;
import io.onecustomer.jobs.analytics.customer.RfmTables.Flags;
import io.onecustomer.jobs.analytics.customer.RfmTables.Segments;
import io.onecustomer.jobs.analytics.customer.RfmTables.Transitions;
import io.onecustomer.jobs.silver.Vocabulary;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The specs of this package's tables (name, grain, typed columns with comments, partitioning, key,
 * mode, checks). Every table is a set of snapshots partitioned by snapshot_date; a run replaces the
 * snapshots of its days. Checks state what the transforms guarantee: scores 1-5, shares and rates
 * 0-1, counts of at least one where a row exists only because something was counted. Segment names
 * come from configuration and are not checked against a list.
 */
public final class CustomerAnalyticsSpecs {
  private CustomerAnalyticsSpecs() {}

  public static final TableSpec RFM_SEGMENTS = TableSpec.table(Tables.GOLD, "rfm_segments")
      .grain("RFM scores and segment: one row per customer with at least one purchase up to the snapshot, per snapshot day. Scores 1-5 are quintiles of the snapshot's customers (ties share a score); the segment comes from the rule table analytics.customer.rfm.segments. Partitioned by snapshot_date; a run replaces its days.")
      .required(Segments.CUSTOMER_ID, STRING, "Unified customer (gold.customer_identities as of the run's last day)")
      .required(Segments.FIRST_PURCHASE_DATE, DATE, "Business day of the customer's first purchase (all history up to the snapshot)")
      .required(Segments.LAST_PURCHASE_DATE, DATE, "Business day of the latest purchase up to the snapshot")
      .required(Segments.RECENCY_DAYS, INT, "Days from last_purchase_date to snapshot_date (0: bought on the snapshot day)")
      .required(Segments.FREQUENCY, LONG, "Purchases (analytics Purchases: non-cancelled orders with positive net) in the window (snapshot - rfm.window-days, snapshot]; 0 when none")
      .required(Segments.MONETARY, MONEY, "Net revenue of those purchases, CNY; 0 when none")
      .required(Segments.R_SCORE, INT, "1-5, 5 = most recent: 1 + number of the snapshot's recency quintile cut points the customer is more recent than")
      .required(Segments.F_SCORE, INT, "1-5: 1 + number of frequency quintile cut points (over customers with a purchase in the window) strictly exceeded; 1 when frequency is 0")
      .required(Segments.M_SCORE, INT, "1-5: 1 + number of monetary quintile cut points (over customers with a purchase in the window) strictly exceeded; 1 when monetary is 0")
      .required(Segments.RFM_CELL, STRING, "r_score, f_score and m_score as three digits, e.g. 545")
      .required(Segments.SEGMENT, STRING, "Named segment: first matching rule of analytics.customer.rfm.segments, else the fallback (others)")
      .required(Segments.TENURE_DAYS, INT, "Days from first_purchase_date to snapshot_date")
      .required(Segments.SNAPSHOT_DATE, DATE, "Day the scores describe (end of day); partition column")
      .partitionedByDay(Segments.SNAPSHOT_DATE)
      .key(Segments.CUSTOMER_ID, Segments.SNAPSHOT_DATE)
      .replaceDays()
      .check(Check.range(Segments.R_SCORE, 1.0, 5.0))
      .check(Check.range(Segments.F_SCORE, 1.0, 5.0))
      .check(Check.range(Segments.M_SCORE, 1.0, 5.0))
      // Purchases up to the snapshot only: no day after it, and a last purchase no earlier than the first.
      .check(Check.range(Segments.RECENCY_DAYS, 0.0, null))
      .check(Check.range(Segments.TENURE_DAYS, 0.0, null))
      .check(Check.range(Segments.FREQUENCY, 0.0, null))
      .check(Check.range(Segments.MONETARY, 0.0, null))
      .build();

  public static final TableSpec RFM_SEGMENT_TRANSITIONS = TableSpec.table(Tables.GOLD, "rfm_segment_transitions")
      .grain("Movements between RFM segments: for each snapshot day, the customers of gold.rfm_segments by their segment in the latest earlier snapshot and their segment now. 'none' stands for a customer absent on that side (new customers; ids that disappeared through identity merges). Partitioned by snapshot_date; a run replaces its days.")
      .column(Transitions.PREVIOUS_SNAPSHOT_DATE, DATE, "Latest snapshot of gold.rfm_segments before snapshot_date; null when there is none (then every previous_segment is 'none')")
      .required(Transitions.PREVIOUS_SEGMENT, STRING, "Segment in the previous snapshot; 'none' when the customer was not in it")
      .required(Transitions.SEGMENT, STRING, "Segment in this snapshot; 'none' when the customer id is no longer in it (identity merges)")
      .required(Transitions.CUSTOMERS, LONG, "Customers that moved from previous_segment to segment")
      .required(Transitions.PREVIOUS_SEGMENT_CUSTOMERS, LONG, "Customers of previous_segment (all of its rows of this snapshot summed)")
      .required(Transitions.SHARE_OF_PREVIOUS, DOUBLE, "customers / previous_segment_customers (rows of one previous_segment sum to 1)")
      .required(Transitions.SNAPSHOT_DATE, DATE, "Snapshot day; partition column")
      .partitionedByDay(Transitions.SNAPSHOT_DATE)
      // previous_snapshot_date follows from snapshot_date: one previous snapshot per snapshot.
      .key(Transitions.SNAPSHOT_DATE, Transitions.PREVIOUS_SEGMENT, Transitions.SEGMENT)
      .replaceDays()
      // A row exists only for a move at least one customer made.
      .check(Check.range(Transitions.CUSTOMERS, 1.0, null))
      .check(Check.range(Transitions.PREVIOUS_SEGMENT_CUSTOMERS, 1.0, null))
      .check(Check.range(Transitions.SHARE_OF_PREVIOUS, 0.0, 1.0))
      .build();

  public static final TableSpec CUSTOMER_FLAGS = TableSpec.table(Tables.GOLD, "customer_flags")
      .grain("Early-warning flags: one row per customer with at least one purchase up to the snapshot, per snapshot day: falling purchase frequency, rising complaints, a purchase overdue against the customer's own cycle, with the numbers behind them. Periods are analytics.customer.flags.period-days long and end on the snapshot. Partitioned by snapshot_date; a run replaces its days.")
      .required(Flags.CUSTOMER_ID, STRING, "Unified customer (gold.customer_identities as of the run's last day)")
      .required(Flags.LAST_PURCHASE_DATE, DATE, "Business day of the latest purchase up to the snapshot")
      .required(Flags.DAYS_SINCE_LAST_PURCHASE, INT, "Days from last_purchase_date to snapshot_date")
      .required(Flags.PURCHASE_DAYS, LONG, "Distinct days with a purchase up to the snapshot (all history)")
      .column(Flags.TYPICAL_CYCLE_DAYS, DOUBLE, "Median days between consecutive purchase days (all history); null with fewer than flags.min-purchase-days purchase days")
      .required(Flags.PURCHASES_PERIOD_1, LONG, "Purchases in period 1 = (snapshot - period-days, snapshot], the latest")
      .required(Flags.PURCHASES_PERIOD_2, LONG, "Purchases in period 2, the period before period 1")
      .required(Flags.PURCHASES_PERIOD_3, LONG, "Purchases in period 3")
      .required(Flags.PURCHASES_PERIOD_4, LONG, "Purchases in period 4, the oldest")
      .required(Flags.COMPLAINTS_LAST_PERIOD, LONG, "Service tickets with is_complaint created in period 1")
      .required(Flags.COMPLAINTS_PREVIOUS_PERIOD, LONG, "Service tickets with is_complaint created in period 2")
      .required(Flags.IS_FREQUENCY_FALLING, BOOLEAN, "purchases_period_4 > purchases_period_3 > purchases_period_2 > purchases_period_1 (strictly falling three periods in a row; an equal period is not falling)")
      .required(Flags.IS_COMPLAINTS_RISING, BOOLEAN, "complaints_last_period > complaints_previous_period and complaints_last_period >= flags.min-complaints")
      .required(Flags.IS_LAPSED, BOOLEAN, "days_since_last_purchase > flags.lapse-factor x typical_cycle_days (strictly); false without a typical cycle")
      .required(Flags.FLAG_COUNT, INT, "Number of the three flags that are true (0-3)")
      .required(Flags.SNAPSHOT_DATE, DATE, "Day the flags describe (end of day); partition column")
      .partitionedByDay(Flags.SNAPSHOT_DATE)
      .key(Flags.CUSTOMER_ID, Flags.SNAPSHOT_DATE)
      .replaceDays()
      .check(Check.range(Flags.DAYS_SINCE_LAST_PURCHASE, 0.0, null))
      // The customer is here because of a purchase day up to the snapshot.
      .check(Check.range(Flags.PURCHASE_DAYS, 1.0, null))
      // Gaps between distinct purchase days are whole days of at least 1, and so is their median.
      .check(Check.range(Flags.TYPICAL_CYCLE_DAYS, 1.0, null))
      .check(Check.range(Flags.PURCHASES_PERIOD_1, 0.0, null))
      .check(Check.range(Flags.PURCHASES_PERIOD_2, 0.0, null))
      .check(Check.range(Flags.PURCHASES_PERIOD_3, 0.0, null))
      .check(Check.range(Flags.PURCHASES_PERIOD_4, 0.0, null))
      .check(Check.range(Flags.COMPLAINTS_LAST_PERIOD, 0.0, null))
      .check(Check.range(Flags.COMPLAINTS_PREVIOUS_PERIOD, 0.0, null))
      .check(Check.range(Flags.FLAG_COUNT, 0.0, 3.0))
      .build();

  public static final TableSpec REPURCHASE_METRICS = TableSpec.table(Tables.GOLD, "repurchase_metrics")
      .grain("Repurchase behaviour per snapshot: one row per snapshot_date, dimension (overall, channel, category) and dimension value. Counts the customer purchases (non-cancelled orders of resolved customers with a positive net amount) of the repurchase window ending on the snapshot day. Partitioned by snapshot_date; a run replaces the snapshots of its days.")
      .required(Repurchase.DIMENSION, STRING, "overall, channel or category")
      .required(Repurchase.DIMENSION_VALUE, STRING, "'all' for overall, the sales channel, or the product category")
      .required(Repurchase.WINDOW_START, DATE, "First day of the window (analytics.customer.repurchase.window-days ending on snapshot_date)")
      .required(Repurchase.CUSTOMERS, LONG, "Customers with at least one purchase in the dimension value in the window")
      .required(Repurchase.REPEAT_CUSTOMERS, LONG, "Customers with purchases on at least two different days in the dimension value in the window")
      .required(Repurchase.REPURCHASE_RATE, DOUBLE, "repeat_customers / customers")
      .column(Repurchase.MEDIAN_CYCLE_DAYS, DOUBLE, "Median of the days between a customer's consecutive purchase days in the dimension value, over all customers' intervals in the window (mean of the two middle intervals for an even count); null without repeat customers")
      .required(Repurchase.ORDERS, LONG, "Purchases in the window (for a category: purchases containing the category)")
      .required(Repurchase.REVENUE, MONEY, "Net amount of those purchases, CNY (for a category: net amount of the category's lines)")
      .required(Repurchase.AVERAGE_ORDER_VALUE, MONEY, "revenue / orders, CNY")
      .required(Repurchase.PENETRATION, DOUBLE, "customers / customers of the overall row (1 for overall)")
      .required(BehaviourTables.SNAPSHOT_DATE, DATE, "Day the window ends on; partition column")
      .partitionedByDay(BehaviourTables.SNAPSHOT_DATE)
      .key(BehaviourTables.SNAPSHOT_DATE, Repurchase.DIMENSION, Repurchase.DIMENSION_VALUE)
      .replaceDays()
      .check(Check.acceptedValues(Repurchase.DIMENSION, Repurchase.OVERALL, Repurchase.CHANNEL, Repurchase.CATEGORY))
      // A row exists only for a dimension value someone bought in the window.
      .check(Check.range(Repurchase.CUSTOMERS, 1.0, null))
      .check(Check.range(Repurchase.REPEAT_CUSTOMERS, 0.0, null))
      .check(Check.range(Repurchase.REPURCHASE_RATE, 0.0, 1.0))
      .check(Check.range(Repurchase.MEDIAN_CYCLE_DAYS, 1.0, null))
      .check(Check.range(Repurchase.ORDERS, 1.0, null))
      .check(Check.range(Repurchase.REVENUE, 0.0, null))
      .check(Check.range(Repurchase.AVERAGE_ORDER_VALUE, 0.0, null))
      // Channel and category customers are a subset of the overall row's.
      .check(Check.range(Repurchase.PENETRATION, 0.0, 1.0))
      .build();

  public static final TableSpec CROSS_SELL_PAIRS = TableSpec.table(Tables.GOLD, "cross_sell_pairs")
      .grain("Sequential cross-sell: one row per snapshot_date, level (category, product) and ordered pair X -> Y of different items, counting customers who bought Y 1 to cross-sell.within-days days after a purchase of X, both inside the lookback ending on the snapshot day. Only pairs with at least cross-sell.min-customers such customers. Partitioned by snapshot_date.")
      .required(CrossSell.LEVEL, STRING, "category or product")
      .required(CrossSell.ITEM_X, STRING, "The item bought first (category, or product code)")
      .required(CrossSell.ITEM_Y, STRING, "The item bought after it")
      .required(CrossSell.LOOKBACK_START, DATE, "First day of the lookback (analytics.customer.cross-sell.lookback-days ending on snapshot_date)")
      .required(CrossSell.CUSTOMERS_ALL, LONG, "Customers with a purchase in the lookback")
      .required(CrossSell.CUSTOMERS_X, LONG, "Customers who bought X in the lookback")
      .required(CrossSell.CUSTOMERS_Y, LONG, "Customers who bought Y in the lookback")
      .required(CrossSell.CUSTOMERS_XY, LONG, "Customers who bought Y 1..within-days days after a purchase of X (same day does not count)")
      .required(CrossSell.SUPPORT, DOUBLE, "customers_xy / customers_all")
      .required(CrossSell.CONFIDENCE, DOUBLE, "customers_xy / customers_x")
      .required(CrossSell.LIFT, DOUBLE, "confidence / (customers_y / customers_all): how much likelier Y is after X than among all customers")
      .required(CrossSell.MEDIAN_LAG_DAYS, DOUBLE, "Median over the customers_xy customers of their shortest lag in days from a purchase of X to a purchase of Y 1..within-days later")
      .required(BehaviourTables.SNAPSHOT_DATE, DATE, "Day the lookback ends on; partition column")
      .partitionedByDay(BehaviourTables.SNAPSHOT_DATE)
      .key(BehaviourTables.SNAPSHOT_DATE, CrossSell.LEVEL, CrossSell.ITEM_X, CrossSell.ITEM_Y)
      .replaceDays()
      .check(Check.acceptedValues(CrossSell.LEVEL, CrossSell.CATEGORY, CrossSell.PRODUCT))
      // Pairs are kept only when someone bought Y after X, both in the lookback: every count is >= 1,
      // and customers_xy is a subset of customers_x and customers_y, so support and confidence are shares.
      .check(Check.range(CrossSell.CUSTOMERS_ALL, 1.0, null))
      .check(Check.range(CrossSell.CUSTOMERS_X, 1.0, null))
      .check(Check.range(CrossSell.CUSTOMERS_Y, 1.0, null))
      .check(Check.range(CrossSell.CUSTOMERS_XY, 1.0, null))
      .check(Check.range(CrossSell.SUPPORT, 0.0, 1.0))
      .check(Check.range(CrossSell.CONFIDENCE, 0.0, 1.0))
      .check(Check.range(CrossSell.LIFT, 0.0, null))
      // Y counts from the day after X on.
      .check(Check.range(CrossSell.MEDIAN_LAG_DAYS, 1.0, null))
      .build();

  public static final TableSpec COHORT_RETENTION = TableSpec.table(Tables.GOLD, "cohort_retention")
      .grain("Cohort retention: one row per snapshot_date, cohort_month (month of the customer's first purchase), acquisition_channel (channel of that purchase, and 'all') and months_since_acquisition from 0 up to the snapshot's month (its purchases up to the snapshot day). Cohorts of the last cohorts.max-months months. Partitioned by snapshot_date.")
      .required(Cohort.COHORT_MONTH, DATE, "First day of the month of the customer's first purchase")
      .required(Cohort.ACQUISITION_CHANNEL, STRING, "Sales channel of the first purchase, or 'all' (the sum over channels)")
      .required(Cohort.MONTHS_SINCE_ACQUISITION, INT, "0 for the cohort month, 1 for the month after, ...")
      .required(Cohort.ACTIVITY_MONTH, DATE, "First day of the month counted (cohort_month + months_since_acquisition)")
      .required(Cohort.IS_CURRENT_MONTH, BOOLEAN, "True for the snapshot's own month, counted only up to snapshot_date")
      .required(Cohort.COHORT_SIZE, LONG, "Customers of the cohort")
      .required(Cohort.ACTIVE_CUSTOMERS, LONG, "Customers of the cohort with a purchase (any channel) in activity_month")
      .required(Cohort.RETENTION_RATE, DOUBLE, "active_customers / cohort_size")
      .required(Cohort.REVENUE, MONEY, "Net amount of the cohort's purchases (any channel) in activity_month, CNY")
      .required(Cohort.CUMULATIVE_REVENUE_PER_CUSTOMER, MONEY, "Revenue of months 0..months_since_acquisition / cohort_size, CNY")
      .required(BehaviourTables.SNAPSHOT_DATE, DATE, "Day of the snapshot; partition column")
      .partitionedByDay(BehaviourTables.SNAPSHOT_DATE)
      .key(BehaviourTables.SNAPSHOT_DATE, Cohort.COHORT_MONTH, Cohort.ACQUISITION_CHANNEL,
          Cohort.MONTHS_SINCE_ACQUISITION)
      .replaceDays()
      // The sales channel vocabulary silver assigns (silver.Vocabulary), plus the row over all channels.
      .check(Check.acceptedValues(Cohort.ACQUISITION_CHANNEL, Vocabulary.MARKETPLACE, Vocabulary.MINIPROGRAM,
          Vocabulary.POS, Vocabulary.DISTRIBUTOR, Cohort.ALL))
      .check(Check.range(Cohort.MONTHS_SINCE_ACQUISITION, 0.0, null))
      .check(Check.range(Cohort.COHORT_SIZE, 1.0, null))
      .check(Check.range(Cohort.ACTIVE_CUSTOMERS, 0.0, null))
      // Active customers are members of the cohort.
      .check(Check.range(Cohort.RETENTION_RATE, 0.0, 1.0))
      .check(Check.range(Cohort.REVENUE, 0.0, null))
      .check(Check.range(Cohort.CUMULATIVE_REVENUE_PER_CUSTOMER, 0.0, null))
      .build();

}
