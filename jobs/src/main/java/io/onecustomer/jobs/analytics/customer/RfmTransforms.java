package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.config.CustomerAnalyticsConfig.SegmentRule;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.customer.RfmTables.Segments;
import io.onecustomer.jobs.analytics.customer.RfmTables.Transitions;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * RFM scores, segments and segment transitions (docs/analytics-rfm.md). Every snapshot day of a
 * run is computed in one pass: the customer's purchase days are joined to the (few) snapshot days
 * they precede and aggregated per customer and snapshot.
 */
public final class RfmTransforms {
  private RfmTransforms() {}

  /** Columns of {@link #purchaseDays}. */
  public static final String ORDER_DATE = Purchases.ORDER_DATE;
  public static final String PURCHASES = "purchases";
  public static final String NET_AMOUNT = Purchases.NET_AMOUNT;
  public static final String GAP_DAYS = "gap_days";

  /** Quintile cut points: the 20th, 40th, 60th and 80th percentiles. */
  static final double[] QUINTILES = {0.2, 0.4, 0.6, 0.8};

  /** The quintile cut points' percentiles (for a peer computing the same scores, bench/peer.sh). */
  public static double[] quintiles() {
    return QUINTILES.clone();
  }

  /** The snapshot days as a one-column ({@code snapshot_date} DATE) frame, to join against. */
  public static Dataset<Row> snapshotDays(SparkSession spark, List<LocalDate> days) {
    List<Row> rows = new ArrayList<>();
    for (LocalDate d : new TreeSet<>(days)) {
      rows.add(RowFactory.create(Date.valueOf(d)));
    }
    StructType schema = new StructType().add(RfmTables.SNAPSHOT_DATE, DataTypes.DateType, false);
    return spark.createDataFrame(rows, schema);
  }

  /**
   * Customer purchases ({@link Purchases#customerPurchases}) rolled up to one row per customer and
   * purchase day: purchases that day, their net amount, and gap_days since the customer's previous
   * purchase day (null on the first).
   */
  public static Dataset<Row> purchaseDays(Dataset<Row> customerPurchases) {
    return customerPurchases
        .groupBy(col(Purchases.CUSTOMER_ID), col(Purchases.ORDER_DATE))
        .agg(count(lit(1)).as(PURCHASES), sum(col(Purchases.NET_AMOUNT)).as(NET_AMOUNT))
        .withColumn(GAP_DAYS, datediff(col(ORDER_DATE),
            lag(col(ORDER_DATE), 1).over(Window.partitionBy(Purchases.CUSTOMER_ID).orderBy(ORDER_DATE))));
  }

  /** Every purchase day paired with every snapshot day on or after it. */
  static Dataset<Row> upToSnapshots(Dataset<Row> purchaseDays, Dataset<Row> snapshots) {
    return purchaseDays.join(broadcast(snapshots), col(ORDER_DATE).leq(col(RfmTables.SNAPSHOT_DATE)));
  }

  /** {@code date} lies in (snapshot - from, snapshot - to], counting back from the snapshot day. */
  static Column daysBack(Column date, int from, int to) {
    Column s = col(RfmTables.SNAPSHOT_DATE);
    return date.gt(date_sub(s, from)).and(date.leq(date_sub(s, to)));
  }

  /**
   * One row per customer and snapshot day with a purchase up to it: first and last purchase day,
   * recency and tenure in days, and frequency (purchases) and monetary over (snapshot - windowDays,
   * snapshot], straight from the customers' purchases ({@link Purchases#customerPurchases}, one
   * row per purchase): one aggregation, not one per purchase day first (bench/peer.sh at 1,000,000
   * customers: that first aggregation shuffled 11 million rows, about a third of the query).
   */
  public static Dataset<Row> rfmFacts(Dataset<Row> customerPurchases, Dataset<Row> snapshots, int windowDays) {
    Column inWindow = daysBack(col(ORDER_DATE), windowDays, 0);
    return upToSnapshots(customerPurchases.select(col(Purchases.CUSTOMER_ID), col(ORDER_DATE), col(NET_AMOUNT)),
            snapshots)
        .groupBy(col(Segments.CUSTOMER_ID), col(Segments.SNAPSHOT_DATE))
        .agg(
            min(col(ORDER_DATE)).as(Segments.FIRST_PURCHASE_DATE),
            max(col(ORDER_DATE)).as(Segments.LAST_PURCHASE_DATE),
            sum(when(inWindow, lit(1L)).otherwise(lit(0L))).as(Segments.FREQUENCY),
            sum(when(inWindow, col(NET_AMOUNT))).as("_monetary"))
        .withColumn(Segments.MONETARY, coalesce(col("_monetary"), lit(0)).cast("decimal(18,2)"))
        .withColumn(Segments.RECENCY_DAYS, datediff(col(Segments.SNAPSHOT_DATE), col(Segments.LAST_PURCHASE_DATE)))
        .withColumn(Segments.TENURE_DAYS, datediff(col(Segments.SNAPSHOT_DATE), col(Segments.FIRST_PURCHASE_DATE)))
        .drop("_monetary");
  }

