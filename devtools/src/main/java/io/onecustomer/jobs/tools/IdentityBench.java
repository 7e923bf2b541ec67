package io.onecustomer.jobs.tools;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_timestamp;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spark.SessionFactory;
import io.onecustomer.jobs.JobRegistry;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.Runner;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.silver.SilverColumns.IdentifierObs;
import io.onecustomer.jobs.silver.SilverColumns;
import java.io.File;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark of identity resolution at scale (bench/identity.sh): writes a synthetic
 * silver.identifiers for N people over D days straight from Spark (the generator and the bronze and
 * silver jobs are not what is measured), then times the guards and the resolution as a full
 * rebuild over days 1..D-1 and as an incremental night for day D.
 *
 * <p>Each person has a phone, and with fixed shares an email, member id, card, buyer nick, open id,
 * union id and one or two devices; 1% share a family phone with the next person, and a few
 * placeholder phones are carried by thousands of records. Every person makes about {@code
 * recordsPerPerson} records over the days, each carrying the identifiers of one channel (a store
 * receipt: phone + member id + card; a marketplace trade: buyer nick; a mini-program order: open id
 * + union id + phone; a web visit: device + member id or email).
 */
public final class IdentityBench {
  private IdentityBench() {}

  public static void main(String[] args) {
    long people = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int recordsPerPerson = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    String warehouse = args.length > 3 ? args[3] : "data/bench-identity";
    AppConfig config = AppConfig.load("local", null, new File("conf"), Map.of(
        "paths.warehouse", new File(warehouse).getAbsolutePath(), "catalog.type", "in-memory"));
    SparkSession spark = SessionFactory.create(config, "onecustomer identity bench");
    LocalDate start = LocalDate.of(2026, 1, 1);
    LocalDate last = start.plusDays(days - 1);

    long t0 = System.nanoTime();
    Dataset<Row> obs = synthetic(spark, people, days, recordsPerPerson, start);
    DeltaWriter.replaceAll(spark, obs, Tables.SILVER_IDENTIFIERS, config.paths().warehouse(), "bench");
    long rows = DeltaWriter.read(spark, Tables.SILVER_IDENTIFIERS, config.paths().warehouse()).count();
    System.out.printf("bench: synthetic silver.identifiers: %,d observations for %,d people over %d days in %.1f s%n",
        rows, people, days, (System.nanoTime() - t0) / 1e9);

    JobRegistry registry = JobRegistry.standard();
    Runner runner = new Runner(spark, config, registry);
    List<String> jobs = List.of(IdentitySpecs.IDENTITY_AUDIT.jobId(), IdentitySpecs.CUSTOMER_IDENTITIES.jobId());
    double full = time(runner, registry, jobs, new DateRange(start, last.minusDays(1)), "full rebuild, days 1.."
        + (days - 1));
    double night = time(runner, registry, jobs, DateRange.of(last), "incremental night, day " + days);
    System.out.printf("bench: full %.1f s, incremental night %.1f s, ratio %.2f%n", full, night, night / full);
    spark.stop();
  }

  private static double time(Runner runner, JobRegistry registry, List<String> jobs, DateRange range, String what) {
    long t = System.nanoTime();
    for (String j : jobs) {
      JobResult r = runner.run(registry.get(j), range, Instant.now());
      System.out.println("bench: " + r.logLine());
    }
    double s = (System.nanoTime() - t) / 1e9;
    System.out.printf("bench: %s: %.1f s%n", what, s);
    return s;
  }

  /** silver.identifiers rows (see the class comment), deterministic. */
  static Dataset<Row> synthetic(SparkSession spark, long people, int days, int recordsPerPerson, LocalDate start) {
    spark.range(people).createOrReplaceTempView("bench_people");
    // One row per (person, record); the record's channel and day from a hash of both.
    Dataset<Row> records = spark.sql("SELECT id AS p, r, pmod(hash(id, r, 1), 4) AS kind,"
        + " pmod(hash(id, r, 2), " + days + ") AS d FROM bench_people"
        + " LATERAL VIEW explode(sequence(0, " + (recordsPerPerson - 1) + ")) t AS r");
    // A person's identifiers; family phones: 1% share the phone of person p - 1.
    String phone = "concat('+861', lpad(CAST(CASE WHEN pmod(hash(p, 9), 100) = 0 AND p > 0 THEN p - 1 ELSE p END"
        + " + 3000000000 AS STRING), 10, '0'))";
    String placeholder = "CASE WHEN pmod(hash(p, r, 7), 500) = 0 THEN '+8613800000000' ELSE " + phone + " END";
    String ids = "CASE kind"
        + " WHEN 0 THEN array(named_struct('t', 'phone', 'v', " + placeholder + "),"
        + "   named_struct('t', 'member_id', 'v', IF(pmod(hash(p, 3), 10) < 4, concat('M', p), NULL)),"
        + "   named_struct('t', 'card_no', 'v', IF(pmod(hash(p, 3), 10) < 4, concat('CARD', p), NULL)))"
        + " WHEN 1 THEN array(named_struct('t', 'buyer_nick', 'v', IF(pmod(hash(p, 4), 10) < 5, concat('tb_', p), NULL)),"
        + "   named_struct('t', 'phone_masked', 'v', concat('138****', lpad(CAST(pmod(p, 10000) AS STRING), 4, '0'))))"
        + " WHEN 2 THEN array(named_struct('t', 'openid', 'v', IF(pmod(hash(p, 5), 10) < 4, concat('o', p), NULL)),"
        + "   named_struct('t', 'unionid', 'v', IF(pmod(hash(p, 5), 10) < 3, concat('u', p), NULL)),"
        + "   named_struct('t', 'phone', 'v', IF(pmod(hash(p, 5), 10) < 2, " + phone + ", NULL)))"
        + " ELSE array(named_struct('t', 'device_id', 'v', concat('dev', p, '-', pmod(hash(p, r, 6), 2))),"
        + "   named_struct('t', 'member_id', 'v', IF(pmod(hash(p, 3), 10) < 4, concat('M', p), NULL)),"
        + "   named_struct('t', 'email', 'v', IF(pmod(hash(p, 8), 10) < 7, concat('p', p, '@mail.example'), NULL)))"
        + " END";
    Dataset<Row> exploded = records.select(col("p"), col("r"), col("kind"), col("d"),
            explode(expr(ids)).alias("i"))
        .where(col("i.v").isNotNull());
    return exploded.select(
        col("i.t").alias(IdentifierObs.ID_TYPE),
        col("i.v").alias(IdentifierObs.ID_VALUE),
        lit(true).alias(IdentifierObs.IS_VALID),
        expr("CASE kind WHEN 0 THEN 'silver.orders' WHEN 1 THEN 'silver.orders' WHEN 2 THEN 'silver.orders'"
            + " ELSE 'silver.touchpoints' END").alias(SilverColumns.SOURCE_TABLE),
        concat(lit("rec:"), col("p"), lit(":"), col("r")).alias(IdentifierObs.RECORD_KEY),
        to_timestamp(date_add(lit(Date.valueOf(start)), col("d").cast("int"))).alias(IdentifierObs.FIRST_SEEN_TS),
        to_timestamp(date_add(lit(Date.valueOf(start)), col("d").cast("int"))).alias(IdentifierObs.LAST_SEEN_TS),
        lit(1L).alias(IdentifierObs.OBSERVATIONS),
        date_add(lit(Date.valueOf(start)), col("d").cast("int")).alias(SilverColumns.RUN_DATE));
  }
}
