package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.value.ValueTables.ChurnScores;
import io.onecustomer.jobs.value.ValueTables.Features;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.churn_scores: the promoted churn model scores every active customer on the run's last day
 * (the BG/NBD probability of no purchase in the horizon while no model is promoted).
 */
public final class ChurnScoresJob implements Job {
  public static final String ID = "gold_churn_scores";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return ValueTables.GOLD_CHURN_SCORES;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(CustomerFeaturesJob.ID, ValueModelTrainingJob.ID);
  }

  /** high / medium / low from the score and the configured bands. */
  static Column riskBand(Column score, ValueConfig v) {
    return when(score.geq(v.highRisk()), lit("high")).when(score.geq(v.mediumRisk()), lit("medium"))
        .otherwise(lit("low"));
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    LocalDate day = range.to();
    ValueConfig v = ctx.config().value();
    List<String> warnings = new ArrayList<>();
    Dataset<Row> features = ValueScoring.features(ctx, day);
    ValueScoring.Scored scored = ValueScoring.scoreOrBaseline(ctx, ValueTraining.CHURN, features,
        col(Features.P_NO_PURCHASE), warnings);
    Dataset<Row> out = scored.rows()
        .withColumn(ChurnScores.CHURN_SCORE, col(ValueTraining.SCORE))
        .withColumn(ChurnScores.TOP_FEATURES, scored.info() == null ? ValueScoring.emptyNames()
            : ValueScoring.topFeatures(scored.info(), ValueScoring.TOP_FEATURES))
        .withColumn(ChurnScores.MODEL_VERSION, lit(scored.version()));
    out = out.withColumn(ChurnScores.RISK_BAND, riskBand(col(ChurnScores.CHURN_SCORE), v));
    out = SilverColumns.conform(out, ChurnScores.COLUMNS);
    long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
        DateRange.of(day).sqlPredicate(ChurnScores.SNAPSHOT_DATE), ChurnScores.COMMENT, ChurnScores.SNAPSHOT_DATE);
    return new JobResult(id(), output(), range, -1, written, 0, 0, warnings);
  }
}
