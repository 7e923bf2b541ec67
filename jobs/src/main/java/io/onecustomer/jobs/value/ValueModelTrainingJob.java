package io.onecustomer.jobs.value;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.CustomerAnalyticsConfig;
import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.common.spec.Publish;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.TableWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.value.ModelMetrics.Metric;
import io.onecustomer.jobs.value.ModelStore.ModelInfo;
import io.onecustomer.jobs.value.ValueTables.Metrics;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the churn and LTV models (weekly: when the newest version is value.training.retrain-every-days
 * old), evaluates them against their BTYD baselines on a later cut-off, saves each version with its
 * description, promotes the ones that beat the baseline, and writes every number to
 * gold.model_metrics.
 *
 * <p>Time-based split per model with label horizon h: features at run - 2h with labels from the h
 * days after it train the pipeline; features at run - h with labels up to the run date validate it.
 * The validation labels are never seen in training.
 *
 * <p>Its id, gold_model_metrics, names the table it writes. It implements {@link Job} itself, not
 * {@code TableJob}, because it writes model files beside the table and orders the two (see
 * {@link #publish}); a night on which no model is due writes nothing.
 */
public final class ValueModelTrainingJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(ValueModelTrainingJob.class);

  @Override
  public TableSpec spec() {
    return ValueSpecs.MODEL_METRICS;
  }

  @Override
  public List<TableSpec> inputs() {
    return ValueInputs.INPUTS;
  }

  /** Why {@code model} is not trained on {@code runDate} given its saved versions, or null when it is due. */
  static String notDue(String model, List<String> versions, LocalDate runDate, int everyDays) {
    if (versions.isEmpty()) {
      return null;
    }
    String latest = versions.get(versions.size() - 1);
    LocalDate trained = ModelStore.versionDate(latest);
    if (trained.isAfter(runDate)) {
      return model + ": " + latest + " is newer than " + runDate + "; not training an older version";
    }
    long age = ChronoUnit.DAYS.between(trained, runDate);
    if (age > 0 && age < everyDays) {
      return model + ": " + latest + " is " + age + " days old; next training on " + trained.plusDays(everyDays)
          + " (value.training.retrain-every-days = " + everyDays + ")";
    }
    return null;
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    LocalDate day = range.to();
    ValueConfig v = ctx.config().value();
    CustomerAnalyticsConfig.Rfm rfm = ctx.config().analytics().customer().rfm();
    ModelStore store = new ModelStore(ctx.spark(), v.modelsPath());
    List<String> warnings = new ArrayList<>();

    Map<String, Integer> horizons = new LinkedHashMap<>();
    Map<String, List<String>> versions = new HashMap<>();
    for (String model : List.of(ValueTraining.CHURN, ValueTraining.LTV)) {
      versions.put(model, store.versions(model));
      String why = notDue(model, versions.get(model), day, v.retrainEveryDays());
      if (why != null) {
        LOG.info("{}: {}", id(), why);
        warnings.add(why);
      } else {
        horizons.put(model, model.equals(ValueTraining.CHURN) ? v.churnHorizonDays() : v.ltvHorizonDays());
      }
    }
    if (horizons.isEmpty()) {
      return JobResult.of(id(), output(), range, 0, 0, warnings);
    }
    int longest = horizons.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    CustomerFeatures.Inputs in = ValueInputs.load(ctx, day.minusDays(2L * longest), warnings);

    List<Trained> trained = new ArrayList<>();
    Map<LocalDate, Dataset<Row>> labelled = new HashMap<>();
    Map<LocalDate, ValueTraining.Moments> moments = new HashMap<>();
    for (Map.Entry<String, Integer> e : horizons.entrySet()) {
      String model = e.getKey();
      LocalDate[] cut = ValueTraining.cutOffs(day, e.getValue());
      long history = ChronoUnit.DAYS.between(in.historyStart(), cut[0]);
      if (history < v.minHistoryDays()) {
        String why = model + ": not trained: the training cut-off " + cut[0] + " (run date - 2 x " + e.getValue()
            + " days) has " + Math.max(0, history) + " days of purchase history before it (from " + in.historyStart()
            + "), value.training.min-history-days needs " + v.minHistoryDays();
        LOG.warn("{}: {}", id(), why);
        warnings.add(why);
        continue;
      }
      Dataset<Row> train = labelled.computeIfAbsent(cut[0], c -> labelledAt(ctx.spark(), in, c, v, rfm));
      Dataset<Row> validation = labelled.computeIfAbsent(cut[1], c -> labelledAt(ctx.spark(), in, c, v, rfm));
      // One aggregation per training set serves both models (constant features, model.json).
      ValueTraining.Moments trainMoments = moments.computeIfAbsent(cut[0], c -> ValueTraining.Moments.of(train));
      Trained t = trainOne(store, model, e.getValue(), new Split(train, validation, trainMoments), cut,
          in.historyStart(), day, v, warnings);
      if (t != null) {
        trained.add(t);
      }
    }
    if (trained.isEmpty()) {
      return JobResult.of(id(), output(), range, 0, 0, warnings);
    }
    long written = publish(ctx, store, trained, day, versions);
    return JobResult.of(id(), output(), range, written, 0, warnings);
  }

  /**
   * Write-audit-publish of the metrics together with the model files. The metrics are checked
   * first: a failed check saves and promotes nothing. Then the versions are saved, the metrics
   * committed, and only then are the versions that won promoted, so nightly scoring never loads a
   * version whose metrics are not in gold.model_metrics. The commit replaces the run day's rows of
   * the models trained tonight only: a model skipped tonight keeps its rows of this day, if any.
   */
  private long publish(JobContext ctx, ModelStore store, List<Trained> trained, LocalDate day,
      Map<String, List<String>> versionsBefore) {
    List<Row> rows = new ArrayList<>();
    trained.forEach(t -> rows.addAll(t.rows()));
    Dataset<Row> metrics = ctx.spark().createDataFrame(rows, spec().schema());
    Publish p = ctx.publish(id());
    DateRange days = DateRange.of(day);
    TableWriter.Audited audited = TableWriter.audit(p, spec(), metrics, days, Map.of());
    try {
      for (Trained t : trained) {
        store.save(t.pipeline(), t.info());
        LOG.info("{}: saved {} at {} (versions before: {})", id(), t.info().version(),
            store.versionPath(t.info().model(), t.info().version()), versionsBefore.get(t.info().model()));
      }
    } catch (RuntimeException e) {
      audited.discard();
      throw e;
    }
    String predicate = days.sqlPredicate(Metrics.RUN_DATE) + " AND " + Metrics.MODEL + " IN ("
        + String.join(", ", trained.stream().map(t -> "'" + t.info().model() + "'").toList()) + ")";
    TableWriter.Written w = TableWriter.commit(p, spec(), audited, predicate, null);
    for (Trained t : trained) {
      if (t.info().promoted()) {
        store.promote(t.info().model(), t.info().version());
      }
    }
    return w.rows();
  }

  private static Dataset<Row> labelledAt(SparkSession spark, CustomerFeatures.Inputs in, LocalDate cutOff,
      ValueConfig v, CustomerAnalyticsConfig.Rfm rfm) {
    List<FitResult> fits = new ArrayList<>();
    Dataset<Row> f = CustomerFeatures.features(spark, in.truncatedAt(cutOff), cutOff, v, rfm.windowDays(),
        rfm.quantileAccuracy(), fits);
    Dataset<Row> out = CustomerFeatures.withLabels(f, in.purchases(), cutOff, v.churnHorizonDays(), v.ltvHorizonDays())
        .localCheckpoint();
    LOG.info("{}: features and labels at cut-off {}: {} customers", ValueSpecs.MODEL_METRICS.jobId(), cutOff, out.count());
    return out;
  }

  /** The labelled training and validation sets of a model, and the training set's moments. */
  private record Split(Dataset<Row> train, Dataset<Row> validation, ValueTraining.Moments moments) {}

  /** A fitted version, not saved yet: its pipeline, its description and its rows of gold.model_metrics. */
  private record Trained(PipelineModel pipeline, ModelInfo info, List<Row> rows) {}

  /** Fits and evaluates {@code model}; null (and a warning) when a split is empty. Saves nothing. */
  private Trained trainOne(ModelStore store, String model, int horizon, Split split, LocalDate[] cut,
      LocalDate historyStart, LocalDate day, ValueConfig v, List<String> warnings) {
    Dataset<Row> train = split.train();
    Dataset<Row> validation = split.validation();
    boolean churn = model.equals(ValueTraining.CHURN);
    String label = churn ? CustomerFeatures.CHURNED : CustomerFeatures.FUTURE_REVENUE;
    String version = ModelStore.versionName(model, day);
    long trainRows = train.count();
    long validationRows = validation.count();
    if (trainRows == 0 || validationRows == 0) {
      String why = model + ": not trained: " + trainRows + " customers at the training cut-off " + cut[0] + ", "
          + validationRows + " at the validation cut-off " + cut[1];
      warnings.add(why);
      return null;
    }
    long started = System.nanoTime();
    PipelineModel pipeline = churn ? ValueTraining.fitChurn(train, v, split.moments())
        : ValueTraining.fitLtv(train, v, split.moments());
    LOG.info("{}: {} fitted on {} customers in {} ms", id(), version, trainRows, (System.nanoTime() - started) / 1_000_000);

    Map<String, Map<String, List<Metric>>> bySplit = new LinkedHashMap<>();
    Dataset<Row>[] splits = new Dataset[] {train, validation};
    String[] names = {ValueTraining.TRAIN, ValueTraining.VALIDATION};
    for (int s = 0; s < 2; s++) {
      Dataset<Row> scored = ValueTraining.score(pipeline, model, splits[s]);
      for (Map.Entry<String, Column> b : ValueTraining.baselines(model).entrySet()) {
        scored = scored.withColumn("_" + b.getKey(), b.getValue());
      }
      List<String> scoreColumns = new ArrayList<>(List.of(ValueTraining.SCORE));
      ValueTraining.baselines(model).keySet().forEach(b -> scoreColumns.add("_" + b));
      ValueTraining.Collected collected = ValueTraining.collect(scored, label, scoreColumns);
      Map<String, List<Metric>> scorers = new LinkedHashMap<>();
      scorers.put(ValueTraining.MLLIB, ValueTraining.metrics(model, collected.of(ValueTraining.SCORE)));
      for (String b : ValueTraining.baselines(model).keySet()) {
        scorers.put(b, ValueTraining.metrics(model, collected.of("_" + b)));
      }
      bySplit.put(names[s], scorers);
    }
    String previous = store.promoted(model).filter(p -> !p.equals(version)).orElse(null);
    ValueTraining.Decision decision = ValueTraining.decide(model, bySplit.get(ValueTraining.VALIDATION), version,
        previous);
    LOG.info("{}: {}", id(), decision.sentence());
    if (!decision.promoted()) {
      warnings.add(decision.sentence());
    }

    Map<String, Map<String, Double>> summary = new LinkedHashMap<>();
    bySplit.get(ValueTraining.VALIDATION).forEach((scorer, ms) -> {
      Map<String, Double> m = new LinkedHashMap<>();
      ms.stream().filter(x -> x.decile() == null).forEach(x -> m.put(x.name(), x.value()));
      summary.put(scorer, m);
    });
    ModelInfo info = new ModelInfo(model, version, day.toString(), ValueTraining.features(pipeline), label
        + (churn ? " = 1 when no purchase in the " + horizon + " days after the cut-off"
            : " = net purchase revenue in the " + horizon + " days after the cut-off"),
        horizon, cut[0].toString(), cut[1].toString(), historyStart.toString(), day.toString(), trainRows,
        validationRows, summary, decision.promoted(), decision.sentence(), ValueTraining.algorithm(pipeline),
        ValueTraining.importances(pipeline), ValueTraining.coefficients(pipeline), split.moments().means(),
        split.moments().stds());

    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      for (Map.Entry<String, List<Metric>> e : bySplit.get(names[s]).entrySet()) {
        rows.addAll(ValueTraining.metricRows(model, version, e.getKey(), names[s], cut[s], e.getValue(),
            decision.promoted(), day));
      }
    }
    return new Trained(pipeline, info, rows);
  }
}
