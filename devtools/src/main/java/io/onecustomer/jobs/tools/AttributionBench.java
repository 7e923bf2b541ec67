package io.onecustomer.jobs.tools;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.spark.SessionFactory;
import io.onecustomer.jobs.attribution.AttributionColumns.Conversions;
import io.onecustomer.jobs.attribution.AttributionColumns.Credits;
import io.onecustomer.jobs.attribution.AttributionColumns.Journeys;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import io.onecustomer.jobs.attribution.AttributionColumns.Touchpoints;
import io.onecustomer.jobs.attribution.AttributionColumns;
import io.onecustomer.jobs.attribution.AttributionModels;
import io.onecustomer.jobs.attribution.AttributionOptions;
import io.onecustomer.jobs.attribution.MarkovChain;
import io.onecustomer.jobs.attribution.PathOptions;
import io.onecustomer.jobs.attribution.PathTransforms;
import io.onecustomer.jobs.attribution.RuleBasedModels;
import io.onecustomer.jobs.attribution.ShapleyModel;
import io.onecustomer.jobs.silver.Vocabulary;
import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Benchmark of the attribution engine at scale (bench/attribution.sh): synthetic touchpoints and
 * conversions straight from Spark, written to parquet first so their generation is not timed; then,
 * each timed on its own, the journey build (materialised to parquet and read back, so no model
 * timing includes it), every rule-based model alone and all six in one pass, the fit and the
 * per-conversion credits of each data-driven model, and {@link AttributionModels#allCredits}.
 * Credits are forced with Spark's {@code noop} sink, except {@code allCredits}, which runs once and
 * is written to parquet (as the nightly job writes it to a table): the credit rows are counted from
 * that output, and every conversion's credits are checked to sum exactly to its value, model by
 * model. The first timed model also pays for the JIT warming up.
 *
 * <p>Synthetic data, deterministic (every field is a hash of the row id): customer activity is
 * mildly skewed (customer index = ⌊customers × u^{@value #CUSTOMER_SKEW}⌋, the same for touches and
 * conversions, so the most active customers also convert most); channel popularity is skewed
 * (index = ⌊channels × u²⌋, index 0 being {@code direct}, about 29% of touches with 12 channels);
 * times are uniform over {@value #SPAN_DAYS} days; conversion values are uniform in 9.99..999.99.
 */
public final class AttributionBench {
  private AttributionBench() {}

  static final long DEFAULT_TOUCHPOINTS = 10_000_000L;
  static final long DEFAULT_CONVERSIONS = 1_000_000L;
  static final long DEFAULT_CUSTOMERS = 1_000_000L;
  static final int DEFAULT_CHANNELS = 12;
  static final String DEFAULT_WORKDIR = "data/bench-attribution";
  static final int LOOKBACK_DAYS = 30;
  static final int SPAN_DAYS = 90;
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  /** At 2 cores and 10M touchpoints: ~300k rows per shuffle partition (AQE coalesces the small ones). */
  static final int SHUFFLE_PARTITIONS = 32;
  /** Rows per partition of the generated inputs. */
  static final long ROWS_PER_PARTITION = 500_000L;
  static final double CUSTOMER_SKEW = 1.3;
  /** The first channels' names (popularity in this order); any further ones are {@code channel_NN}. */
  static final List<String> CHANNEL_NAMES = List.of(Vocabulary.DIRECT, "paid_search", "paid_social", "crm",
      "organic_search", "display", "marketplace_ads", "affiliate", "video", "referral", "push", "sms");

  static final String TOUCHPOINTS_DIR = "touchpoints";
  static final String CONVERSIONS_DIR = "conversions";
  static final String JOURNEYS_DIR = "journeys";
  static final String CREDITS_DIR = "credits";
  private static final String NOOP = "noop";
  private static final String OVERWRITE = "overwrite";
  // Columns of the checks.
  private static final String SUM_VALUE = "_sum_value";
  private static final String SUM_CONVERSIONS = "_sum_conversions";
  private static final String ROWS = "_rows";

  public static void main(String[] args) {
    long touchpoints = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_TOUCHPOINTS;
    long conversions = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_CONVERSIONS;
    long customers = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_CUSTOMERS;
    int channels = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_CHANNELS;
    String work = new File(args.length > 4 ? args[4] : DEFAULT_WORKDIR).getAbsolutePath();
    AppConfig config = AppConfig.load("local", null, new File("conf"), Map.of(
        "paths.warehouse", new File(work, "warehouse").getAbsolutePath(), "catalog.type", "in-memory"));
    SparkSession spark = SessionFactory.create(config, "onecustomer attribution bench");
    spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(SHUFFLE_PARTITIONS));
    System.out.printf("bench: %,d touchpoints, %,d conversions, %,d customers, %d channels, lookback %d days,"
            + " %s, shuffle partitions %d, %s%n", touchpoints, conversions, customers, channels, LOOKBACK_DAYS,
        spark.conf().get("spark.master"), SHUFFLE_PARTITIONS, work);
    long all = System.nanoTime();
    Dataset<Row> journeys = timeJourneys(spark, touchpoints, conversions, customers, channels, work);
    AttributionOptions options = AttributionOptions.defaults();
    timeRuleBased(journeys, options);
    timeDataDriven(journeys, options);
    time("allCredits (3 fits + 9 models' credits) -> parquet", () -> {
      AttributionModels.allCredits(journeys, PathOptions.none(), options).write().mode(OVERWRITE)
          .parquet(path(work, CREDITS_DIR));
      return null;
    });
    check(journeys, spark.read().parquet(path(work, CREDITS_DIR)));
    System.out.printf("bench: total wall time %.1f s%n", (System.nanoTime() - all) / 1e9);
    spark.stop();
  }

  /** Writes the inputs (not timed), then times the journey build; returns the journeys read back. */
  static Dataset<Row> timeJourneys(SparkSession spark, long touchpoints, long conversions, long customers,
      int channels, String work) {
    time("generate inputs to parquet (not part of the measurement)", () -> {
      syntheticTouchpoints(spark, touchpoints, customers, channels).write().mode(OVERWRITE)
          .parquet(path(work, TOUCHPOINTS_DIR));
      syntheticConversions(spark, conversions, customers).write().mode(OVERWRITE).parquet(path(work, CONVERSIONS_DIR));
      return null;
    });
    Dataset<Row> tp = spark.read().parquet(path(work, TOUCHPOINTS_DIR));
    Dataset<Row> conv = spark.read().parquet(path(work, CONVERSIONS_DIR));

    time("journeys (PathTransforms.journeys, lookback " + LOOKBACK_DAYS + " d) -> parquet", () -> {
      PathTransforms.journeys(tp, conv, LOOKBACK_DAYS).write().mode(OVERWRITE).parquet(path(work, JOURNEYS_DIR));
      return null;
    });
    Dataset<Row> journeys = spark.read().parquet(path(work, JOURNEYS_DIR));
    Row c = journeys.agg(count(lit(1)), sum(when(col(Journeys.IS_CONVERSION), 1L).otherwise(0L)),
        sum(size(col(Journeys.TOUCHES))), max(size(col(Journeys.TOUCHES))),
        sum(when(col(Journeys.IS_CONVERSION).and(size(col(Journeys.TOUCHES)).equalTo(0)), 1L).otherwise(0L))).first();
    System.out.printf("bench: journeys %,d: converting %,d (%,d without touches), non-converting %,d;"
            + " touches in journeys %,d, longest path %d%n",
        c.getLong(0), c.getLong(1), c.getLong(4), c.getLong(0) - c.getLong(1), c.getLong(2), c.getInt(3));
    return journeys;
  }

  /** Each rule-based model alone, then all six in one pass. */
  static void timeRuleBased(Dataset<Row> journeys, AttributionOptions options) {
    for (String m : Models.RULE_BASED) {
      time(m + " credits", () -> noop(RuleBasedModels.credits(journeys, List.of(m), options)));
    }
    time("all six rule-based credits, one pass", () -> noop(RuleBasedModels.credits(journeys, options)));
  }

  /** Each data-driven model: the fit, then the per-conversion credits. */
  static void timeDataDriven(Dataset<Row> journeys, AttributionOptions options) {

    for (boolean nulls : new boolean[] {true, false}) {
      MarkovChain.Fit fit = time((nulls ? Models.MARKOV : Models.MARKOV_WITHOUT_NULLS) + " fit",
          () -> MarkovChain.fit(journeys, nulls, options));
      System.out.printf("bench: %s: %d channels, %d transitions, P(conversion) %.6f, removal effects %s%n",
          fit.model(), fit.channels().size(), fit.transitions().size(), fit.conversionProbability(),
          rounded(fit.removalEffects()));
      time(fit.model() + " credits", () -> noop(MarkovChain.credits(journeys, fit, options)));
    }
    ShapleyModel.Fit fit = time(Models.SHAPLEY + " fit", () -> ShapleyModel.fit(journeys, options));
    Map<String, Double> totals = new TreeMap<>();
    fit.channelCredits().forEach(c -> totals.put(c.channel(), c.conversions()));
    System.out.printf("bench: %s: %d channel sets (%d supported), %.0f conversions, channel totals %s%n", fit.model(),
        fit.coalitions().size(), fit.game().rates().size(), fit.totalConversions(), rounded(totals));
    time(fit.model() + " credits", () -> noop(ShapleyModel.credits(journeys, fit, options)));
  }

  /**
   * Per model: credit rows, conversions credited, conversions whose credit values do not sum exactly
   * to their value (or that have no credit row), and those whose credit_conversions are off 1 by more
   * than 1e-9. The mismatches must be 0.
   */
  static void check(Dataset<Row> journeys, Dataset<Row> credits) {
    Dataset<Row> sums = credits.groupBy(col(Credits.MODEL), col(Credits.JOURNEY_ID))
        .agg(count(lit(1)).as(ROWS), sum(col(Credits.CREDIT_VALUE)).as(SUM_VALUE),
            sum(col(Credits.CREDIT_CONVERSIONS)).as(SUM_CONVERSIONS));
    Column models = array(Models.ALL.stream().map(m -> lit(m)).toArray(Column[]::new));
    Dataset<Row> expected = journeys.filter(col(Journeys.IS_CONVERSION))
        .select(col(Journeys.JOURNEY_ID), col(Journeys.CONVERSION_VALUE), explode(models).as(Credits.MODEL));
    List<Row> rows = expected.join(sums, expected.col(Credits.MODEL).equalTo(sums.col(Credits.MODEL))
            .and(expected.col(Credits.JOURNEY_ID).equalTo(sums.col(Credits.JOURNEY_ID))), "left")
        .select(expected.col(Credits.MODEL), expected.col(Journeys.CONVERSION_VALUE), col(ROWS),
            col(SUM_VALUE), col(SUM_CONVERSIONS))
        .groupBy(col(Credits.MODEL))
        .agg(sum(col(ROWS)).as(ROWS), count(col(SUM_VALUE)).as("credited"),
            sum(when(col(SUM_VALUE).isNull().or(col(SUM_VALUE).notEqual(col(Journeys.CONVERSION_VALUE))), 1L)
                .otherwise(0L)).as("value_mismatch"),
            sum(when(col(SUM_CONVERSIONS).isNull().or(abs(col(SUM_CONVERSIONS).minus(1.0)).gt(1e-9)), 1L)
                .otherwise(0L)).as("conversions_mismatch"))
        .orderBy(col(Credits.MODEL))
        .collectAsList();
    long totalRows = 0;
    long mismatches = 0;
    for (Row r : rows) {
      totalRows += r.getLong(1);
      mismatches += r.getLong(3) + r.getLong(4);
      System.out.printf("bench: check %-22s credit rows %,12d, conversions credited %,10d, value sum != conversion"
          + " value: %d, |sum credit_conversions - 1| > 1e-9: %d%n", r.getString(0), r.getLong(1), r.getLong(2),
          r.getLong(3), r.getLong(4));
    }
    System.out.printf("bench: check credits sum exactly to the conversion value, every model: %s (%,d credit rows,"
        + " %d mismatching conversions)%n", mismatches == 0 ? "OK" : "FAILED", totalRows, mismatches);
  }

  /** Touchpoints ({@link Touchpoints}), deterministic; see the class comment. */
  static Dataset<Row> syntheticTouchpoints(SparkSession spark, long n, long customers, int channels) {
    Column id = col("id");
    return spark.range(0, n, 1, partitions(n)).select(
        customer(id, customers, 1).as(Touchpoints.CUSTOMER_ID),
        element_at(channelNames(channels), floor(pow(uniform(id, 2), 2).multiply(channels)).cast(DataTypes.IntegerType)
            .plus(1)).as(Touchpoints.CHANNEL),
        timestamp(id, 3).as(Touchpoints.TS));
  }

  /** Conversions ({@link Conversions}), deterministic; see the class comment. */
  static Dataset<Row> syntheticConversions(SparkSession spark, long n, long customers) {
    Column id = col("id");
    Column cents = pmod(xxhash64(id, lit(14)), lit(99_001L)).plus(999);
    return spark.range(0, n, 1, partitions(n)).select(
        concat(lit("o"), id.cast(DataTypes.StringType)).as(Conversions.CONVERSION_ID),
        customer(id, customers, 11).as(Conversions.CUSTOMER_ID),
        timestamp(id, 12).as(Conversions.TS),
        cents.cast(DataTypes.createDecimalType(18, 0)).divide(lit(100)).cast(AttributionColumns.MONEY)
            .as(Conversions.VALUE));
  }

  private static int partitions(long rows) {
    return (int) Math.max(2, Math.min(200, (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
  }

  /** Uniform in [0, 1) from a hash of the row id and a seed. */
  private static Column uniform(Column id, int seed) {
    long scale = 1L << 53;
    return pmod(xxhash64(id, lit(seed)), lit(scale)).cast(DataTypes.DoubleType).divide(scale);
  }

  private static Column customer(Column id, long customers, int seed) {
    return concat(lit("c"), floor(pow(uniform(id, seed), CUSTOMER_SKEW).multiply(customers)).cast(DataTypes.StringType));
  }

  private static Column timestamp(Column id, int seed) {
    return timestamp_seconds(lit(START.getEpochSecond()).plus(pmod(xxhash64(id, lit(seed)), lit(SPAN_DAYS * 86_400L))));
  }

  private static Column channelNames(int channels) {
    List<Column> names = new ArrayList<>();
    for (int i = 0; i < channels; i++) {
      names.add(lit(i < CHANNEL_NAMES.size() ? CHANNEL_NAMES.get(i) : String.format("channel_%02d", i)));
    }
    return array(names.toArray(new Column[0]));
  }

  private static String path(String work, String dir) {
    return new File(work, dir).getPath();
  }

  private static Void noop(Dataset<Row> df) {
    df.write().format(NOOP).mode(OVERWRITE).save();
    return null;
  }

  private static <T> T time(String what, Supplier<T> step) {
    long t = System.nanoTime();
    T result = step.get();
    System.out.printf("bench: %-60s %8.1f s%n", what, (System.nanoTime() - t) / 1e9);
    return result;
  }

  private static String rounded(Map<String, Double> values) {
    StringBuilder b = new StringBuilder("{");
    values.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(String.format("%.4f", v)));
    return b.append('}').toString();
  }
}
