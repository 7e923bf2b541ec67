package io.onecustomer.jobs.tools;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.common.config.ConfigOptions;
import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.common.spark.SessionFactory;
import io.onecustomer.jobs.value.CustomerFeatures;
import io.onecustomer.jobs.value.FitResult;
import io.onecustomer.jobs.value.ModelMetrics;
import io.onecustomer.jobs.value.ValueEvaluation;
import io.onecustomer.jobs.value.ValueEvaluation.Difference;
import io.onecustomer.jobs.value.ValueEvaluation.Result;
import io.onecustomer.jobs.value.ValueEvaluation.Scores;
import java.io.File;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code bin/value-eval}: the nightly churn and LTV pipelines, fitted and judged on anyone's
 * transactions beside BG/NBD and Pareto/NBD, so a data scientist can check them on their own
 * history before trusting them (docs/value-models.md, "On your own transactions").
 *
 * <pre>
 *   bin/value-eval --transactions orders.csv --calibration-end 2025-06-30 --horizon-days 180
 *       [--customer-column customer_id] [--date-column date] [--amount-column amount]
 *       [--date-format yyyy-MM-dd] [--delimiter ,] [--features col,...] [--cut-offs 1] [--step-days H]
 *       [--bootstrap 500] [--seed 1]
 *       [--env local] [--config FILE] [--conf onecustomer.value.KEY=VALUE ...]
 * </pre>
 *
 * The file has a header line; one row per transaction. Rows whose customer, date or amount cannot
 * be read are left out and counted, with the first few named (file and values); rows with a
 * negative amount (returns) are not purchases, a zero amount is (a free item, as in CDNOW). Exit 2
 * on bad arguments or a file that cannot hold the evaluation, naming the value.
 */
public final class ValueEval {
  private ValueEval() {}

  static final String USAGE = "usage: bin/value-eval --transactions FILE --calibration-end YYYY-MM-DD"
      + " [--horizon-days N] [--customer-column customer_id] [--date-column date] [--amount-column amount]"
      + " [--date-format yyyy-MM-dd] [--delimiter ,] [--features col,...] [--cut-offs 1] [--step-days H]"
      + " [--bootstrap 500] [--seed 1]\n" + ConfigOptions.HELP;

  /** What the command line asks for. */
  record Request(String file, LocalDate calibrationEnd, String customer, String date, String amount,
      String dateFormat, String delimiter, List<String> features, int cutOffs, int stepDays, int bootstrap,
      long seed) {}

