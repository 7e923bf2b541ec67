package io.onecustomer.jobs.attribution;

import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CHANNEL;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CONVERSION_TS;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CONVERSION_VALUE;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.CUSTOMER_ID;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.IS_CONVERSION;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.JOURNEY_ID;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.TOUCHES;
import static io.onecustomer.jobs.attribution.AttributionColumns.Journeys.TS;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.jobs.attribution.AttributionColumns.Credits;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The rule-based models as one Dataset transform: conversions in, one row per conversion, model
 * and channel out ({@link Credits}), credits summing to 1 and exactly to the value per conversion
 * and model ({@link CreditAllocation}). Every touch of a path has a weight; a channel's credit is
 * the sum of its touches' weights over the path's total. With path length n and touch index i
 * (0-based):
 *
 * <ul>
 *   <li>{@code first_touch}: 1 for i = 0;
 *   <li>{@code last_touch}: 1 for i = n − 1;
 *   <li>{@code last_non_direct}: 1 for the last touch whose channel is not direct (nor the
 *       none-channel); the last touch if all are;
 *   <li>{@code linear}: 1 for every touch (a channel touched twice gets twice the credit);
 *   <li>{@code time_decay}: 2^(−(T − tᵢ)/h), h the half-life. T is taken as the latest touch rather
 *       than the conversion: the factor 2^(−(conversion − latest)/h) is common to every touch and
 *       cancels in the shares, and no weight underflows to 0 on long lookbacks. Needs timestamps;
 *       a journey with a touch without one fails the query;
 *   <li>{@code position_based}: n = 1: 1; n = 2: first/(first+last) and last/(first+last) (50/50
 *       with the default 40/40); n ≥ 3: first, last, and (1 − first − last)/(n − 2) for each middle
 *       touch.
 * </ul>
 *
 * Only conversions are credited; a conversion without touches is credited entirely to the
 * none-channel. Rows are computed inside each journey with higher-order functions (no shuffle).
 */
public final class RuleBasedModels {
  private RuleBasedModels() {}

  private static final String N = "_n";
  private static final String LAST_NON_DIRECT = "_last_non_direct";
  private static final String LATEST = "_latest_ts";
  private static final String MODELS = "_models";

  /** Every rule-based model ({@link Models#RULE_BASED}). */
  public static Dataset<Row> credits(Dataset<Row> journeys, AttributionOptions options) {
    return credits(journeys, Models.RULE_BASED, options);
  }

  /** The given rule-based models, in one pass over the journeys. */
  public static Dataset<Row> credits(Dataset<Row> journeys, List<String> models, AttributionOptions options) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("attribution: no rule-based model given");
    }
    List<Column> perModel = new ArrayList<>();
    for (String m : models) {
      perModel.add(struct(lit(m).as(Credits.MODEL), transform(col(TOUCHES),
          (t, i) -> CreditAllocation.entry(t.getField(CHANNEL), weight(m, t, i, options))).as(CreditAllocation.ENTRIES)));
    }
    Column touches = col(TOUCHES);
    Dataset<Row> conversions = PathTransforms.withNoneTouch(journeys, options.noneChannel())
        .filter(col(IS_CONVERSION));
    Column weight = PathTransforms.weight(conversions);
    Dataset<Row> rows = conversions
        .withColumn(N, size(touches))
        .withColumn(LAST_NON_DIRECT, array_max(transform(touches, (t, i) ->
            when(t.getField(CHANNEL).isin(options.skippedByLastNonDirect().toArray()), lit(-1)).otherwise(i))))
        .withColumn(LATEST, element_at(touches, -1).getField(TS))
        .select(col(JOURNEY_ID), col(CUSTOMER_ID), col(CONVERSION_TS),
            col(CONVERSION_VALUE).cast(AttributionColumns.MONEY).as(CreditAllocation.VALUE),
            weight.as(CreditAllocation.WEIGHT), explode(array(perModel.toArray(new Column[0]))).as(MODELS))
        .select(col(JOURNEY_ID), col(CUSTOMER_ID), col(CONVERSION_TS), col(CreditAllocation.VALUE),
            col(CreditAllocation.WEIGHT), col(MODELS).getField(Credits.MODEL).as(Credits.MODEL),
            col(MODELS).getField(CreditAllocation.ENTRIES).as(CreditAllocation.ENTRIES));
    return CreditAllocation.allocate(rows);
  }

  /** The weight of touch {@code t} at index {@code i} under model {@code m}. */
  private static Column weight(String m, Column t, Column i, AttributionOptions o) {
    Column n = col(N);
    Column last = n.minus(1);
    return switch (m) {
      case Models.FIRST_TOUCH -> indicator(i.equalTo(0));
      case Models.LAST_TOUCH -> indicator(i.equalTo(last));
      case Models.LAST_NON_DIRECT -> {
        Column k = col(LAST_NON_DIRECT);
        yield indicator(i.equalTo(when(k.lt(0), last).otherwise(k)));
      }
      case Models.LINEAR -> lit(1.0);
      case Models.TIME_DECAY -> {
        Column ts = t.getField(TS);
        double halfLifeSeconds = o.halfLife().toNanos() / 1e9;
        yield when(ts.isNull().or(col(LATEST).isNull()), raise_error(concat(
                lit("time_decay needs touch timestamps; journey "), col(JOURNEY_ID), lit(" has a touch without one"))))
            .otherwise(pow(lit(2.0), col(LATEST).cast(DataTypes.DoubleType).minus(ts.cast(DataTypes.DoubleType))
                .divide(-halfLifeSeconds)));
      }
      case Models.POSITION_BASED -> {
        double f = o.positionFirst();
        double l = o.positionLast();
        yield when(n.equalTo(1), lit(1.0))
            .when(n.equalTo(2), when(i.equalTo(0), lit(f / (f + l))).otherwise(lit(l / (f + l))))
            .when(i.equalTo(0), lit(f))
            .when(i.equalTo(last), lit(l))
            .otherwise(lit(1.0 - f - l).divide(n.minus(2)));
      }
      default -> throw new IllegalArgumentException("attribution: unknown rule-based model '" + m + "', expected one of "
          + Models.RULE_BASED);
    };
  }

  private static Column indicator(Column condition) {
    return when(condition, lit(1.0)).otherwise(lit(0.0));
  }
}
