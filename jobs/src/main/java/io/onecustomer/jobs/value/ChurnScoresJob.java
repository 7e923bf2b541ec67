package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.value.ValueTables.ChurnScores;
import io.onecustomer.jobs.value.ValueTables.Features;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.churn_scores: the promoted churn model scores every active customer on the run's last day
 * (the BG/NBD probability of no purchase in the horizon while no model is promoted).
 *
 * <p>Reads gold.customer_features of that day and the promoted model that the training job
 * (gold_model_metrics) saved beside its metrics; gold.model_metrics is declared as an input for that
 * ordering.
 */
public final class ChurnScoresJob extends TableJob {
  public ChurnScoresJob() {
    super(ValueSpecs.CHURN_SCORES, List.of(ValueSpecs.CUSTOMER_FEATURES, ValueSpecs.MODEL_METRICS));
  }

  /** high / medium / low from the score and the configured bands. */
  static Column riskBand(Column score, ValueConfig v) {
    return when(score.geq(v.highRisk()), lit("high")).when(score.geq(v.mediumRisk()), lit("medium"))
        .otherwise(lit("low"));
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
    ValueScoring.Scored scored = ValueScoring.scoreOrBaseline(ctx, ValueTraining.CHURN, features,
        col(Features.P_NO_PURCHASE), warnings);
    return scored.rows()
        .withColumn(ChurnScores.CHURN_SCORE, col(ValueTraining.SCORE))
        .withColumn(ChurnScores.TOP_FEATURES, scored.info() == null ? ValueScoring.emptyNames()
            : ValueScoring.topFeatures(scored.info(), ValueScoring.TOP_FEATURES))
        .withColumn(ChurnScores.MODEL_VERSION, lit(scored.version()))
        .withColumn(ChurnScores.RISK_BAND, riskBand(col(ChurnScores.CHURN_SCORE), ctx.config().value()));
  }
}
