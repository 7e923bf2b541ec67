package io.onecustomer.jobs.attribution;

import static io.onecustomer.jobs.attribution.AttributionColumns.Credits.CHANNEL;
import static io.onecustomer.jobs.attribution.AttributionColumns.Credits.CONVERSION_TS;
import static io.onecustomer.jobs.attribution.AttributionColumns.Credits.CREDIT_CONVERSIONS;
import static io.onecustomer.jobs.attribution.AttributionColumns.Credits.CREDIT_VALUE;
import static io.onecustomer.jobs.attribution.AttributionColumns.Credits.CUSTOMER_ID;
import static io.onecustomer.jobs.attribution.AttributionColumns.Credits.JOURNEY_ID;
import static io.onecustomer.jobs.attribution.AttributionColumns.Credits.MODEL;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.jobs.attribution.AttributionColumns.Credits;
import io.onecustomer.jobs.attribution.AttributionColumns.Journeys;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Turns weights into credits, the one rounding rule of every model. Per conversion and model:
 *
 * <ol>
 *   <li>weights of the same channel are summed (a channel gets one row however often it appears);
 *       channels with weight 0 get no row; if every weight is 0 the channels share equally;
 *   <li>share = channel weight / total weight;
 *   <li>{@code credit_value} = share × value rounded half-even to cents; the residual cents
 *       (value − Σ rounded) go to the channel with the largest share (shares compared at 12
 *       decimals), ties to the first channel name: the credits sum exactly to the value;
 *   <li>{@code credit_conversions} = share × journey weight (1 for one conversion), the top channel
 *       taking weight − Σ others, so the credits sum to the weight up to one ulp of a double.
 * </ol>
 *
 * Everything happens inside the row with higher-order functions: no shuffle, no UDF.
 */
final class CreditAllocation {
  private CreditAllocation() {}

  /** Input columns of {@link #allocate}. */
  static final String ENTRIES = "_entries";
  static final String VALUE = "_value";
  static final String WEIGHT = "_journey_weight";
  /** Fields of an entry. */
  static final String E_CHANNEL = "channel";
  static final String E_WEIGHT = "weight";

  // Intermediate columns of allocate().
  private static final String PER_CHANNEL = "_per_channel";
  private static final String WEIGHTED = "_weighted";
  private static final String TOTAL = "_total";
  private static final String SHARES = "_shares";
  private static final String TOP = "_top";
  private static final String RESIDUAL = "_residual";
  private static final String OTHERS = "_others";
  private static final String CREDIT = "_credit";
  // Fields of a share.
  private static final String SHARE = "share";
  private static final String V = "v";
  private static final String SORT_KEY = "k";
  private static final DecimalType SHARE_DECIMAL = DataTypes.createDecimalType(19, 17);
  private static final DecimalType WIDE_MONEY = DataTypes.createDecimalType(38, 2);
  private static final int SHARE_COMPARE_SCALE = 12;

  static Column entry(Column channel, Column weight) {
    return struct(channel.as(E_CHANNEL), weight.cast(DataTypes.DoubleType).as(E_WEIGHT));
  }

  /**
   * Credits from rows with {@link Credits#JOURNEY_ID}, {@link Credits#CUSTOMER_ID},
   * {@link Credits#CONVERSION_TS}, {@link Credits#MODEL}, {@link #VALUE} (decimal(18,2)),
   * {@link #WEIGHT} (double) and {@link #ENTRIES} (array of {@link #entry}): one row per journey,
   * model and credited channel.
   */
  static Dataset<Row> allocate(Dataset<Row> rows) {
    Column entries = col(ENTRIES);
    Column channels = array_distinct(transform(entries, e -> e.getField(E_CHANNEL)));
    Column perChannel = transform(channels, c -> entry(c, aggregate(entries, lit(0.0),
        (acc, e) -> acc.plus(when(e.getField(E_CHANNEL).equalTo(c), e.getField(E_WEIGHT)).otherwise(0.0)))));
    Column positive = filter(col(PER_CHANNEL), e -> e.getField(E_WEIGHT).gt(0));
    Column weighted = when(size(positive).gt(0), positive)
        .otherwise(transform(col(PER_CHANNEL), e -> entry(e.getField(E_CHANNEL), lit(1.0))));
    Column total = aggregate(col(WEIGHTED), lit(0.0), (acc, e) -> acc.plus(e.getField(E_WEIGHT)));
    Column shares = transform(col(WEIGHTED), e -> struct(e.getField(E_CHANNEL).as(E_CHANNEL),
        e.getField(E_WEIGHT).divide(col(TOTAL)).as(SHARE),
        bround(col(VALUE).multiply(e.getField(E_WEIGHT).divide(col(TOTAL)).cast(SHARE_DECIMAL)), 2)
            .cast(WIDE_MONEY).as(V)));
    Column top = array_sort(transform(col(SHARES), s -> struct(
        bround(s.getField(SHARE), SHARE_COMPARE_SCALE).multiply(-1).as(SORT_KEY), s.getField(E_CHANNEL).as(E_CHANNEL))))
        .getItem(0).getField(E_CHANNEL);
    Column rounded = aggregate(col(SHARES), lit(BigDecimal.ZERO.setScale(2)).cast(WIDE_MONEY),
        (acc, s) -> acc.plus(s.getField(V)).cast(WIDE_MONEY));
    Column others = aggregate(filter(col(SHARES), s -> s.getField(E_CHANNEL).notEqual(col(TOP))), lit(0.0),
        (acc, s) -> acc.plus(col(WEIGHT).multiply(s.getField(SHARE))));

    Column s = col(CREDIT);
    Column isTop = s.getField(E_CHANNEL).equalTo(col(TOP));
    // explode_outer + "credit is not null" instead of explode: the same rows (a shares array is never
    // null nor holds a null, and an empty one gives no row either way), but explode would let Spark's
    // optimizer infer size(_shares) > 0 and push it below the projections, inlining the whole
    // allocation into one Filter expression where _total is recomputed for every channel of the path:
    // 8x the cost of the credits of a data-driven model at 200,000 conversions (docs/attribution.md,
    // Benchmark).
    return rows
        .withColumn(PER_CHANNEL, perChannel)
        .withColumn(WEIGHTED, weighted)
        .withColumn(TOTAL, total)
        .withColumn(SHARES, shares)
        .withColumn(TOP, top)
        .withColumn(RESIDUAL, col(VALUE).minus(rounded))
        .withColumn(OTHERS, others)
        .select(col(JOURNEY_ID), col(CUSTOMER_ID), col(CONVERSION_TS), col(MODEL), col(WEIGHT), col(TOP),
            col(RESIDUAL), col(OTHERS), explode_outer(col(SHARES)).as(CREDIT))
        .filter(s.isNotNull())
        .select(col(JOURNEY_ID), col(CUSTOMER_ID), col(CONVERSION_TS), col(MODEL),
            s.getField(E_CHANNEL).as(CHANNEL),
            when(isTop, col(WEIGHT).minus(col(OTHERS))).otherwise(col(WEIGHT).multiply(s.getField(SHARE)))
                .as(CREDIT_CONVERSIONS),
            when(isTop, s.getField(V).plus(col(RESIDUAL))).otherwise(s.getField(V))
                .cast(AttributionColumns.MONEY).as(CREDIT_VALUE));
  }

