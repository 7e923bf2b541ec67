package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.onecustomer.common.DateRange;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.value.ValueTables.Features;
import io.onecustomer.jobs.value.ValueTables.LtvPredictions;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.ltv_predictions: the promoted LTV model's predicted revenue over the horizon for every
 * active customer on the run's last day, beside the BTYD value and CLV (the BTYD value alone while
 * no model is promoted).
 *
 * <p>Reads gold.customer_features of that day and the promoted model that the training job
 * (gold_model_metrics) saved beside its metrics; gold.model_metrics is declared as an input for that
 * ordering.
 */
public final class LtvPredictionsJob extends TableJob {
  public LtvPredictionsJob() {
    super(ValueSpecs.LTV_PREDICTIONS, List.of(ValueSpecs.CUSTOMER_FEATURES, ValueSpecs.MODEL_METRICS));
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
    Dataset<Row> features = ValueScoring.features(ctx, ctx.range().to());
    ValueScoring.Scored scored = ValueScoring.scoreOrBaseline(ctx, ValueTraining.LTV, features,
        col(Features.BTYD_EXPECTED_VALUE), warnings);
    return scored.rows()
        .withColumn(LtvPredictions.PREDICTED_VALUE, col(ValueTraining.SCORE))
        .withColumn(LtvPredictions.MODEL_VERSION, lit(scored.version()))
        .withColumn(LtvPredictions.HORIZON_DAYS, lit(ctx.config().value().ltvHorizonDays()))
        .withColumn(LtvPredictions.EXPECTED_PURCHASES, col(Features.EXPECTED_PURCHASES_LTV));
  }
}