  /**
   * Adds r_score, f_score, m_score (1-5) and rfm_cell. Per snapshot, the 20/40/60/80th percentiles
   * (percentile_approx with {@code accuracy}) of a "higher is better" value are cut points; a
   * customer's score is 1 + the number of cut points its value strictly exceeds. A value equal to a
   * cut point stays in the lower quintile, and equal values always share a score. Recency scores
   * on -recency_days over all the snapshot's customers (recent = 5); frequency and monetary score
   * over the customers with a purchase in the window, and 0 scores 1.
   */
  public static Dataset<Row> withRfmScores(Dataset<Row> facts, int accuracy) {
    Column quintiles = functions.array(
        lit(QUINTILES[0]), lit(QUINTILES[1]), lit(QUINTILES[2]), lit(QUINTILES[3]));
    Column positiveF = when(col(Segments.FREQUENCY).gt(0), col(Segments.FREQUENCY));
    Column positiveM = when(col(Segments.MONETARY).gt(0), col(Segments.MONETARY));
    Dataset<Row> cuts = facts.groupBy(col(Segments.SNAPSHOT_DATE)).agg(
        functions.percentile_approx(col(Segments.RECENCY_DAYS).multiply(-1), quintiles,
            lit(accuracy)).as("_r_cuts"),
        functions.percentile_approx(positiveF, quintiles, lit(accuracy)).as("_f_cuts"),
        functions.percentile_approx(positiveM, quintiles, lit(accuracy)).as("_m_cuts"));
    return facts.join(broadcast(cuts), Segments.SNAPSHOT_DATE)
        .withColumn(Segments.R_SCORE, score(col(Segments.RECENCY_DAYS).multiply(-1), col("_r_cuts")))
        .withColumn(Segments.F_SCORE, when(col(Segments.FREQUENCY).gt(0),
            score(col(Segments.FREQUENCY), col("_f_cuts"))).otherwise(lit(1)))
        .withColumn(Segments.M_SCORE, when(col(Segments.MONETARY).gt(0),
            score(col(Segments.MONETARY), col("_m_cuts"))).otherwise(lit(1)))
        .withColumn(Segments.RFM_CELL, concat(col(Segments.R_SCORE).cast("string"),
            col(Segments.F_SCORE).cast("string"), col(Segments.M_SCORE).cast("string")))
        .drop("_r_cuts", "_f_cuts", "_m_cuts");
  }

  /** 1 + the number of the four cut points {@code value} strictly exceeds. */
  static Column score(Column value, Column cuts) {
    Column s = lit(1);
    for (int i = 0; i < QUINTILES.length; i++) {
      s = s.plus(when(value.gt(cuts.getItem(i)), lit(1)).otherwise(lit(0)));
    }
    return s.cast("int");
  }

  /** Adds segment: the name of the first rule whose bounds all hold, else {@code fallback}. */
  public static Dataset<Row> withSegment(Dataset<Row> scored, List<SegmentRule> rules, String fallback) {
    Column segment = null;
    for (SegmentRule r : rules) {
      Column cond = matches(r);
      segment = segment == null ? when(cond, lit(r.name())) : segment.when(cond, lit(r.name()));
    }
    segment = segment == null ? lit(fallback) : segment.otherwise(lit(fallback));
    return scored.withColumn(Segments.SEGMENT, segment);
  }

  /** The rule's bounds (inclusive) as one condition; unbounded sides are left out. */
  static Column matches(SegmentRule r) {
    Column c = lit(true);
    c = c.and(between(col(Segments.R_SCORE), r.minR(), r.maxR(), 1, 5));
    c = c.and(between(col(Segments.F_SCORE), r.minF(), r.maxF(), 1, 5));
    c = c.and(between(col(Segments.M_SCORE), r.minM(), r.maxM(), 1, 5));
    c = c.and(between(col(Segments.RECENCY_DAYS), r.minRecencyDays(), r.maxRecencyDays(), 0, Integer.MAX_VALUE));
    c = c.and(between(col(Segments.TENURE_DAYS), r.minTenureDays(), r.maxTenureDays(), 0, Integer.MAX_VALUE));
    return c;
  }

  private static Column between(Column v, int min, int max, int lo, int hi) {
    Column c = lit(true);
    if (min > lo) {
      c = c.and(v.geq(min));
    }
    if (max < hi) {
      c = c.and(v.leq(max));
    }
    return c;
  }

  /**
   * gold.rfm_segments rows (the columns of {@link CustomerAnalyticsSpecs#RFM_SEGMENTS}) for every snapshot day, from
   * the customers' purchases ({@link Purchases#customerPurchases}) up to the last snapshot.
   */
  public static Dataset<Row> rfmSegments(Dataset<Row> customerPurchases, Dataset<Row> snapshots, int windowDays,
      int accuracy, List<SegmentRule> rules, String fallback) {
    return rfmSegments(customerPurchases, snapshots, windowDays, accuracy, rules, fallback, f -> f);
  }