  /** The model against the baseline best on one metric, at one calibration end. */
  record Compared(String metric, LocalDate calibrationEnd, String baseline, Difference difference) {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  public static int run(String[] argv, PrintStream out, PrintStream err) {
    ConfigOptions options = ConfigOptions.fromEnvironment();
    Request req;
    AppConfig config;
    try {
      String file = null;
      LocalDate end = null;
      String customer = "customer_id";
      String date = "date";
      String amount = "amount";
      String format = "yyyy-MM-dd";
      String delimiter = ",";
      int bootstrap = 500;
      long seed = 1;
      List<String> features = List.of();
      int cutOffs = 1;
      int stepDays = 0;
      for (int i = 0; i < argv.length; i++) {
        String a = argv[i];
        switch (a) {
          case "--transactions" -> file = ConfigOptions.value(argv, ++i, a);
          case "--calibration-end" -> end = DateRange.parseDate(a, ConfigOptions.value(argv, ++i, a));
          case "--horizon-days" -> {
            String h = String.valueOf(ConfigOptions.number(ConfigOptions.value(argv, ++i, a), a, 1, 3650));
            options.set("onecustomer.value.churn.horizon-days", h, false);
            options.set("onecustomer.value.ltv.horizon-days", h, false);
          }
          case "--customer-column" -> customer = ConfigOptions.value(argv, ++i, a);
          case "--date-column" -> date = ConfigOptions.value(argv, ++i, a);
          case "--amount-column" -> amount = ConfigOptions.value(argv, ++i, a);
          case "--date-format" -> format = ConfigOptions.value(argv, ++i, a);
          case "--delimiter" -> delimiter = ConfigOptions.value(argv, ++i, a);
          case "--features" -> features = features(ConfigOptions.value(argv, ++i, a));
          case "--cut-offs" -> cutOffs = ConfigOptions.number(ConfigOptions.value(argv, ++i, a), a, 1, 100);
          case "--step-days" -> stepDays = ConfigOptions.number(ConfigOptions.value(argv, ++i, a), a, 1, 3650);
          case "--bootstrap" -> bootstrap = ConfigOptions.number(ConfigOptions.value(argv, ++i, a), a, 10, 100_000);
          case "--seed" -> seed = ConfigOptions.number(ConfigOptions.value(argv, ++i, a), a, 0, Integer.MAX_VALUE);
          default -> {
            if (!ConfigOptions.isOption(a)) {
              throw new ConfigException("unknown option " + a);
            }
            i = options.take(argv, i);
          }
        }
      }
      if (file == null || end == null) {
        throw new ConfigException("--transactions and --calibration-end are required");
      }
      if (!new File(file).isFile()) {
        throw new ConfigException("--transactions " + file + ": no such file");
      }
      // Every customer who ever bought is scored (the BTYD convention), unless --conf says otherwise.
      options.set("onecustomer.value.active-days", "3650", true);
      config = options.load();
      req = new Request(new File(file).getAbsolutePath(), end, customer, date, amount, format, delimiter, features,
          cutOffs, stepDays, bootstrap, seed);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("value-eval: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    SparkSession spark = SessionFactory.create(config, "onecustomer value-eval");
    try {
      evaluate(spark, config, req, out, err);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("value-eval: " + e.getMessage());
      return 2;
    }
  }

  /** Reads the file, runs the evaluation and prints the report. */
  static void evaluate(SparkSession spark, AppConfig config, Request req, PrintStream out, PrintStream err) {
    ValueConfig v = config.value();
    Dataset<Row> purchases = purchases(spark, req, err).localCheckpoint();
    Row span = purchases.agg(org.apache.spark.sql.functions.min(CustomerFeatures.ORDER_DATE),
        org.apache.spark.sql.functions.max(CustomerFeatures.ORDER_DATE)).first();
    if (span.isNullAt(0)) {
      throw new IllegalArgumentException(req.file() + " holds no purchase");
    }
    LocalDate first = span.getDate(0).toLocalDate();
    LocalDate last = span.getDate(1).toLocalDate();
    int horizon = Math.max(v.churnHorizonDays(), v.ltvHorizonDays());
    LocalDate holdoutEnd = ValueEvaluation.holdoutEnd(req.calibrationEnd(), v);
    // The calibration ends, earliest first: the given one and (--cut-offs) earlier ones a step apart.
    int step = req.stepDays() > 0 ? req.stepDays() : horizon;
    List<LocalDate> ends = new ArrayList<>();
    for (int k = req.cutOffs() - 1; k >= 0; k--) {
      ends.add(req.calibrationEnd().minusDays((long) k * step));
    }
    if (last.isBefore(holdoutEnd) || !first.isBefore(ends.get(0).minusDays(horizon))) {
      throw new IllegalArgumentException(req.file() + " holds purchases from " + first + " to " + last
          + "; the calibration ends " + ends.get(0) + ".." + req.calibrationEnd() + " need history before their training"
          + " cut-off (" + ends.get(0).minusDays(horizon) + ", the earliest end minus the longer horizon, " + horizon
          + " days) and the holdout after the latest up to " + holdoutEnd);
    }
    StructType touches = new StructType().add(CustomerFeatures.CUSTOMER_ID, DataTypes.StringType)
        .add(CustomerFeatures.EVENT_DATE, DataTypes.DateType).add(CustomerFeatures.TOUCHPOINT_TYPE, DataTypes.StringType);
    StructType tickets = new StructType().add(CustomerFeatures.CUSTOMER_ID, DataTypes.StringType)
        .add(CustomerFeatures.CREATED_DATE, DataTypes.DateType).add(CustomerFeatures.IS_COMPLAINT, DataTypes.BooleanType)
        .add(CustomerFeatures.SATISFACTION, DataTypes.DoubleType);
    StructType members = new StructType().add(CustomerFeatures.CUSTOMER_ID, DataTypes.StringType)
        .add(CustomerFeatures.UPDATED_DATE, DataTypes.DateType).add(CustomerFeatures.TIER, DataTypes.StringType);
    CustomerFeatures.Inputs in = new CustomerFeatures.Inputs(purchases, spark.createDataFrame(List.of(), touches),
        spark.createDataFrame(List.of(), tickets), spark.createDataFrame(List.of(), members), first);
    out.printf(Locale.ROOT, "value-eval: %s%n", req.file());
    List<Compared> all = new ArrayList<>();
    for (LocalDate end : ends) {
      Result r = ValueEvaluation.run(spark, in, end, v, config.analytics().customer().rfm(), req.features());
      all.addAll(report(r, v, req, out));
    }
    if (ends.size() > 1) {
      summary(all, ends.size(), out);
    }
    out.flush();
  }

  /** Per metric, the model against the better baseline at every calibration end, and at how many its interval is above 0. */
  static void summary(List<Compared> all, int cutOffs, PrintStream out) {
    out.printf(Locale.ROOT, "over %d calibration ends (model - the better baseline, 95%% paired bootstrap interval):%n",
        cutOffs);
    for (String metric : List.of("auc", "rmse", "spearman")) {
      List<Compared> m = all.stream().filter(c -> c.metric().equals(metric)).toList();
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s", metric + ":"));
      for (Compared c : m) {
        line.append(String.format(Locale.ROOT, " %s %+.4f [%+.4f, %+.4f] (%s);", c.calibrationEnd(),
            c.difference().value(), c.difference().low(), c.difference().high(), c.baseline()));
      }
      long above = m.stream().filter(c -> c.difference().above()).count();
      long below = m.stream().filter(c -> c.difference().high() < 0).count();
      line.append(String.format(Locale.ROOT, " interval above 0 at %d of %d, below 0 at %d (%s is better)", above,
          m.size(), below, metric.equals("rmse") ? "lower" : "higher"));
      out.println(line);
    }
  }

  /** customer_id, order_date, net_amount, channel from the file; unreadable rows counted and named on {@code err}. */
  static Dataset<Row> purchases(SparkSession spark, Request req, PrintStream err) {
    Dataset<Row> raw = spark.read().option("header", true).option("delimiter", req.delimiter())
        .option("mode", "PERMISSIVE").csv(req.file());
    List<String> columns = Arrays.asList(raw.columns());
    List<String> needed = new ArrayList<>(List.of(req.customer(), req.date(), req.amount()));
    needed.addAll(req.features());
    for (String c : needed) {
      if (!columns.contains(c)) {
        throw new IllegalArgumentException(req.file() + " has no column '" + c + "' (its header: "
            + String.join(", ", columns) + "); name the columns with --customer-column, --date-column, --amount-column and"
            + " --features");
      }
    }
    Column id = trim(col(quoted(req.customer())));
    Column day = expr("try_to_timestamp(" + quoted(req.date()) + ", '" + req.dateFormat().replace("'", "''") + "')")
        .cast("date");
    Column amount = expr("try_cast(" + quoted(req.amount()) + " AS DECIMAL(18,2))");
    List<Column> select = new ArrayList<>(List.of(id.as(CustomerFeatures.CUSTOMER_ID),
        day.as(CustomerFeatures.ORDER_DATE), amount.as(CustomerFeatures.NET_AMOUNT),
        col(quoted(req.date())).as("_raw_date"), col(quoted(req.amount())).as("_raw_amount")));
    for (String f : req.features()) {
      // A cell that is not a number is missing; the customer's mean is over the cells that are.
      select.add(expr("try_cast(" + quoted(f) + " AS DOUBLE)").as(f));
    }
    Dataset<Row> typed = raw.select(select.toArray(Column[]::new));
    Column unreadable = col(CustomerFeatures.CUSTOMER_ID).isNull().or(col(CustomerFeatures.CUSTOMER_ID).equalTo(""))
        .or(col(CustomerFeatures.ORDER_DATE).isNull()).or(col(CustomerFeatures.NET_AMOUNT).isNull());
    Column negative = unreadable.unary_$bang().and(col(CustomerFeatures.NET_AMOUNT).lt(0));
    // One pass over the file counts both kinds of row left out; the unreadable ones are read again
    // only when there are some, for their sample.
    Row counts = typed.agg(sum(when(unreadable, 1).otherwise(0)), sum(when(negative, 1).otherwise(0))).first();
    long badRows = counts.isNullAt(0) ? 0 : counts.getLong(0);
    long returns = counts.isNullAt(1) ? 0 : counts.getLong(1);
    if (badRows > 0) {
      StringBuilder sample = new StringBuilder();
      for (Row b : typed.where(unreadable).limit(3).collectAsList()) {
        sample.append("\n  customer '").append(b.get(0)).append("', date '").append(b.get(3)).append("', amount '")
            .append(b.get(4)).append("'");
      }
      err.println("value-eval: " + badRows + " row(s) of " + req.file() + " left out: customer, date (format "
          + req.dateFormat() + ") or amount unreadable; the first:" + sample);
    }
    if (returns > 0) {
      err.println("value-eval: " + returns + " row(s) of " + req.file() + " with a negative amount (returns) are not "
          + "purchases, left out");
    }
    List<Column> out = new ArrayList<>(List.of(col(CustomerFeatures.CUSTOMER_ID),
        col(CustomerFeatures.ORDER_DATE), col(CustomerFeatures.NET_AMOUNT), lit("unknown").as(CustomerFeatures.CHANNEL)));
    req.features().forEach(f -> out.add(col(quoted(f))));
    return typed.where(unreadable.unary_$bang().and(col(CustomerFeatures.NET_AMOUNT).geq(0)))
        .select(out.toArray(Column[]::new));
  }

  /** {@code --features a,b}: the file's numeric columns to add as features; not a name the model's features or labels use. */
  static List<String> features(String list) {
    List<String> out = new ArrayList<>();
    for (String f : list.split(",")) {
      String name = f.trim();
      if (name.isEmpty()) {
        continue;
      }
      if (CustomerFeatures.MODEL_FEATURES.contains(name) || List.of(CustomerFeatures.CUSTOMER_ID,
          CustomerFeatures.ORDER_DATE, CustomerFeatures.NET_AMOUNT, CustomerFeatures.CHANNEL, CustomerFeatures.CHURNED,
          CustomerFeatures.FUTURE_REVENUE).contains(name) || name.startsWith("_")) {
        throw new ConfigException("--features: '" + name + "' is a name the model uses itself; rename the column");
      }
      out.add(name);
    }
    return List.copyOf(out);
  }

  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /** The report: every scorer's metrics, the model against the better baseline with paired bootstrap intervals. */
  static List<Compared> report(Result r, ValueConfig v, Request req, PrintStream out) {
    int n = r.churned().length;
    double churnRate = Arrays.stream(r.churned()).average().orElse(Double.NaN);
    double revenue = Arrays.stream(r.revenue()).sum();
    out.printf(Locale.ROOT, "== calibration end %s%n", r.calibrationEnd());
    out.printf(Locale.ROOT, "customers evaluated: %d (bought by the calibration end %s)%n", n, r.calibrationEnd());
    out.printf(Locale.ROOT, "models trained at: %s on %d customers (labels up to the calibration end)%n",
        r.trainingCutOff(), r.trainCustomers());
    if (!req.features().isEmpty()) {
      out.printf(Locale.ROOT, "the file's own features: %s (each customer's mean over their purchases)%n",
          String.join(", ", req.features()));
    }
    out.printf(Locale.ROOT, "churn: no purchase in the %d days after %s; churn rate %.4f%n", v.churnHorizonDays(),
        r.calibrationEnd(), churnRate);
    out.printf(Locale.ROOT, "%-12s %8s %8s %12s%n", "scorer", "auc", "ece", "top10_prec");
    for (Scores s : r.scores()) {
      out.printf(Locale.ROOT, "%-12s %8.4f %8.4f %12.4f%n", s.name(), ModelMetrics.aucRoc(s.churn(), r.churned()),
          ValueEvaluation.calibrationError(s.churn(), r.churned()),
          ValueEvaluation.topDecilePrecision(s.churn(), r.churned()));
    }
    Scores model = r.scores().get(0);
    List<Scores> baselines = r.scores().subList(1, r.scores().size());
    List<Compared> compared = new ArrayList<>();
    compared.add(compare(out, "auc", r, model, baselines, r.churned(), Scores::churn, ModelMetrics::aucRoc, true, req));

    out.printf(Locale.ROOT, "ltv: net revenue in the %d days after %s; total %.2f%n", v.ltvHorizonDays(),
        r.calibrationEnd(), revenue);
    out.printf(Locale.ROOT, "%-12s %10s %9s %12s %14s%n", "scorer", "rmse", "spearman", "top10_share",
        "pred/actual");
    for (Scores s : r.scores()) {
      out.printf(Locale.ROOT, "%-12s %10.2f %9.4f %12.4f %14.4f%n", s.name(), ModelMetrics.rmse(s.ltv(), r.revenue()),
          ValueEvaluation.spearman(s.ltv(), r.revenue()), ValueEvaluation.topDecileCapture(s.ltv(), r.revenue()),
          Arrays.stream(s.ltv()).sum() / revenue);
    }
    compared.add(compare(out, "rmse", r, model, baselines, r.revenue(), Scores::ltv, ModelMetrics::rmse, false,
        req));
    compared.add(compare(out, "spearman", r, model, baselines, r.revenue(), Scores::ltv, ValueEvaluation::spearman,
        true, req));
    for (FitResult f : r.fits()) {
      out.println("fit: " + f.summary());
    }
    return compared;
  }

  /** One line: the model minus the baseline best on {@code metric}, with its paired bootstrap interval. */
  private static Compared compare(PrintStream out, String metric, Result r, Scores model, List<Scores> baselines,
      double[] outcome, Function<Scores, double[]> scores, BiFunction<double[], double[], Double> f,
      boolean higherIsBetter, Request req) {
    Comparator<Scores> byMetric = Comparator.comparingDouble(s -> f.apply(scores.apply(s), outcome));
    Scores best = higherIsBetter ? baselines.stream().max(byMetric).orElseThrow()
        : baselines.stream().min(byMetric).orElseThrow();
    Difference d = ValueEvaluation.pairedBootstrap(scores.apply(model), scores.apply(best), outcome, f,
        req.bootstrap(), req.seed());
    out.printf(Locale.ROOT, "%s: model - %s = %+.4f, 95%% paired bootstrap interval [%+.4f, %+.4f] (%d resamples)%n",
        metric, best.name(), d.value(), d.low(), d.high(), d.resamples());
    return new Compared(metric, r.calibrationEnd(), best.name(), d);
  }
}
