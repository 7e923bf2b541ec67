package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.value.ValueTables.Features;
import io.onecustomer.jobs.value.ValueTables.LtvPredictions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.ltv_predictions: the promoted LTV model's predicted revenue over the horizon for every
 * active customer on the run's last day, beside the BTYD value and CLV (the BTYD value alone while
 * no model is promoted).
 */
public final class LtvPredictionsJob implements Job {
  public static final String ID = "gold_ltv_predictions";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return ValueTables.GOLD_LTV_PREDICTIONS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(CustomerFeaturesJob.ID, ValueModelTrainingJob.ID);
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    LocalDate day = range.to();
    List<String> warnings = new ArrayList<>();
    Dataset<Row> features = ValueScoring.features(ctx, day);
    ValueScoring.Scored scored = ValueScoring.scoreOrBaseline(ctx, ValueTraining.LTV, features,
        col(Features.BTYD_EXPECTED_VALUE), warnings);
    Dataset<Row> out = scored.rows()
        .withColumn(LtvPredictions.PREDICTED_VALUE, col(ValueTraining.SCORE))
        .withColumn(LtvPredictions.MODEL_VERSION, lit(scored.version()));
    out = out.withColumn(LtvPredictions.HORIZON_DAYS, lit(ctx.config().value().ltvHorizonDays()))
        .withColumn(LtvPredictions.EXPECTED_PURCHASES, col(Features.EXPECTED_PURCHASES_LTV));
    out = SilverColumns.conform(out, LtvPredictions.COLUMNS);
    long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
        DateRange.of(day).sqlPredicate(LtvPredictions.SNAPSHOT_DATE), LtvPredictions.COMMENT,
        LtvPredictions.SNAPSHOT_DATE);
    return new JobResult(id(), output(), range, -1, written, 0, 0, warnings);
  }
}
