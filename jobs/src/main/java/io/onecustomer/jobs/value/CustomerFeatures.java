package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.customer.RfmTables.Segments;
import io.onecustomer.jobs.analytics.customer.RfmTransforms;
import io.onecustomer.jobs.silver.Vocabulary;
import io.onecustomer.jobs.value.ValueTables.Features;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Model features and labels of customers at a cut-off day: pure transforms over customer-keyed
 * inputs. Every feature reads only rows dated up to the cut-off (a test builds them from inputs
 * truncated at the cut-off and from the full inputs and compares), so the same transform serves
 * training (past cut-offs, with labels from the days after) and nightly scoring (today).
 */
public final class CustomerFeatures {
  private CustomerFeatures() {}

  // Input columns.
  public static final String CUSTOMER_ID = ValueTables.CUSTOMER_ID;
  public static final String ORDER_DATE = Purchases.ORDER_DATE;
  public static final String NET_AMOUNT = Purchases.NET_AMOUNT;
  public static final String CHANNEL = Purchases.CHANNEL;
  public static final String EVENT_DATE = "event_date";
  public static final String TOUCHPOINT_TYPE = "touchpoint_type";
  public static final String CREATED_DATE = "created_date";
  public static final String IS_COMPLAINT = "is_complaint";
  public static final String SATISFACTION = "satisfaction";
  public static final String UPDATED_DATE = "updated_date";
  public static final String TIER = "tier";

  /** Touches count back this many days from a cut-off (every touch feature fits in it). */
  public static final int TOUCH_DAYS = 90;
  /** Tickets count back this many days. */
  public static final int TICKET_DAYS = 365;

  // Label columns.
  public static final String CHURNED = "churned";
  public static final String FUTURE_REVENUE = "future_revenue";

  /**
   * The customer-keyed inputs, each with rows of any date (the transforms cut them).
   *
   * @param purchases customer purchases: customer_id, order_date, net_amount, channel
   * @param touches customer_id, event_date, touchpoint_type
   * @param tickets customer_id, created_date, is_complaint, satisfaction (nullable)
   * @param members member profile versions: customer_id, updated_date, tier
   * @param historyStart first day of usable purchase history (the BTYD calibration start)
   */
  public record Inputs(Dataset<Row> purchases, Dataset<Row> touches, Dataset<Row> tickets, Dataset<Row> members,
      LocalDate historyStart) {

    /** The same inputs with every row dated after {@code day} removed (what a run on that day saw). */
    public Inputs truncatedAt(LocalDate day) {
      Column d = lit(Date.valueOf(day));
      return new Inputs(purchases.where(col(ORDER_DATE).leq(d)), touches.where(col(EVENT_DATE).leq(d)),
          tickets.where(col(CREATED_DATE).leq(d)), members.where(col(UPDATED_DATE).leq(d)), historyStart);
    }
  }

  /** The model features, in the order the pipelines assemble them. */
  public static final List<String> MODEL_FEATURES = List.of(
      Features.RECENCY_DAYS, Features.TENURE_DAYS, Features.FREQUENCY, Features.MONETARY,
      Features.R_SCORE, Features.F_SCORE, Features.M_SCORE,
      Features.PURCHASES_30D, Features.PURCHASES_90D, Features.PURCHASES_PREV_90D, Features.REVENUE_90D,
      Features.PURCHASE_DAYS, Features.MEAN_GAP_DAYS, Features.LAST_GAP_DAYS, Features.GAP_TREND,
      Features.OVERDUE_RATIO,
      Features.SHARE_MARKETPLACE, Features.SHARE_MINIPROGRAM, Features.SHARE_POS, Features.SHARE_DISTRIBUTOR,
      Features.CHANNEL_COUNT,
      Features.VIEWS_30D, Features.VIEWS_PREV_60D, Features.CARTS_90D, Features.COUPONS_90D,
      Features.TOUCHES_30D, Features.TOUCHES_PREV_60D, Features.DAYS_SINCE_TOUCH,
      Features.TICKETS_90D, Features.COMPLAINTS_90D, Features.COMPLAINTS_365D, Features.AVG_SATISFACTION,
      Features.IS_MEMBER, Features.MEMBER_TIER_RANK,
      Features.P_ALIVE, Features.EXPECTED_PURCHASES_CHURN, Features.P_NO_PURCHASE,
      Features.EXPECTED_PURCHASES_LTV, Features.EXPECTED_ORDER_VALUE, Features.BTYD_EXPECTED_VALUE);

