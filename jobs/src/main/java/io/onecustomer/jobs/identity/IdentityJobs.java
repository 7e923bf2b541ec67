package io.onecustomer.jobs.identity;

import static io.onecustomer.jobs.identity.IdentityColumns.*;
import static io.onecustomer.common.spark.Cols.seq;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverJobs;
import java.sql.Date;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity jobs. Both work on every identifier observation up to the run's last day and write a
 * snapshot as of that day: the guards' audit first, then the resolution that leaves the audited
 * identifiers out of the graph.
 */
public final class IdentityJobs {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityJobs.class);

  private IdentityJobs() {}

  public static final String IDENTITY_GUARDS = "identity_guards";
  public static final String IDENTITY_RESOLUTION = "identity_resolution";
  public static final String IDENTITY_HISTORY = "identity_history";
  static final String SNAPSHOT_TAG = "snapshot_date=";

  public static List<Job> all() {
    return List.of(new Guards(), new Resolution(), new History());
  }

  static Dataset<Row> observationsUpTo(JobContext ctx) {
    return DeltaWriter.read(ctx.spark(), Tables.SILVER_IDENTIFIERS, ctx.warehouse())
        .where(col(SilverColumns.RUN_DATE).leq(Date.valueOf(ctx.range().to())));
  }

  static Column hashOf(Hmac hmac) {
    return hmac.hash(IdentityTransforms.node(col(ID_TYPE), col(ID_VALUE)));
  }

  /** ops.identity_audit: identifiers kept out of the graph, with the guard that stopped each. */
  static final class Guards implements Job {
    @Override
    public String id() {
      return IDENTITY_GUARDS;
    }

    @Override
    public io.onecustomer.common.TableId output() {
      return OPS_IDENTITY_AUDIT;
    }

    @Override
    public List<String> dependsOn() {
      return List.of(SilverJobs.SILVER_IDENTIFIERS);
    }

    @Override
    public JobResult run(JobContext ctx) {
      Hmac hmac = Hmac.fromConfig(ctx.config());
      var cfg = ctx.config().identity();
      Dataset<Row> obs = observationsUpTo(ctx);
      Date day = Date.valueOf(ctx.range().to());
      Base base = base(ctx);
      Dataset<Row> audit;
      if (base == null) {
        audit = hashed(IdentityResolver.guardsFull(obs, cfg), hmac, day);
      } else {
        Dataset<Row> newObs = obs.where(col(SilverColumns.RUN_DATE).gt(Date.valueOf(base.day())));
        Dataset<Row> touched = IdentityResolver.identifiersOf(newObs).select(col(ID_TYPE), hashOf(hmac).alias(ID_HASH));
        Dataset<Row> kept = DeltaWriter.read(ctx.spark(), OPS_IDENTITY_AUDIT, ctx.warehouse())
            .where(col(SNAPSHOT_DATE).equalTo(Date.valueOf(base.day())))
            .join(touched, seq(ID_TYPE, ID_HASH), "left_anti")
            .withColumn(SNAPSHOT_DATE, lit(day));
        audit = SilverColumns.conform(kept, AUDIT_COLUMNS)
            .unionByName(hashed(IdentityResolver.guardsTouched(obs, newObs, cfg), hmac, day));
      }
      LOG.info("{}: {} for {}", id(), base == null ? "all identifiers evaluated" : "identifiers touched since "
          + base.day() + " re-evaluated", ctx.range().to());
      long written = DeltaWriter.replace(ctx.spark(), audit, OPS_IDENTITY_AUDIT, ctx.warehouse(),
          SNAPSHOT_DATE + " = DATE'" + ctx.range().to() + "'", AUDIT_COMMENT, SNAPSHOT_DATE);
      return new JobResult(id(), output(), ctx.range(), -1, written, 0, 0,
          written == 0 ? List.of() : List.of(written + " identifier(s) kept out of the graph, see " + OPS_IDENTITY_AUDIT));
    }

    private static Dataset<Row> hashed(Dataset<Row> blocked, Hmac hmac, Date day) {
      return SilverColumns.conform(blocked.select(lit(day).alias(SNAPSHOT_DATE), col(ID_TYPE),
          hashOf(hmac).alias(ID_HASH), IdentityTransforms.masked(col(ID_TYPE), col(ID_VALUE)).alias(ID_MASKED),
          col(RECORDS), col(REASON_CODE), col(REASON)), AUDIT_COLUMNS);
    }
  }

  /** gold.customer_identities: every linking identifier with its stable customer_id. */
  static final class Resolution implements Job {
    @Override
    public String id() {
      return IDENTITY_RESOLUTION;
    }

    @Override
    public io.onecustomer.common.TableId output() {
      return GOLD_CUSTOMER_IDENTITIES;
    }

    @Override
    public List<String> dependsOn() {
      return List.of(SilverJobs.SILVER_IDENTIFIERS, IDENTITY_GUARDS);
    }

    @Override
    public JobResult run(JobContext ctx) {
      var spark = ctx.spark();
      Hmac hmac = Hmac.fromConfig(ctx.config());
      var cfg = ctx.config().identity();
      Date day = Date.valueOf(ctx.range().to());
      Dataset<Row> obs = observationsUpTo(ctx).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Dataset<Row> audit = DeltaWriter.read(spark, OPS_IDENTITY_AUDIT, ctx.warehouse());
        Dataset<Row> blocked = audit.where(col(SNAPSHOT_DATE).equalTo(day)).select(ID_TYPE, ID_HASH);
        Base base = base(ctx);
        Dataset<Row> baseRows = base == null ? null : readBase(ctx, base);
        IdentityResolver.Resolved r;
        if (baseRows == null) {
          Dataset<Row> previous = DeltaWriter.exists(spark, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse())
              ? DeltaWriter.read(spark, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse()).select(ID_HASH, CUSTOMER_ID)
                  .localCheckpoint()
              : null;
          r = IdentityResolver.full(obs, blocked, previous, hmac, cfg);
        } else {
          Dataset<Row> newObs = obs.where(col(SilverColumns.RUN_DATE).gt(Date.valueOf(base.day())));
          Dataset<Row> newlyBlocked = blocked.join(audit.where(col(SNAPSHOT_DATE).equalTo(Date.valueOf(base.day())))
              .select(ID_TYPE, ID_HASH), seq(ID_TYPE, ID_HASH), "left_anti");
          r = IdentityResolver.incremental(obs, newObs, blocked, baseRows, newlyBlocked, hmac, cfg);
        }
        LOG.info("{}: {} resolution, connected components converged in {} rounds", id(),
            baseRows == null ? "full" : "incremental (on the state of " + base.day() + ")", r.iterations());
        Dataset<Row> out = SilverColumns.conform(r.identities().withColumn(SNAPSHOT_DATE, lit(day)), IDENTITIES_COLUMNS);
        long written = DeltaWriter.replaceAll(spark, out, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse(), IDENTITIES_COMMENT,
            SNAPSHOT_TAG + ctx.range().to());
        return new JobResult(id(), output(), ctx.range(), -1, written, 0, 0,
            List.of((baseRows == null ? "full" : "incremental") + " resolution, " + r.iterations() + " rounds"));
      } finally {
        obs.unpersist();
      }
    }

    /** The previous night's identities, materialised, without erased identifiers; null if unreadable. */
    private static Dataset<Row> readBase(JobContext ctx, Base base) {
      try {
        Dataset<Row> rows = ctx.spark().read().format("delta").option("versionAsOf", base.version())
            .load(GOLD_CUSTOMER_IDENTITIES.path(ctx.warehouse()));
        Set<String> erased = io.onecustomer.jobs.erasure.Erasure.erasedIdentifiers(ctx.spark(), ctx.warehouse());
        if (!erased.isEmpty()) {
          rows = rows.where(org.apache.spark.sql.functions.concat(col(ID_TYPE), lit(":"), col(ID_HASH))
              .isin(erased.toArray()).unary_$bang());
        }
        return rows.localCheckpoint();
      } catch (Exception e) { // SparkException (a missing file) is checked in Java's eyes
        LOG.warn("identity_resolution: cannot read the state of {} (version {}: {}); resolving everything",
            base.day(), base.version(), e.getMessage());
        return null;
      }
    }
  }

  /** The previous night's state an incremental run builds on: a version of gold.customer_identities. */
  record Base(long version, java.time.LocalDate day) {}

  /**
   * The version of gold.customer_identities written for the day before the run (the latest
   * version, or on a re-run the one before today's), or null when the run must rebuild everything:
   * mode full, a range of days, no state yet, or a gap since the last night.
   */
  static Base base(JobContext ctx) {
    var spark = ctx.spark();
    if (!ctx.config().identity().incremental() || ctx.range().length() != 1
        || !DeltaWriter.exists(spark, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse())) {
      return null;
    }
    java.time.LocalDate day = ctx.range().to();
    long v = DeltaWriter.latestTaggedVersionBefore(spark, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse(), SNAPSHOT_TAG + day);
    if (v < 0) {
      return null;
    }
    Row h = io.delta.tables.DeltaTable.forPath(spark, GOLD_CUSTOMER_IDENTITIES.path(ctx.warehouse())).history()
        .where(col("version").equalTo(v)).select("userMetadata").first();
    String expected = SNAPSHOT_TAG + day.minusDays(1);
    return expected.equals(h.getString(0)) ? new Base(v, day.minusDays(1)) : null;
  }

  /**
   * gold.customer_id_history: compares today's gold.customer_identities with the version written
   * for the latest earlier day (found by the commit's snapshot tag, Delta time travel), so a re-run
   * of a day finds the same changes.
   */
  static final class History implements Job {
    @Override
    public String id() {
      return IDENTITY_HISTORY;
    }

    @Override
    public io.onecustomer.common.TableId output() {
      return GOLD_CUSTOMER_ID_HISTORY;
    }

    @Override
    public List<String> dependsOn() {
      return List.of(IDENTITY_RESOLUTION);
    }

    @Override
    public JobResult run(JobContext ctx) {
      var spark = ctx.spark();
      String day = String.valueOf(ctx.range().to());
      long before = DeltaWriter.latestTaggedVersionBefore(spark, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse(),
          SNAPSHOT_TAG + day);
      Dataset<Row> current = DeltaWriter.read(spark, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse());
      Dataset<Row> changes;
      if (before < 0) {
        changes = IdentityTransforms.idChanges(current.limit(0), current);
      } else {
        Dataset<Row> previous;
        try {
          previous = spark.read().format("delta").option("versionAsOf", before)
              .load(GOLD_CUSTOMER_IDENTITIES.path(ctx.warehouse())).select(ID_TYPE, ID_HASH, CUSTOMER_ID)
              .localCheckpoint();
        } catch (Exception e) { // SparkException (a missing file) is checked in Java's eyes
          // VACUUM (an erasure with a short retention) removed that version's files.
          String why = "the version of " + GOLD_CUSTOMER_IDENTITIES + " before " + day + " (version " + before
              + ") is no longer readable (vacuumed?): no changes recorded for this run";
          LOG.warn("{}: {}", id(), why);
          DeltaWriter.replace(spark, SilverColumns.conform(IdentityTransforms.idChanges(current.limit(0), current)
                  .withColumn(RUN_DATE, lit(Date.valueOf(ctx.range().to()))), HISTORY_COLUMNS),
              GOLD_CUSTOMER_ID_HISTORY, ctx.warehouse(), RUN_DATE + " = DATE'" + day + "'", HISTORY_COMMENT, RUN_DATE);
          return new JobResult(id(), output(), ctx.range(), -1, 0, 0, 0, List.of(why));
        }
        changes = IdentityTransforms.idChanges(previous, current);
      }
      Dataset<Row> out = SilverColumns.conform(changes.withColumn(RUN_DATE, lit(Date.valueOf(ctx.range().to()))),
          HISTORY_COLUMNS);
      long written = DeltaWriter.replace(spark, out, GOLD_CUSTOMER_ID_HISTORY, ctx.warehouse(),
          RUN_DATE + " = DATE'" + day + "'", HISTORY_COMMENT, RUN_DATE);
      return new JobResult(id(), output(), ctx.range(), -1, written, 0, 0,
          before < 0 ? List.of("no earlier snapshot of " + GOLD_CUSTOMER_IDENTITIES + ": nothing to compare") : List.of());
    }
  }
}
