package io.onecustomer.jobs;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.common.config.ConfigOptions;
import io.onecustomer.common.spark.SessionFactory;
import io.onecustomer.jobs.erasure.Erasure;
import io.onecustomer.jobs.keys.KeyRotation;
import io.onecustomer.jobs.privacy.ErasureLog;
import io.onecustomer.jobs.report.NightlyReport;
import io.onecustomer.jobs.tools.WarehouseSummary;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single entry point:
 *
 * <pre>
 *   --job &lt;id&gt; --run-date YYYY-MM-DD            one job, one business day
 *   --job nightly --run-date YYYY-MM-DD          every job of that day, dependencies first
 *   --job backfill --from YYYY-MM-DD --to ...     every job over the range, one pass per job
 *       [--then-nightly YYYY-MM-DD]               then that night in the same session
 *   --job &lt;id&gt; --from ... --to ...               one job over a range
 *   --job &lt;id&gt;,&lt;id&gt;,... --run-date ...            those jobs only, ordered among themselves
 *   --job erase --customer-id C... | --identifier-file FILE|-   right to erasure (the identifier
 *       type:value read from a file or standard input; --identifier type:value works but puts
 *       the raw value in the process list and shell history)
 *   --job rotate-hash-key                          re-hash every keyed hash to a new key
 *   --job report --run-date YYYY-MM-DD           (re)write that day's nightly report (bin/report)
 *   [--env local|prod] [--config FILE] [--conf key=value ...]
 * </pre>
 *
 * Exit code 0 on success, 1 when a job fails (the message names job, table, dates and cause), 2 on
 * a usage or configuration error, including a missing secret: the secrets a command needs are
 * checked when it starts, before a session is built or anything is written.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  public static final String NIGHTLY = "nightly";
  public static final String BACKFILL = "backfill";
  public static final String ERASE = "erase";
  public static final String ROTATE = KeyRotation.ROTATE;
  public static final String REPORT = "report";

  /** Parsed command line. */
  public record Args(String job, DateRange range, String env, File configFile, Map<String, String> overrides,
      boolean summary, String customerId, String identifier, String identifierFile, LocalDate thenNightly) {
    static final String USAGE =
        "usage: --job <id>[,<id>...]|nightly|backfill (--run-date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD)"
            + " [--env local|prod] [--config FILE] [--conf key=value ...] [--summary]\n"
            + "       --job backfill --from ... --to ... --then-nightly YYYY-MM-DD   (then that night, same session)\n"
            + "       --job erase (--customer-id C... | --identifier-file FILE|- | --identifier type:value) [--env ...]"
            + " [--conf ...]\n"
            + "       --job rotate-hash-key [--env ...] [--conf ...]   (new key in ONECUSTOMER_HASH_KEY_NEW)\n"
            + "       --job report --run-date YYYY-MM-DD [--env ...] [--config ...] [--conf ...]   (the nightly report)";

    public static Args parse(String[] argv) {
      String job = null;
      String runDate = null;
      String from = null;
      String to = null;
      ConfigOptions options = ConfigOptions.fromEnvironment();
      boolean summary = false;
      String customerId = null;
      String identifier = null;
      String identifierFile = null;
      String thenNightly = null;
      for (int i = 0; i < argv.length; i++) {
        String a = argv[i];
        if (a.equals("--help") || a.equals("-h")) {
          throw new UsageException(USAGE);
        }
        if (a.equals("--summary")) {
          summary = true;
          continue;
        }
        if (ConfigOptions.isOption(a)) {
          try {
            i = options.take(argv, i);
          } catch (ConfigException e) {
            throw new UsageException(e.getMessage() + "; " + USAGE);
          }
          continue;
        }
        if (i + 1 >= argv.length) {
          throw new UsageException("option " + a + " needs a value; " + USAGE);
        }
        String v = argv[++i];
        switch (a) {
          case "--job" -> job = v;
          case "--run-date" -> runDate = v;
          case "--from" -> from = v;
          case "--to" -> to = v;
          case "--customer-id" -> customerId = v;
          case "--identifier" -> identifier = v;
          case "--identifier-file" -> identifierFile = v;
          case "--then-nightly" -> thenNightly = v;
          default -> throw new UsageException("unknown option " + a + "; " + USAGE);
        }
      }
      if (job == null) {
        throw new UsageException("--job is required; " + USAGE);
      }
      if (job.equals(ERASE)) {
        int given = (customerId == null ? 0 : 1) + (identifier == null ? 0 : 1) + (identifierFile == null ? 0 : 1);
        if (given != 1 || runDate != null || from != null || to != null) {
          throw new UsageException("erase takes exactly one of --customer-id, --identifier-file or --identifier, and"
              + " no dates; " + USAGE);
        }
        if (thenNightly != null) {
          throw new UsageException("--then-nightly belongs to --job backfill");
        }
        return new Args(job, null, options.env(), options.configFile(), options.overrides(), false, customerId,
            identifier, identifierFile, null);
      }
      if (customerId != null || identifier != null || identifierFile != null) {
        throw new UsageException("--customer-id, --identifier-file and --identifier belong to --job erase");
      }
      if (job.equals(ROTATE)) {
        if (runDate != null || from != null || to != null || thenNightly != null) {
          throw new UsageException(ROTATE + " takes no dates; " + USAGE);
        }
        return new Args(job, null, options.env(), options.configFile(), options.overrides(), false, null, null, null,
            null);
      }
      DateRange range;
      try {
        if (runDate != null) {
          if (from != null || to != null) {
            throw new UsageException("give either --run-date or --from/--to, not both");
          }
          range = DateRange.of(DateRange.parseDate("--run-date", runDate));
        } else if (from != null && to != null) {
          range = new DateRange(DateRange.parseDate("--from", from), DateRange.parseDate("--to", to));
        } else {
          throw new UsageException("--run-date (or --from and --to) is required; " + USAGE);
        }
      } catch (IllegalArgumentException e) {
        throw e instanceof UsageException u ? u : new UsageException(e.getMessage());
      }
      if (job.equals(NIGHTLY) && range.length() != 1) {
        throw new UsageException("nightly runs one business day: use --run-date, or --job backfill for a range");
      }
      if (job.equals(REPORT) && range.length() != 1) {
        throw new UsageException("a report is of one business day: use --run-date");
      }
      LocalDate night = null;
      if (thenNightly != null) {
        if (!job.equals(BACKFILL)) {
          throw new UsageException("--then-nightly belongs to --job backfill");
        }
        try {
          night = DateRange.parseDate("--then-nightly", thenNightly);
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
        if (!night.isAfter(range.to())) {
          throw new UsageException("--then-nightly " + night + " must come after the backfill's last day " + range.to());
        }
      }
      return new Args(job, range, options.env(), options.configFile(), options.overrides(), summary, null, null, null,
          night);
    }
  }

  /** A command-line mistake; exit code 2. */
  public static final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
      super(message);
    }
  }

  public static void main(String[] argv) {
    System.exit(run(argv));
  }

  /** {@code --help}: the usage, where the configuration comes from, and every job in the order a night runs them. */
  static String help(JobRegistry registry) {
    StringBuilder sb = new StringBuilder(Args.USAGE).append("\n\n")
        .append(ConfigOptions.HELP)
        .append("  exit codes     0 success, 1 a job failed, 2 usage, configuration or missing secret (before any write)\n\n")
        .append("jobs (").append(registry.all().size()).append(", in the order --job nightly runs them):\n");
    for (Job j : registry.inDependencyOrder()) {
      sb.append(String.format("  %-32s -> %s%n", j.id(), j.output().qualified()));
    }
    return sb.toString().stripTrailing();
  }

  /** Runs and returns the exit code (tests call this instead of main). */
  public static int run(String[] argv) {
    return run(argv, System.getenv(), System.in);
  }

  /** As {@link #run(String[])} with the environment and standard input given. */
  static int run(String[] argv, Map<String, String> env, InputStream stdin) {
    if (Arrays.asList(argv).contains("--help") || Arrays.asList(argv).contains("-h")) {
      System.out.println(help(JobRegistry.standard()));
      return 0;
    }
    Args args;
    AppConfig config;
    HashKeys keys;
    byte[] newKey = null;
    try {
      args = Args.parse(argv);
      config = AppConfig.load(args.env(), args.configFile(), AppConfig.confDir(), args.overrides());
      if (args.job().equals(REPORT)) {
        return report(config, args.range().from(), null, SessionFactory.create(config, "onecustomer report " + args.range()))
            ? 0 : 1;
      }
      // Secrets first: a missing key stops the run here, before a session exists or a table is written.
      keys = HashKeys.fromEnvironment(config, env);
      if (args.job().equals(ROTATE)) {
        newKey = HashKeys.newKeyFromEnvironment(config, env);
      }
    } catch (UsageException | ConfigException e) {
      System.err.println("onecustomer: " + e.getMessage());
      return 2;
    }
    if (args.job().equals(ERASE)) {
      return erase(args, config, keys, stdin);
    }
    if (args.job().equals(ROTATE)) {
      return rotate(config, keys, newKey);
    }
    return execute(args, config, keys, JobRegistry.standard(),
        () -> SessionFactory.create(config, "onecustomer " + args.job() + " " + args.range()));
  }

  /**
   * Runs the parsed command on a registry and returns the exit code: 0 on success, 1 when a job
   * fails (its message on standard error), 2 for a job the registry does not know.
   */
  static int execute(Args args, AppConfig config, HashKeys keys, JobRegistry registry,
      Supplier<SparkSession> session) {
    boolean all = args.job().equals(NIGHTLY) || args.job().equals(BACKFILL);
    List<Job> jobs;
    try {
      if (args.job().contains(",")) {
        // Several named jobs (re-running some tables of a night): the runner orders them among
        // themselves and takes their other inputs as already written.
        registry = registry.only(Arrays.stream(args.job().split(",")).map(String::trim)
            .filter(x -> !x.isEmpty()).toList());
        all = true;
      }
      jobs = all ? registry.inDependencyOrder() : List.of(registry.get(args.job()));
      config.quality().validate(registry.specs(), List.of());
    } catch (IllegalArgumentException e) {
      System.err.println("onecustomer: " + e.getMessage());
      return 2;
    }
    LOG.info("onecustomer job={} dates={} {}", args.job(), args.range(), config.describe());
    SparkSession spark = session.get();
    if (!verifiedKeys(spark, config, keys)) {
      return 2;
    }
    completeInterruptedErasures(spark, config, keys);
    // A line per job as it finishes, and every 30 s a line per long job: a run a person can follow.
    Runner runner = new Runner(spark, config, registry, keys).withProgress(System.out::println);
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    List<String> runIds = new ArrayList<>();
    LocalDate night = args.job().equals(NIGHTLY) ? args.range().from() : null; // the night under way, if any
    try {
      // Every job (dependencies first, independent ones side by side, runner.parallelism), or one job.
      List<JobResult> results;
      try {
        results = all ? runner.runAll(args.range(), started) : List.of(runner.run(jobs.get(0), args.range(), started));
      } finally {
        runIds.add(runner.lastRunId());
      }
      results.forEach(r -> System.out.println(r.logLine()));
      System.out.printf("onecustomer: %s for %s finished: %d job(s) in %.1f s (run %s)%n", args.job(),
          args.range(), jobs.size(), (System.nanoTime() - t0) / 1e9, runner.lastRunId());
      if (night != null) {
        report(config, night, runner.lastRunId(), spark);
      }
      if (args.thenNightly() != null) {
        // The night after a backfill in the same session (bin/demo): one start-up and one warm-up.
        night = args.thenNightly();
        long t1 = System.nanoTime();
        try {
          runner.runAll(DateRange.of(args.thenNightly()), Instant.now()).forEach(r -> System.out.println(r.logLine()));
        } finally {
          runIds.add(runner.lastRunId());
        }
        System.out.printf("onecustomer: nightly for %s finished: %d job(s) in %.1f s (run %s)%n", args.thenNightly(),
            jobs.size(), (System.nanoTime() - t1) / 1e9, runner.lastRunId());
        report(config, night, runner.lastRunId(), spark);
      }
      if (args.summary()) {
        WarehouseSummary.print(spark, config, System.out, runIds);
      }
      return 0;
    } catch (JobFailedException e) {
      LOG.error(e.getMessage(), e);
      System.err.println("onecustomer: " + e.getMessage());
      if (night != null) {
        // A failed night has a report too: its job table says which job failed and why. A failed
        // backfill has none: its night never started.
        report(config, night, runner.lastRunId(), spark);
      }
      if (args.summary()) {
        WarehouseSummary.print(spark, config, System.out, runIds);
      }
      return 1;
    }
  }

  /**
   * Writes a day's nightly report (reports/&lt;day&gt;/ under the warehouse). A report that cannot be
   * written is an error on standard error, not a failed night: the tables are committed, and
   * {@code bin/report --run-date D} writes it again.
   */
  static boolean report(AppConfig config, LocalDate day, String runId, SparkSession spark) {
    try {
      NightlyReport.Written w = NightlyReport.write(spark, config.paths().warehouse(), day, runId);
      System.out.printf("onecustomer: report for %s written in %.1f s: %s%n", day, w.millis() / 1e3, w.html());
      return true;
    } catch (Exception e) { // Spark's own exceptions are checked ones thrown from Scala
      LOG.error("report for {} not written: {}", day, e.getMessage(), e);
      System.err.println("onecustomer: the report for " + day + " was not written (bin/report --run-date " + day
          + " retries): " + e.getMessage());
      return false;
    }
  }

  /** The key chain matches the warehouse's hashes and no rotation is half done (else exit 2). */
  private static boolean verifiedKeys(SparkSession spark, AppConfig config, HashKeys keys) {
    try {
      KeyRotation.verify(spark, config.paths().warehouse(), keys, config.identity().hashKeyEnv(),
          config.identity().retiredHashKeysEnv());
      return true;
    } catch (ConfigException e) {
      System.err.println("onecustomer: " + e.getMessage());
      return false;
    }
  }

  /** An erasure killed half way is completed before anything else reads the tables it was changing. */
  private static void completeInterruptedErasures(SparkSession spark, AppConfig config, HashKeys keys) {
    for (Erasure.Report r : new Erasure(spark, config, keys).completePending()) {
      System.out.printf("onecustomer: completed an interrupted erasure of customer %s: %d row(s) deleted from %d"
          + " table(s)%n", r.customerId(), r.total(), r.deleted().size());
    }
  }

  /** The identifier to erase from --identifier-file (a file, or standard input for "-"): its first non-blank line. */
  static String identifierFrom(String file, InputStream stdin) throws IOException {
    List<String> lines;
    if (file.equals("-")) {
      lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).lines().toList();
    } else {
      lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    }
    return lines.stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
        .orElseThrow(() -> new UsageException("--identifier-file " + file + " holds no identifier (type:value)"));
  }

  private static int erase(Args args, AppConfig config, HashKeys keys, InputStream stdin) {
    Erasure.Request req;
    try {
      String identifier = args.identifier();
      if (identifier != null) {
        System.err.println("onecustomer: warning: --identifier puts the raw value in the process list and the shell"
            + " history; prefer --identifier-file FILE or --identifier-file - (standard input)");
      } else if (args.identifierFile() != null) {
        identifier = identifierFrom(args.identifierFile(), stdin);
      }
      req = Erasure.Request.parse(args.customerId(), identifier);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("onecustomer: " + e.getMessage());
      return 2;
    }
    SparkSession spark = SessionFactory.create(config, "onecustomer erase");
    if (!verifiedKeys(spark, config, keys)) {
      return 2;
    }
    try {
      var report = new Erasure(spark, config, keys).erase(req, Instant.now());
      System.out.printf("onecustomer: erased customer %s (%d identifiers): %d row(s) deleted from %d table(s) %s;"
              + " VACUUM retention %d h; logged in %s%n", report.customerId(), report.identifiers(), report.total(),
          report.deleted().size(), report.deleted(), config.erasure().vacuumRetentionHours(),
          ErasureLog.SPEC.id());
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("onecustomer: erase failed: " + e.getMessage());
      return 1;
    }
  }

  private static int rotate(AppConfig config, HashKeys keys, byte[] newKey) {
    SparkSession spark = SessionFactory.create(config, "onecustomer " + ROTATE);
    try {
      completeInterruptedErasures(spark, config, keys);
      var report = new KeyRotation(spark, config.paths().warehouse(), JobRegistry.standard().specs())
          .rotate(keys, newKey, Instant.now());
      System.out.printf("onecustomer: key rotation %d done: %s re-hashed to the key with fingerprint %s (-1: done by an"
              + " earlier, interrupted run). From now on set %s to the new key and append the old one to %s.%n",
          report.rotation(), report.tables(), report.toFingerprint(), config.identity().hashKeyEnv(),
          config.identity().retiredHashKeysEnv());
      return 0;
    } catch (ConfigException e) {
      System.err.println("onecustomer: " + e.getMessage());
      return 2;
    }
  }

}