  /**
   * Per-conversion credits of a data-driven model: each conversion is shared among the distinct
   * channels of its path in proportion to {@code weights} (a channel missing from it weighs 0;
   * equally if all weigh 0). {@code weights} is small (one entry per channel) and travels in the
   * query plan as a literal map.
   */
  static Dataset<Row> byChannelWeights(Dataset<Row> journeys, String model, Map<String, Double> weights,
      AttributionOptions options) {
    List<Column> keys = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    weights.forEach((c, w) -> {
      keys.add(lit(c));
      values.add(lit(w));
    });
    Column map = map_from_arrays(array(keys.toArray(new Column[0])).cast(DataTypes.createArrayType(DataTypes.StringType)),
        array(values.toArray(new Column[0])).cast(DataTypes.createArrayType(DataTypes.DoubleType)));
    return byWeightColumn(PathTransforms.withNoneTouch(journeys, options.noneChannel())
        .filter(col(Journeys.IS_CONVERSION)), model, map);
  }

  /**
   * Per-conversion credits from a weight map per row: {@code conversions} are converting journeys
   * (none-channel touch added), {@code weights} a map&lt;string, double&gt; column of the row
   * (channel → weight; a channel missing from it, or a null map, weighs 0; equally if all weigh 0).
   */
  static Dataset<Row> byWeightColumn(Dataset<Row> conversions, String model, Column weights) {
    Column channels = array_distinct(transform(col(Journeys.TOUCHES), t -> t.getField(Journeys.CHANNEL)));
    return allocate(conversions.select(col(JOURNEY_ID), col(CUSTOMER_ID), col(CONVERSION_TS), lit(model).as(MODEL),
        col(Journeys.CONVERSION_VALUE).cast(AttributionColumns.MONEY).as(VALUE),
        PathTransforms.weight(conversions).as(WEIGHT),
        transform(channels, c -> entry(c, coalesce(element_at(weights, c), lit(0.0)))).as(ENTRIES)));
  }

  /**
   * The same rule on the driver, for totals over many conversions (the Markov channel totals, the
   * Shapley totals per channel set): {@code shares} need not be normalised; channels with share 0
   * are kept with 0 credit.
   */
  static List<ChannelCredit> allocate(String model, Map<String, Double> weights, double conversions,
      BigDecimal value) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> shares = new TreeMap<>();
    weights.forEach((c, w) -> shares.put(c, total > 0 ? w / total : 1.0 / weights.size()));
    if (shares.isEmpty()) {
      return List.of();
    }
    String top = shares.entrySet().stream()
        .min(Comparator.comparing((Map.Entry<String, Double> e) ->
                -BigDecimal.valueOf(e.getValue()).setScale(SHARE_COMPARE_SCALE, RoundingMode.HALF_EVEN).doubleValue())
            .thenComparing(Map.Entry::getKey))
        .orElseThrow().getKey();
    BigDecimal v = value == null ? BigDecimal.ZERO.setScale(2) : value.setScale(2, RoundingMode.HALF_EVEN);
    Map<String, BigDecimal> cents = new TreeMap<>();
    BigDecimal sum = BigDecimal.ZERO.setScale(2);
    double others = 0;
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      BigDecimal c = v.multiply(BigDecimal.valueOf(e.getValue()).setScale(17, RoundingMode.HALF_UP))
          .setScale(2, RoundingMode.HALF_EVEN);
      cents.put(e.getKey(), c);
      sum = sum.add(c);
      if (!e.getKey().equals(top)) {
        others += conversions * e.getValue();
      }
    }
    List<ChannelCredit> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      boolean isTop = e.getKey().equals(top);
      out.add(new ChannelCredit(e.getKey(), model,
          isTop ? conversions - others : conversions * e.getValue(),
          isTop ? cents.get(e.getKey()).add(v.subtract(sum)) : cents.get(e.getKey())));
    }
    return out;
  }
}
