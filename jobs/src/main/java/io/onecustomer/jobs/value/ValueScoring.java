package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.value.ModelStore.ModelInfo;
import io.onecustomer.jobs.value.ValueTables.Features;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the nightly scoring jobs share: the day's features and the promoted model. */
public final class ValueScoring {
  private ValueScoring() {}

  private static final Logger LOG = LoggerFactory.getLogger(ValueScoring.class);

  /** Customers explained per row in top_features. */
  public static final int TOP_FEATURES = 3;

  /** The day's features (gold.customer_features, written by {@link CustomerFeaturesJob} the same night). */
  public static Dataset<Row> features(JobContext ctx, LocalDate day) {
    return DeltaWriter.read(ctx.spark(), ValueTables.GOLD_CUSTOMER_FEATURES, ctx.warehouse())
        .where(col(Features.SNAPSHOT_DATE).equalTo(lit(Date.valueOf(day))));
  }

  /** A loaded promoted version. */
  public record Promoted(String version, ModelInfo info, PipelineModel pipeline) {}

  /**
   * The promoted version of {@code model}, or empty (and a warning) when none is promoted yet.
   *
   * @throws IllegalStateException when the promoted version needs a feature the features table lacks
   */
  public static Optional<Promoted> promoted(JobContext ctx, String model, Dataset<Row> features, List<String> warnings) {
    ValueConfig v = ctx.config().value();
    ModelStore store = new ModelStore(ctx.spark(), v.modelsPath());
    Optional<String> version = store.promoted(model);
    if (version.isEmpty()) {
      String why = "no promoted " + model + " model under " + v.modelsPath() + "/" + model
          + ": scored with the BTYD baseline (" + ValueTraining.BASELINE_VERSION + ")";
      LOG.warn(why);
      warnings.add(why);
      return Optional.empty();
    }
    ModelInfo info = store.info(model, version.get());
    List<String> missing = CustomerFeatures.missing(features, info.features());
    if (!missing.isEmpty()) {
      throw new IllegalStateException(model + " model " + version.get() + " (" + store.versionPath(model, version.get())
          + ") needs features " + missing + " that " + ValueTables.GOLD_CUSTOMER_FEATURES
          + " does not have; retrain it (--job " + ValueSpecs.MODEL_METRICS.jobId() + ")");
    }
    LOG.info("scoring {} with {} (trained {}, validation {})", model, version.get(), info.runDate(),
        info.metrics().get(ValueTraining.MLLIB));
    return Optional.of(new Promoted(version.get(), info, store.load(model, version.get())));
  }

  /**
   * Rows with a score in {@link ValueTraining#SCORE}: from the promoted version (info set) or from
   * the BTYD baseline (info null).
   */
  public record Scored(Dataset<Row> rows, String version, ModelInfo info) {}

  /**
   * {@code features} scored by the promoted version of {@code model} or, while none is promoted
   * (warned, see {@link #promoted}), by the {@code baseline} column, under version
   * {@link ValueTraining#BASELINE_VERSION}.
   */
  public static Scored scoreOrBaseline(JobContext ctx, String model, Dataset<Row> features, Column baseline,
      List<String> warnings) {
    Optional<Promoted> p = promoted(ctx, model, features, warnings);
    if (p.isPresent()) {
      return new Scored(ValueTraining.score(p.get().pipeline(), model, features), p.get().version(), p.get().info());
    }
    return new Scored(features.withColumn(ValueTraining.SCORE, baseline), ValueTraining.BASELINE_VERSION, null);
  }

  /**
   * The {@code n} features that raise a customer's score most. For a linear model (the default)
   * this is exact: the contribution of feature j to the log-odds is coefficient_j x (value - training
   * mean) / training standard deviation, and the features with the largest positive contributions
   * are named. For trees, which give only global importances, it is a heuristic: importance x
   * |value - mean| / standard deviation. Features with no weight or no spread are never named.
   */
  public static Column topFeatures(ModelInfo info, int n) {
    boolean linear = info.coefficients() != null && !info.coefficients().isEmpty();
    List<Column> parts = new ArrayList<>();
    for (String f : info.features()) {
      double w = linear ? info.coefficients().getOrDefault(f, 0.0) : info.importances().getOrDefault(f, 0.0);
      double sd = info.featureStds().getOrDefault(f, 0.0);
      if (w != 0 && sd > 0) {
        Column z = col(f).minus(info.featureMeans().getOrDefault(f, 0.0)).divide(sd);
        parts.add(struct((linear ? z : abs(z)).multiply(w).as("w"), lit(f).as("f")));
      }
    }
    if (parts.isEmpty()) {
      return emptyNames();
    }
    Column ranked = slice(sort_array(array(parts.toArray(Column[]::new)), false), 1, n);
    return transform(filter(ranked, s -> s.getField("w").gt(0)), s -> s.getField("f"));
  }

  /** An empty array of feature names (the baseline has none). */
  public static Column emptyNames() {
    return array().cast("array<string>");
  }
}