  /** {@code date} in (cutOff - from, cutOff - to]: {@code from} days back, excluding the first {@code to}. */
  static Column daysBack(Column date, LocalDate cutOff, int from, int to) {
    return date.gt(lit(Date.valueOf(cutOff.minusDays(from)))).and(date.leq(lit(Date.valueOf(cutOff.minusDays(to)))));
  }

  private static Column dbl(Column c) {
    return c.cast("double");
  }

  /**
   * Features from purchases, touches, tickets and member profiles at {@code cutOff}, one row per
   * customer with a purchase in the {@code v.activeDays()} days up to it; everything except the
   * BTYD outputs ({@link BtydScores}). Columns: customer_id and the behavioural features of
   * {@link Features#COLUMNS}, doubles, no nulls (undefined = -1, counts 0).
   */
  public static Dataset<Row> behaviour(SparkSession spark, Inputs in, LocalDate cutOff, ValueConfig v,
      int rfmWindowDays, int rfmAccuracy) {
    Column day = lit(Date.valueOf(cutOff));
    Dataset<Row> purchases = in.purchases().where(col(ORDER_DATE).leq(day).and(col(CUSTOMER_ID).isNotNull()));

    // RFM values and scores exactly as gold.rfm_segments computes them, at the cut-off.
    Dataset<Row> rfm = RfmTransforms.withRfmScores(RfmTransforms.rfmFacts(purchases,
            RfmTransforms.snapshotDays(spark, List.of(cutOff)), rfmWindowDays), rfmAccuracy)
        .where(col(Segments.RECENCY_DAYS).lt(v.activeDays()))
        .select(col(Segments.CUSTOMER_ID),
            dbl(col(Segments.RECENCY_DAYS)).as(Features.RECENCY_DAYS),
            dbl(col(Segments.TENURE_DAYS)).as(Features.TENURE_DAYS),
            dbl(col(Segments.FREQUENCY)).as(Features.FREQUENCY),
            dbl(col(Segments.MONETARY)).as(Features.MONETARY),
            dbl(col(Segments.R_SCORE)).as(Features.R_SCORE),
            dbl(col(Segments.F_SCORE)).as(Features.F_SCORE),
            dbl(col(Segments.M_SCORE)).as(Features.M_SCORE));

    Column od = col(ORDER_DATE);
    Column all = functions.count(lit(1));
    Dataset<Row> orders = purchases
        .groupBy(col(CUSTOMER_ID))
        .agg(
            sum(when(daysBack(od, cutOff, 30, 0), 1).otherwise(0)).as(Features.PURCHASES_30D),
            sum(when(daysBack(od, cutOff, 90, 0), 1).otherwise(0)).as(Features.PURCHASES_90D),
            sum(when(daysBack(od, cutOff, 180, 90), 1).otherwise(0)).as(Features.PURCHASES_PREV_90D),
            coalesce(sum(when(daysBack(od, cutOff, 90, 0), col(NET_AMOUNT))), lit(0)).as(Features.REVENUE_90D),
            sort_array(functions.collect_set(od)).as("_days"),
            all.as("_orders"),
            sum(when(col(CHANNEL).equalTo(Vocabulary.MARKETPLACE), 1).otherwise(0)).as("_mkt"),
            sum(when(col(CHANNEL).equalTo(Vocabulary.MINIPROGRAM), 1).otherwise(0)).as("_mini"),
            sum(when(col(CHANNEL).equalTo(Vocabulary.POS), 1).otherwise(0)).as("_pos"),
            sum(when(col(CHANNEL).equalTo(Vocabulary.DISTRIBUTOR), 1).otherwise(0)).as("_dist"),
            countDistinct(col(CHANNEL)).as(Features.CHANNEL_COUNT));
    Column nDays = size(col("_days"));
    Column meanGap = when(nDays.gt(1),
        dbl(datediff(element_at(col("_days"), -1), element_at(col("_days"), 1))).divide(nDays.minus(1)));
    Column lastGap = when(nDays.gt(1), dbl(datediff(element_at(col("_days"), -1), element_at(col("_days"), -2))));
    Column recency = dbl(datediff(day, element_at(col("_days"), -1)));
    orders = orders.select(
        col(CUSTOMER_ID),
        dbl(col(Features.PURCHASES_30D)).as(Features.PURCHASES_30D),
        dbl(col(Features.PURCHASES_90D)).as(Features.PURCHASES_90D),
        dbl(col(Features.PURCHASES_PREV_90D)).as(Features.PURCHASES_PREV_90D),
        dbl(col(Features.REVENUE_90D)).as(Features.REVENUE_90D),
        dbl(nDays).as(Features.PURCHASE_DAYS),
        coalesce(meanGap, lit(-1.0)).as(Features.MEAN_GAP_DAYS),
        coalesce(lastGap, lit(-1.0)).as(Features.LAST_GAP_DAYS),
        coalesce(when(meanGap.gt(0), lastGap.divide(meanGap)), lit(-1.0)).as(Features.GAP_TREND),
        coalesce(when(meanGap.gt(0), recency.divide(meanGap)), lit(-1.0)).as(Features.OVERDUE_RATIO),
        dbl(col("_mkt")).divide(col("_orders")).as(Features.SHARE_MARKETPLACE),
        dbl(col("_mini")).divide(col("_orders")).as(Features.SHARE_MINIPROGRAM),
        dbl(col("_pos")).divide(col("_orders")).as(Features.SHARE_POS),
        dbl(col("_dist")).divide(col("_orders")).as(Features.SHARE_DISTRIBUTOR),
        dbl(col(Features.CHANNEL_COUNT)).as(Features.CHANNEL_COUNT));

    Column ed = col(EVENT_DATE);
    Column type = col(TOUCHPOINT_TYPE);
    Dataset<Row> touches = in.touches()
        .where(col(CUSTOMER_ID).isNotNull().and(daysBack(ed, cutOff, TOUCH_DAYS, 0)))
        .groupBy(col(CUSTOMER_ID))
        .agg(
            dbl(sum(when(type.equalTo("view").and(daysBack(ed, cutOff, 30, 0)), 1).otherwise(0)))
                .as(Features.VIEWS_30D),
            dbl(sum(when(type.equalTo("view").and(daysBack(ed, cutOff, 90, 30)), 1).otherwise(0)))
                .as(Features.VIEWS_PREV_60D),
            dbl(sum(when(type.equalTo("add_to_cart").and(daysBack(ed, cutOff, 90, 0)), 1).otherwise(0)))
                .as(Features.CARTS_90D),
            dbl(sum(when(type.equalTo("coupon_claim").and(daysBack(ed, cutOff, 90, 0)), 1).otherwise(0)))
                .as(Features.COUPONS_90D),
            dbl(sum(when(daysBack(ed, cutOff, 30, 0), 1).otherwise(0))).as(Features.TOUCHES_30D),
            dbl(sum(when(daysBack(ed, cutOff, 90, 30), 1).otherwise(0))).as(Features.TOUCHES_PREV_60D),
            dbl(datediff(day, max(ed))).as(Features.DAYS_SINCE_TOUCH));

    Column cd = col(CREATED_DATE);
    Dataset<Row> tickets = in.tickets()
        .where(col(CUSTOMER_ID).isNotNull().and(daysBack(cd, cutOff, TICKET_DAYS, 0)))
        .groupBy(col(CUSTOMER_ID))
        .agg(
            dbl(sum(when(daysBack(cd, cutOff, 90, 0), 1).otherwise(0))).as(Features.TICKETS_90D),
            dbl(sum(when(col(IS_COMPLAINT).and(daysBack(cd, cutOff, 90, 0)), 1).otherwise(0)))
                .as(Features.COMPLAINTS_90D),
            dbl(sum(when(col(IS_COMPLAINT), 1).otherwise(0))).as(Features.COMPLAINTS_365D),
            dbl(avg(col(SATISFACTION))).as(Features.AVG_SATISFACTION));

    Column tiers = functions.array(v.tierOrder().stream().map(functions::lit).toArray(Column[]::new));
    Dataset<Row> members = in.members()
        .where(col(CUSTOMER_ID).isNotNull().and(col(UPDATED_DATE).leq(day)))
        .groupBy(col(CUSTOMER_ID))
        .agg(max_by(col(TIER), col(UPDATED_DATE)).as("_tier"))
        .select(col(CUSTOMER_ID), lit(1.0).as(Features.IS_MEMBER),
            dbl(coalesce(array_position(tiers, lower(trim(col("_tier")))), lit(0))).as(Features.MEMBER_TIER_RANK));

    Map<String, Double> fill = new LinkedHashMap<>();
    for (String c : List.of(Features.VIEWS_30D, Features.VIEWS_PREV_60D, Features.CARTS_90D, Features.COUPONS_90D,
        Features.TOUCHES_30D, Features.TOUCHES_PREV_60D, Features.TICKETS_90D, Features.COMPLAINTS_90D,
        Features.COMPLAINTS_365D, Features.IS_MEMBER, Features.MEMBER_TIER_RANK)) {
      fill.put(c, 0.0);
    }
    fill.put(Features.DAYS_SINCE_TOUCH, -1.0);
    fill.put(Features.AVG_SATISFACTION, -1.0);
    return rfm.join(orders, CUSTOMER_ID)
        .join(touches, rfm.col(CUSTOMER_ID).equalTo(touches.col(CUSTOMER_ID)), "left").drop(touches.col(CUSTOMER_ID))
        .join(tickets, rfm.col(CUSTOMER_ID).equalTo(tickets.col(CUSTOMER_ID)), "left").drop(tickets.col(CUSTOMER_ID))
        .join(members, rfm.col(CUSTOMER_ID).equalTo(members.col(CUSTOMER_ID)), "left").drop(members.col(CUSTOMER_ID))
        .na().fill(new HashMap<>(fill));
  }

