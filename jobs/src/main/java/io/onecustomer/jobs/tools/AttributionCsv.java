package io.onecustomer.jobs.tools;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.common.spark.SessionFactory;
import io.onecustomer.jobs.attribution.AttributionColumns.AggregatedPaths;
import io.onecustomer.jobs.attribution.AttributionColumns.Credits;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import io.onecustomer.jobs.attribution.AttributionOptions;
import io.onecustomer.jobs.attribution.ChannelCredit;
import io.onecustomer.jobs.attribution.MarkovChain;
import io.onecustomer.jobs.attribution.PathOptions;
import io.onecustomer.jobs.attribution.PathTransforms;
import io.onecustomer.jobs.attribution.RuleBasedModels;
import io.onecustomer.jobs.attribution.ShapleyModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every attribution model on aggregated paths in the ChannelAttribution format ({@code
 * bin/attribution-csv}), with the same model code as the pipeline: the paths become weighted
 * journeys ({@link PathTransforms#fromAggregatedPaths}) on a local Spark session.
 *
 * <pre>
 *   bin/attribution-csv paths.csv results.csv [options]
 *
 *   paths.csv    path;total_conversions;total_conversion_value;total_null   (header; path "a > b > c")
 *   results.csv  channel;model;attributed_conversions;attributed_value
 * </pre>
 *
 * Rule-based models are the sums of per-path credits; {@code markov*} are the fitted channel
 * totals (removal effects, normalised, × total conversions and value), as the ChannelAttribution
 * package reports them; {@code shapley} is each path's conversions shared by the Shapley values of
 * its channel set, summed. {@code time_decay} needs touch timestamps, which this format does not
 * have: it is not computed (a note says so on stderr).
 */
public final class AttributionCsv {
  private AttributionCsv() {}

  static final String USAGE = String.join("\n",
      "usage: bin/attribution-csv <paths.csv> <results.csv> [options]",
      "  paths.csv: header path;total_conversions[;total_conversion_value][;total_null], channels separated by ' > '",
      "  results.csv: channel;model;attributed_conversions;attributed_value",
      "options:",
      "  --sep C                   field separator of both files (default ;)",
      "  --none-channel NAME       channel of a conversion without touches (default direct/none)",
      "  --direct CH1,CH2          channels last_non_direct skips and --drop-direct removes (default direct)",
      "  --position FIRST,LAST     position_based shares (default 0.4,0.4)",
      "  --drop-direct             remove direct touches from the paths",
      "  --collapse-repeats        collapse consecutive repeats (a > a > b becomes a > b)",
      "  --first N | --last N      keep only the first or last N touches of each path",
      "  --shapley-min-journeys N  journeys a channel set needs for its own conversion rate in shapley (default 30)",
      "time_decay is not computed: aggregated paths carry no timestamps.");

  /** Output order of the models. */
  public static final List<String> MODELS = List.of(Models.FIRST_TOUCH, Models.LAST_TOUCH, Models.LAST_NON_DIRECT,
      Models.LINEAR, Models.POSITION_BASED, Models.MARKOV, Models.MARKOV_WITHOUT_NULLS, Models.SHAPLEY);
  static final List<String> RULE_BASED = MODELS.subList(0, 5);
  public static final String OUTPUT_HEADER = "channel;model;attributed_conversions;attributed_value";
  static final String TIME_DECAY_NOTE =
      "attribution-csv: time_decay not computed: the aggregated-path format has no touch timestamps";

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /** Parses the arguments, builds the local session from the environment's config and runs. */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    List<String> files = new ArrayList<>();
    AttributionOptions options = AttributionOptions.defaults();
    boolean dropDirect = false;
    boolean collapse = false;
    int first = 0;
    int last = 0;
    String sep = ";";
    try {
      for (int i = 0; i < argv.length; i++) {
        switch (argv[i]) {
          case "-h", "--help" -> {
            out.println(USAGE);
            return 0;
          }
          case "--sep" -> sep = value(argv, ++i);
          case "--none-channel" -> options = options.withNoneChannel(value(argv, ++i));
          case "--direct" -> options = options.withDirectChannels(
              new LinkedHashSet<>(Arrays.asList(value(argv, ++i).split(","))));
          case "--position" -> {
            String[] p = value(argv, ++i).split(",");
            if (p.length != 2) {
              throw new IllegalArgumentException("--position takes FIRST,LAST, got '" + argv[i] + "'");
            }
            options = options.withPositionShares(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
          }
          case "--shapley-min-journeys" -> options = options.withShapleyMinJourneys(Double.parseDouble(value(argv, ++i)));
          case "--drop-direct" -> dropDirect = true;
          case "--collapse-repeats" -> collapse = true;
          case "--first" -> first = Integer.parseInt(value(argv, ++i));
          case "--last" -> last = Integer.parseInt(value(argv, ++i));
          default -> {
            if (argv[i].startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + argv[i]);
            }
            files.add(argv[i]);
          }
        }
      }
      if (files.size() != 2) {
        throw new IllegalArgumentException("expected <paths.csv> <results.csv>, got " + files.size() + " file(s)");
      }
      PathOptions paths = new PathOptions(dropDirect, collapse, first, last);
      AppConfig config = AppConfig.load(System.getenv().getOrDefault("ONECUSTOMER_ENV", "local"), null,
          AppConfig.confDir(), Map.of("catalog.type", "in-memory"));
      SparkSession spark = SessionFactory.create(config, "onecustomer attribution-csv");
      List<ChannelCredit> results = attribute(spark, Path.of(files.get(0)), sep, options, paths, err);
      write(results, Path.of(files.get(1)), sep);
      out.println("attribution-csv: " + results.size() + " rows (" + MODELS.size() + " models) written to "
          + files.get(1));
      return 0;
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("attribution-csv: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (UncheckedIOException e) {
      err.println("attribution-csv: " + e.getCause().getMessage());
      return 1;
    } catch (Exception e) { // Spark throws SparkException (checked) from Scala code
      // A malformed line (FAILFAST) or a failed model: the first line says which.
      err.println("attribution-csv: failed: " + firstLine(e));
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      if (root != e) {
        err.println("attribution-csv: cause: " + firstLine(root));
      }
      return 1;
    }
  }

  private static String firstLine(Throwable t) {
    String msg = t.getMessage() == null ? t.toString() : t.getMessage();
    return msg.lines().findFirst().orElse(msg);
  }

  private static String value(String[] argv, int i) {
    if (i >= argv.length) {
      throw new IllegalArgumentException(argv[i - 1] + " needs a value");
    }
    return argv[i];
  }

  /**
   * Reads the aggregated paths (declared schema, columns by header name, any order) and returns
   * every model's per-channel totals, in {@link #MODELS} order then channel.
   */
  public static List<ChannelCredit> attribute(SparkSession spark, Path csv, String sep, AttributionOptions options,
      PathOptions paths, PrintStream notes) {
    Dataset<Row> journeys = PathTransforms.withPathOptions(
        PathTransforms.fromAggregatedPaths(readPaths(spark, csv, sep)), paths, options).cache();
    try {
      notes.println(TIME_DECAY_NOTE);
      List<ChannelCredit> results = new ArrayList<>();
      for (Row r : RuleBasedModels.credits(journeys, RULE_BASED, options)
          .groupBy(Credits.MODEL, Credits.CHANNEL)
          .agg(sum(col(Credits.CREDIT_CONVERSIONS)), sum(col(Credits.CREDIT_VALUE)))
          .collectAsList()) {
        results.add(new ChannelCredit(r.getString(1), r.getString(0), r.getDouble(2), r.getDecimal(3)));
      }
      results.addAll(MarkovChain.fit(journeys, true, options).channelCredits());
      results.addAll(MarkovChain.fit(journeys, false, options).channelCredits());
      results.addAll(ShapleyModel.fit(journeys, options).channelCredits());
      results.sort(Comparator.comparing((ChannelCredit c) -> MODELS.indexOf(c.model()))
          .thenComparing(ChannelCredit::channel));
      return results;
    } finally {
      journeys.unpersist();
    }
  }

  /**
   * The aggregated paths of a local CSV file with a header, columns found by name in any order and
   * typed by the declared schema ({@link AggregatedPaths#SCHEMA}); a malformed line fails the read.
   */
  public static Dataset<Row> readPaths(SparkSession spark, Path csv, String sep) {
    return spark.read().schema(schema(csv, sep))
        .option("header", "true").option("sep", sep).option("mode", "FAILFAST")
        .csv(csv.toAbsolutePath().toString());
  }

  /** The declared schema in the file's header order; unknown or missing required columns fail. */
  static StructType schema(Path csv, String sep) {
    String header;
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      header = r.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
    }
    if (header == null) {
      throw new IllegalArgumentException(csv + " is empty; expected the header "
          + String.join(sep, AggregatedPaths.SCHEMA.fieldNames()));
    }
    StructType schema = new StructType();
    Set<String> seen = new LinkedHashSet<>();
    for (String name : header.split(Pattern.quote(sep), -1)) {
      String n = name.trim().replace("\"", "").replace("\uFEFF", "");
      StructField f = Arrays.stream(AggregatedPaths.SCHEMA.fields()).filter(x -> x.name().equals(n)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(csv + ": unknown column '" + n + "' in the header; expected "
              + String.join(sep, AggregatedPaths.SCHEMA.fieldNames())));
      if (!seen.add(n)) {
        throw new IllegalArgumentException(csv + ": column '" + n + "' appears twice in the header");
      }
      schema = schema.add(f);
    }
    for (String required : AggregatedPaths.REQUIRED) {
      if (!seen.contains(required)) {
        throw new IllegalArgumentException(csv + ": the header lacks the column '" + required + "'");
      }
    }
    return schema;
  }

  /**
   * Writes {@code channel;model;attributed_conversions;attributed_value}: conversions rounded to 12
   * decimals (floating-point noise below that is dropped), value in cents.
   */
  public static void write(List<ChannelCredit> results, Path out, String sep) {
    List<String> lines = new ArrayList<>();
    lines.add(OUTPUT_HEADER.replace(";", sep));
    for (ChannelCredit c : results) {
      lines.add(String.join(sep, c.channel(), c.model(),
          BigDecimal.valueOf(c.conversions()).setScale(12, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString(),
          c.value().setScale(2, RoundingMode.HALF_EVEN).toPlainString()));
    }
    try {
      Files.write(out, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }
}
