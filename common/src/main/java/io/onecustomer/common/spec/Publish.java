package io.onecustomer.common.spec;

import io.onecustomer.common.DateRange;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * What a write needs besides its data: the session, the warehouse, the run's days, the configured
 * quality rules, and where check results go (the run log's {@code ops.data_quality} buffer).
 */
public record Publish(SparkSession spark, String warehouse, DateRange range, QualityRules rules,
    Consumer<List<CheckResult>> results) {

  /** For tools and tests: default rules, results dropped. */
  public static Publish quiet(SparkSession spark, String warehouse, DateRange range) {
    return new Publish(spark, warehouse, range, QualityRules.defaults(), r -> { });
  }
}
