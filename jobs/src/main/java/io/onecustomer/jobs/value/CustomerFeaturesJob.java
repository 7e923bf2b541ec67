package io.onecustomer.jobs.value;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.CustomerAnalyticsConfig;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.customer_features: the model features of every active customer on the run's last day, with
 * the BG/NBD and Gamma-Gamma outputs fitted that day. What nightly scoring reads, and what data
 * scientists can query as of any scored day.
 */
public final class CustomerFeaturesJob extends TableJob {
  public CustomerFeaturesJob() {
    super(ValueSpecs.CUSTOMER_FEATURES, ValueInputs.INPUTS);
  }

  /** A snapshot: the run's last day only. */
  @Override
  protected DateRange days(JobContext ctx) {
    return DateRange.of(ctx.range().to());
  }

  /** Writes a snapshot of the last day only: earlier snapshots are not recomputed. */
  @Override
  public io.onecustomer.jobs.Job.Reprocess reprocessing() {
    return io.onecustomer.jobs.Job.Reprocess.NONE;
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    LocalDate day = ctx.range().to();
    CustomerAnalyticsConfig.Rfm rfm = ctx.config().analytics().customer().rfm();
    CustomerFeatures.Inputs in = ValueInputs.load(ctx, day, warnings);
    return CustomerFeatures.features(ctx.spark(), in, day, ctx.config().value(), rfm.windowDays(),
        rfm.quantileAccuracy(), null);
  }
}