  /**
   * All features at {@code cutOff}: {@link #behaviour} joined with the BTYD outputs of
   * {@link BtydScores} fitted on purchases up to the cut-off; the columns of {@link Features#COLUMNS}.
   */
  public static Dataset<Row> features(SparkSession spark, Inputs in, LocalDate cutOff, ValueConfig v,
      int rfmWindowDays, int rfmAccuracy, List<FitResult> fitsOut) {
    Dataset<Row> behaviour = behaviour(spark, in, cutOff, v, rfmWindowDays, rfmAccuracy);
    BtydScores.Scored btyd = BtydScores.score(spark, in.purchases(), in.historyStart(), cutOff, v);
    if (fitsOut != null) {
      fitsOut.addAll(btyd.fits());
    }
    return behaviour.join(btyd.scores(), CUSTOMER_ID)
        .withColumn(Features.SNAPSHOT_DATE, lit(Date.valueOf(cutOff)));
  }

  /**
   * Labels at {@code cutOff} of the customers in {@code features}: churned (1.0 when they make no
   * purchase in the {@code churnDays} after the cut-off) and future_revenue (net purchase revenue
   * in the {@code ltvDays} after it).
   */
  public static Dataset<Row> withLabels(Dataset<Row> features, Dataset<Row> purchases, LocalDate cutOff,
      int churnDays, int ltvDays) {
    Column od = col(ORDER_DATE);
    Dataset<Row> future = purchases
        .where(col(CUSTOMER_ID).isNotNull().and(od.gt(lit(Date.valueOf(cutOff))))
            .and(od.leq(lit(Date.valueOf(cutOff.plusDays(Math.max(churnDays, ltvDays)))))))
        .groupBy(col(CUSTOMER_ID).as("_cid"))
        .agg(
            sum(when(od.leq(lit(Date.valueOf(cutOff.plusDays(churnDays)))), 1).otherwise(0)).as("_bought"),
            sum(when(od.leq(lit(Date.valueOf(cutOff.plusDays(ltvDays)))), col(NET_AMOUNT))).as("_revenue"));
    return features.join(future, features.col(CUSTOMER_ID).equalTo(future.col("_cid")), "left")
        .withColumn(CHURNED, when(coalesce(col("_bought"), lit(0)).gt(0), 0.0).otherwise(1.0))
        .withColumn(FUTURE_REVENUE, dbl(coalesce(col("_revenue"), lit(0))))
        .drop("_cid", "_bought", "_revenue");
  }

  /** Column names of {@code df} that {@code required} lacks, for error messages. */
  static List<String> missing(Dataset<Row> df, List<String> required) {
    List<String> have = List.of(df.columns());
    List<String> out = new ArrayList<>();
    for (String c : required) {
      if (!have.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }
}