  /**
   * {@link #rfmSegments}, with the per-customer facts passed through {@code keep} (a job's cache):
   * the scores read them twice, once for the cut points and once to score each customer, and
   * without it Spark computes them twice from the purchases (bench/peer.sh at 1,000,000 customers:
   * the aggregation ran twice, in two stages of 7.7 s and 14.8 s).
   */
  public static Dataset<Row> rfmSegments(Dataset<Row> customerPurchases, Dataset<Row> snapshots, int windowDays,
      int accuracy, List<SegmentRule> rules, String fallback, java.util.function.UnaryOperator<Dataset<Row>> keep) {
    Dataset<Row> facts = keep.apply(rfmFacts(customerPurchases, snapshots, windowDays));
    return withSegment(withRfmScores(facts, accuracy), rules, fallback);
  }

  /**
   * For each of {@code runSnapshots}, the latest of {@code existing} strictly before it (absent
   * when there is none). Both lists are snapshot days, so this stays small on the driver.
   */
  public static Map<LocalDate, LocalDate> previousSnapshots(List<LocalDate> runSnapshots, List<LocalDate> existing) {
    TreeSet<LocalDate> all = new TreeSet<>(existing);
    Map<LocalDate, LocalDate> out = new TreeMap<>();
    for (LocalDate s : runSnapshots) {
      out.put(s, all.lower(s));
    }
    return out;
  }

  /** (snapshot_date, previous_snapshot_date) rows; previous is null when there is none. */
  public static Dataset<Row> snapshotPairs(SparkSession spark, Map<LocalDate, LocalDate> previous) {
    List<Row> rows = new ArrayList<>();
    previous.forEach((s, p) -> rows.add(RowFactory.create(Date.valueOf(s), p == null ? null : Date.valueOf(p))));
    StructType schema = new StructType()
        .add(Transitions.SNAPSHOT_DATE, DataTypes.DateType, false)
        .add(Transitions.PREVIOUS_SNAPSHOT_DATE, DataTypes.DateType, true);
    return spark.createDataFrame(rows, schema);
  }

  /**
   * gold.rfm_segment_transitions rows: for each (snapshot_date, previous_snapshot_date) of {@code
   * pairs}, customers of {@code segments} (customer_id, segment, snapshot_date; holding at least the
   * rows of both days) counted by previous segment and segment. A customer on one side only counts
   * with segment 'none' on the other; with no previous snapshot every previous segment is 'none'.
   */
  public static Dataset<Row> transitions(Dataset<Row> segments, Dataset<Row> pairs) {
    Dataset<Row> seg = segments.select(Segments.CUSTOMER_ID, Segments.SEGMENT, Segments.SNAPSHOT_DATE);
    Dataset<Row> now = seg.join(broadcast(pairs.select(Transitions.SNAPSHOT_DATE)), Transitions.SNAPSHOT_DATE);
    Dataset<Row> before = seg
        .withColumnRenamed(Segments.SEGMENT, Transitions.PREVIOUS_SEGMENT)
        .withColumnRenamed(Segments.SNAPSHOT_DATE, Transitions.PREVIOUS_SNAPSHOT_DATE)
        .join(broadcast(pairs.where(col(Transitions.PREVIOUS_SNAPSHOT_DATE).isNotNull())),
            Transitions.PREVIOUS_SNAPSHOT_DATE)
        .drop(Transitions.PREVIOUS_SNAPSHOT_DATE);
    Dataset<Row> moves = now
        .join(before, Cols.seq(Segments.CUSTOMER_ID, Transitions.SNAPSHOT_DATE), "full_outer")
        .join(broadcast(pairs), Transitions.SNAPSHOT_DATE)
        .groupBy(col(Transitions.SNAPSHOT_DATE), col(Transitions.PREVIOUS_SNAPSHOT_DATE),
            coalesce(col(Transitions.PREVIOUS_SEGMENT), lit(RfmTables.NONE)).as(Transitions.PREVIOUS_SEGMENT),
            coalesce(col(Segments.SEGMENT), lit(RfmTables.NONE)).as(Transitions.SEGMENT))
        .agg(count(lit(1)).as(Transitions.CUSTOMERS));
    Column ofPrevious = sum(col(Transitions.CUSTOMERS))
        .over(Window.partitionBy(Transitions.SNAPSHOT_DATE, Transitions.PREVIOUS_SEGMENT));
    return moves
        .withColumn(Transitions.PREVIOUS_SEGMENT_CUSTOMERS, ofPrevious)
        .withColumn(Transitions.SHARE_OF_PREVIOUS,
            col(Transitions.CUSTOMERS).cast("double").divide(col(Transitions.PREVIOUS_SEGMENT_CUSTOMERS)));
  }
}
