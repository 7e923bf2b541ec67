package io.onecustomer.jobs.value;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.config.CustomerAnalyticsConfig;
import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.value.ValueTables.Features;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.customer_features: the model features of every active customer on the run's last day, with
 * the BG/NBD and Gamma-Gamma outputs fitted that day. What nightly scoring reads, and what data
 * scientists can query as of any scored day.
 */
public final class CustomerFeaturesJob implements Job {
  public static final String ID = "gold_customer_features";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return ValueTables.GOLD_CUSTOMER_FEATURES;
  }

  @Override
  public List<String> dependsOn() {
    return ValueInputs.DEPENDS_ON;
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    LocalDate day = range.to();
    ValueConfig v = ctx.config().value();
    CustomerAnalyticsConfig.Rfm rfm = ctx.config().analytics().customer().rfm();
    List<String> warnings = new ArrayList<>();
    CustomerFeatures.Inputs in = ValueInputs.load(ctx, day, warnings);
    Dataset<Row> out = CustomerFeatures.features(ctx.spark(), in, day, v, rfm.windowDays(), rfm.quantileAccuracy(),
        null);
    out = SilverColumns.conform(out, Features.COLUMNS);
    long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
        DateRange.of(day).sqlPredicate(Features.SNAPSHOT_DATE), Features.COMMENT, Features.SNAPSHOT_DATE);
    return new JobResult(id(), output(), range, -1, written, 0, 0, warnings);
  }
}
