package io.onecustomer.jobs.attribution;

import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CHANNEL;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CONVERSION_VALUE;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.IS_CONVERSION;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.TOUCHES;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shapley-value attribution over channel sets (Zhao, Mahboobi and Bagheri 2018, "Shapley value
 * methods for attribution modeling in online advertising").
 *
 * <p>A journey's coalition is the set of distinct channels on its path (order and repeats
 * ignored; a conversion without touches has the set {none-channel}). For every observed set T,
 * aggregated in Spark:
 *
 * <ul>
 *   <li>{@code shapley}: r(T) = conversions / journeys with channel set exactly T, non-converting
 *       journeys included (the coalition's conversion rate);
 *   <li>{@code shapley_without_nulls}: r(T) = conversions with channel set exactly T.
 * </ul>
 *
 * The characteristic function is Zhao et al.'s: v(S) = Σ_{T ⊆ S} r(T), the worth of S is what all
 * coalitions within S achieve. v is a sum of unanimity games r(T)·u_T, so the Shapley value
 * φ(c) = Σ_{S ⊆ N∖{c}} |S|!(n−|S|−1)!/n! · (v(S ∪ {c}) − v(S)) has the closed form
 *
 * <pre>  φ(c) = Σ_{T ∋ c} r(T) / |T|</pre>
 *
 * which is exact for any number of channels: no 2ⁿ enumeration, no sampling, and no 15-channel
 * limit. It is a second aggregation in Spark (explode each set, sum r(T)/|T| per channel); only
 * the k values reach the driver. Σ φ = v(N).
 *
 * <ul>
 *   <li>channel totals: φ(c) / Σ φ × total conversions (and × total value);
 *   <li>per conversion ({@link #credits}): shared among the distinct channels of its path in
 *       proportion to their φ.
 * </ul>
 */
public final class ShapleyModel {
  private ShapleyModel() {}

  private static final Logger LOG = LoggerFactory.getLogger(ShapleyModel.class);
  private static final String SET = "_channel_set";
  private static final String CONVERSIONS = "_conversions";
  private static final String JOURNEYS = "_journeys";
  private static final String PART = "_part";
  private static final String VALUE = "_value";

  /**
   * The fitted values.
   *
   * @param model {@link Models#SHAPLEY} or {@link Models#SHAPLEY_WITHOUT_NULLS}
   * @param values φ(c) per channel
   * @param totalConversions conversions of the journeys (weighted)
   * @param totalValue their total value
   */
  public record Fit(String model, Map<String, Double> values, double totalConversions, BigDecimal totalValue) {

    /** Channel totals: φ(c) / Σ φ × total conversions and value (value in exact cents). */
    public List<ChannelCredit> channelCredits() {
      return CreditAllocation.allocate(model, values, totalConversions, totalValue);
    }
  }

  /**
   * Fits Shapley values on the journeys (after any {@link PathTransforms} path options).
   *
   * @param includeNulls conversion rates with non-converting journeys ({@code shapley}) or
   *     conversion counts of converting journeys ({@code shapley_without_nulls})
   */
  public static Fit fit(Dataset<Row> journeys, boolean includeNulls, AttributionOptions options) {
    String model = includeNulls ? Models.SHAPLEY : Models.SHAPLEY_WITHOUT_NULLS;
    Dataset<Row> j = PathTransforms.withNoneTouch(journeys, options.noneChannel());
    if (!includeNulls) {
      j = j.filter(col(IS_CONVERSION));
    }
    Column weight = PathTransforms.weight(j);
    Dataset<Row> bySet = j
        .select(array_sort(array_distinct(transform(col(TOUCHES), t -> t.getField(CHANNEL)))).as(SET),
            when(col(IS_CONVERSION), weight).otherwise(lit(0.0)).as(CONVERSIONS), weight.as(JOURNEYS),
            col(CONVERSION_VALUE).as(VALUE))
        .groupBy(SET)
        .agg(sum(CONVERSIONS).as(CONVERSIONS), sum(JOURNEYS).as(JOURNEYS), sum(VALUE).as(VALUE));
    Column worth = includeNulls ? col(CONVERSIONS).divide(col(JOURNEYS)) : col(CONVERSIONS);
    List<Row> phi = bySet
        .select(explode(col(SET)).as(CHANNEL), worth.divide(size(col(SET))).as(PART))
        .groupBy(CHANNEL).agg(sum(PART))
        .limit(options.maxChannels() + 1)
        .collectAsList();
    if (phi.size() > options.maxChannels()) {
      throw new IllegalArgumentException(model + ": more than " + options.maxChannels()
          + " distinct channels (attribution max-channels); map rare channels to a common one first");
    }
    Map<String, Double> values = new TreeMap<>();
    phi.forEach(r -> values.put(r.getString(0), r.getDouble(1)));
    Row totals = bySet.agg(sum(CONVERSIONS), sum(VALUE)).first();
    Fit fit = new Fit(model, Collections.unmodifiableMap(values), totals.isNullAt(0) ? 0.0 : totals.getDouble(0),
        totals.isNullAt(1) ? BigDecimal.ZERO.setScale(2) : totals.getDecimal(1));
    LOG.info("{}: {} channels, {} conversions", model, values.size(), fit.totalConversions());
    return fit;
  }

  /**
   * Per-conversion credits ({@code fit.model()}): each conversion is shared among the distinct
   * channels of its path in proportion to their Shapley values (equally if all are 0). Apply the
   * same path options as for the fit.
   */
  public static Dataset<Row> credits(Dataset<Row> journeys, Fit fit, AttributionOptions options) {
    return CreditAllocation.byChannelWeights(journeys, fit.model(), fit.values(), options);
  }
}
