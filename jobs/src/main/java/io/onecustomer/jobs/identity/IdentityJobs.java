package io.onecustomer.jobs.identity;

import static io.onecustomer.jobs.identity.IdentityColumns.*;
import static io.onecustomer.common.spark.Cols.seq;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.onecustomer.common.DateRange;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.Faults;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.bronze.IngestAudit;
import io.onecustomer.jobs.privacy.ErasureLog;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity jobs. All three work on every identifier observation up to the run's last day and
 * write a snapshot as of that day: the guards' audit first, then the resolution that leaves the
 * audited identifiers out of the graph, then the history of the ids that changed. Their ids are
 * their tables' ({@code ops_identity_audit}, {@code gold_customer_identities}, {@code
 * gold_customer_id_history}), derived from {@link IdentitySpecs}.
 */
public final class IdentityJobs {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityJobs.class);

  private IdentityJobs() {}

  static final String SNAPSHOT_TAG = "snapshot_date=";

  public static List<Job> all() {
    return List.of(new Guards(), new Resolution(), new History());
  }

  static Dataset<Row> observationsUpTo(JobContext ctx) {
    return DeltaWriter.read(ctx.spark(), SilverSpecs.IDENTIFIERS.id(), ctx.warehouse())
        .where(col(SilverColumns.RUN_DATE).leq(Date.valueOf(ctx.range().to())));
  }

  static Column hashOf(Hmac hmac) {
    return hmac.hash(IdentityTransforms.node(col(ID_TYPE), col(ID_VALUE)));
  }

  /** The run's last day: the one day the snapshot jobs write. */
  static DateRange lastDay(JobContext ctx) {
    return DateRange.of(ctx.range().to());
  }

  /**
   * ops.identity_audit: identifiers kept out of the graph, with the guard that stopped each. Also
   * reads the previous night's state of gold.customer_identities ({@link #base}) to decide whether
   * it may re-evaluate only the touched identifiers; that table is not declared as an input, since
   * it is written after this job (a dependency would be a cycle).
   */
  static final class Guards extends TableJob {
    Guards() {
      super(IdentitySpecs.IDENTITY_AUDIT, List.of(SilverSpecs.IDENTIFIERS));
    }

    @Override
    protected DateRange days(JobContext ctx) {
      return lastDay(ctx);
    }

    @Override
    protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
      Hmac hmac = Hmac.of(ctx.spark(), ctx.keys());
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
        Dataset<Row> kept = DeltaWriter.read(ctx.spark(), output(), ctx.warehouse())
            .where(col(SNAPSHOT_DATE).equalTo(Date.valueOf(base.day())))
            .join(touched, seq(ID_TYPE, ID_HASH), "left_anti")
            .withColumn(SNAPSHOT_DATE, lit(day));
        audit = columnsOf(kept).unionByName(hashed(IdentityResolver.guardsTouched(obs, newObs, cfg), hmac, day));
      }
      LOG.info("{}: {} for {}", id(), base == null ? "all identifiers evaluated" : "identifiers touched since "
          + base.day() + " re-evaluated", ctx.range().to());
      return audit;
    }

    /**
     * Writes the run's day, then, when gold.customer_identities holds a later day (a rerun, a
     * backfill after later nights), that day's verdicts too, from the observations as they are now:
     * the resolution recomputes the identities as of that day (a current-state table never moves
     * backwards) and reads those verdicts, which the day's observations may have changed. Adds the
     * number of identifiers kept out of the graph to the result.
     */
    @Override
    public JobResult run(JobContext ctx) {
      JobResult r = super.run(ctx);
      LocalDate held = heldAfterRun(ctx, GOLD_CUSTOMER_IDENTITIES);
      List<String> warnings = new ArrayList<>(r.warnings());
      long rows = r.rowsWritten();
      long blocked = r.rowsWritten();
      DateRange range = r.range();
      if (held != null) {
        LOG.warn("{}: {} is as of {}; the run for {} also recomputes the verdicts of {}", id(),
            GOLD_CUSTOMER_IDENTITIES, held, ctx.range(), held);
        JobResult later = super.run(ctx.over(new DateRange(ctx.range().from(), held)));
        warnings.addAll(later.warnings());
        warnings.add("the verdicts of " + held + " (the day " + GOLD_CUSTOMER_IDENTITIES + " is as of) recomputed");
        rows += later.rowsWritten();
        blocked = later.rowsWritten();
        range = later.range();
      }
      if (blocked > 0) {
        warnings.add(blocked + " identifier(s) kept out of the graph, see " + output());
      }
      return JobResult.of(r.jobId(), r.table(), range, rows, r.rowsRejected(), warnings);
    }

    private Dataset<Row> hashed(Dataset<Row> blocked, Hmac hmac, Date day) {
      return columnsOf(blocked.select(lit(day).alias(SNAPSHOT_DATE), col(ID_TYPE),
          hashOf(hmac).alias(ID_HASH), IdentityTransforms.masked(col(ID_TYPE), col(ID_VALUE)).alias(ID_MASKED),
          col(RECORDS), col(REASON_CODE), col(REASON)));
    }

    /** The spec's columns, in order (the two halves of an incremental audit are unioned by name). */
    private Dataset<Row> columnsOf(Dataset<Row> rows) {
      return rows.select(spec().columnNames().stream().map(functions::col).toArray(Column[]::new));
    }
  }

  /**
   * gold.customer_identities: every linking identifier with its stable customer_id, replaced whole;
   * the commit is tagged {@code snapshot_date=<day>} for the next night's incremental run and for
   * the history. Reads the audit the guards wrote for the day.
   */
  /** Fault point: the resolution has run its rounds and not yet written (crash tests). */
  public static final String FAULT_MID_RESOLUTION = "identity_mid_resolution";

  static final class Resolution extends TableJob {
    Resolution() {
      super(IdentitySpecs.CUSTOMER_IDENTITIES, List.of(SilverSpecs.IDENTIFIERS, IdentitySpecs.IDENTITY_AUDIT));
    }

    @Override
    protected String commitTag(JobContext ctx) {
      return SNAPSHOT_TAG + ctx.range().to();
    }

    @Override
    protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
      var spark = ctx.spark();
      Hmac hmac = Hmac.of(ctx.spark(), ctx.keys());
      var cfg = ctx.config().identity();
      Date day = Date.valueOf(ctx.range().to());
      // Every step that reads the observations runs (local checkpoints, the rounds of connected
      // components) before this method returns; the rows it returns no longer read them.
      Dataset<Row> obs = observationsUpTo(ctx).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Dataset<Row> audit = DeltaWriter.read(spark, OPS_IDENTITY_AUDIT, ctx.warehouse());
        Dataset<Row> blocked = audit.where(col(SNAPSHOT_DATE).equalTo(day)).select(ID_TYPE, ID_HASH);
        Base base = base(ctx);
        Dataset<Row> baseRows = base == null ? null : readBase(ctx, base);
        IdentityResolver.Resolved r;
        if (baseRows == null) {
          Dataset<Row> previous = DeltaWriter.exists(spark, output(), ctx.warehouse())
              ? DeltaWriter.read(spark, output(), ctx.warehouse())
                  .select(ID_TYPE, ID_HASH, CUSTOMER_ID, FIRST_SEEN_TS).localCheckpoint()
              : null;
          r = IdentityResolver.full(obs, blocked, previous, hmac, cfg);
        } else {
          // Today's batches, and earlier ones ingested again tonight because files arrived late.
          List<LocalDate> late = IngestAudit.lateBatches(spark, ctx.warehouse(), ctx.range(),
              ctx.config().ingest().reprocessDays(), null);
          Column fresh = col(SilverColumns.RUN_DATE).gt(Date.valueOf(base.day()));
          if (!late.isEmpty()) {
            fresh = fresh.or(col(SilverColumns.RUN_DATE).isin(late.stream().map(Date::valueOf).toArray()));
            warnings.add("observations of " + late + " taken in again (late files)");
          }
          Dataset<Row> newObs = obs.where(fresh);
          Dataset<Row> newlyBlocked = blocked.join(audit.where(col(SNAPSHOT_DATE).equalTo(Date.valueOf(base.day())))
              .select(ID_TYPE, ID_HASH), seq(ID_TYPE, ID_HASH), "left_anti");
          r = IdentityResolver.incremental(obs, newObs, blocked, baseRows, newlyBlocked, hmac, cfg);
        }
        Faults.at(FAULT_MID_RESOLUTION);
        LOG.info("{}: {} resolution, connected components converged in {} rounds", id(),
            baseRows == null ? "full" : "incremental (on the state of " + base.day() + ")", r.iterations());
        warnings.add((baseRows == null ? "full" : "incremental") + " resolution, " + r.iterations() + " rounds");
        return r.identities().withColumn(SNAPSHOT_DATE, lit(day));
      } finally {
        obs.unpersist();
      }
    }

    /** The previous night's identities, materialised, without erased identifiers; null if unreadable. */
    private static Dataset<Row> readBase(JobContext ctx, Base base) {
      try {
        Dataset<Row> rows = ctx.spark().read().format("delta").option("versionAsOf", base.version())
            .load(GOLD_CUSTOMER_IDENTITIES.path(ctx.warehouse()));
        Set<String> erased = ErasureLog.erasedIdentifiers(ctx.spark(), ctx.warehouse());
        if (!erased.isEmpty()) {
          rows = rows.where(functions.concat(col(ID_TYPE), lit(":"), col(ID_HASH))
              .isin(erased.toArray()).unary_$bang());
        }
        return rows.localCheckpoint();
      } catch (Exception e) { // SparkException (a missing file) is checked in Java's eyes
        LOG.warn("{}: cannot read the state of {} (version {}: {}); resolving everything",
            IdentitySpecs.CUSTOMER_IDENTITIES.jobId(), base.day(), base.version(), e.getMessage());
        return null;
      }
    }
  }

  /** The previous night's state an incremental run builds on: a version of gold.customer_identities. */
  record Base(long version, LocalDate day) {}

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
    LocalDate day = ctx.range().to();
    long v = DeltaWriter.latestTaggedVersionBefore(spark, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse(), SNAPSHOT_TAG + day);
    if (v < 0) {
      return null;
    }
    Row h = DeltaTable.forPath(spark, GOLD_CUSTOMER_IDENTITIES.path(ctx.warehouse())).history()
        .where(col("version").equalTo(v)).select("userMetadata").first();
    String expected = SNAPSHOT_TAG + day.minusDays(1);
    return expected.equals(h.getString(0)) ? new Base(v, day.minusDays(1)) : null;
  }

  /**
   * gold.customer_id_history: compares today's gold.customer_identities with the version written
   * for the latest earlier day (found by the commit's snapshot tag, Delta time travel), so a re-run
   * of a day finds the same changes. Without an earlier version, or when it is no longer readable,
   * the day is written empty (replacing what a previous run of the day wrote) with a warning.
   */
  static final class History extends TableJob {
    History() {
      super(IdentitySpecs.CUSTOMER_ID_HISTORY, List.of(IdentitySpecs.CUSTOMER_IDENTITIES));
    }

    @Override
    protected DateRange days(JobContext ctx) {
      return lastDay(ctx);
    }

    /** Identity keeps its own state by day (late observations are taken in by the resolution). */
    @Override
    public io.onecustomer.jobs.Job.Reprocess reprocessing() {
      return io.onecustomer.jobs.Job.Reprocess.NONE;
    }

    @Override
    protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
      var spark = ctx.spark();
      String day = String.valueOf(ctx.range().to());
      long before = DeltaWriter.latestTaggedVersionBefore(spark, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse(),
          SNAPSHOT_TAG + day);
      Dataset<Row> current = DeltaWriter.read(spark, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse());
      Dataset<Row> previous;
      if (before < 0) {
        warnings.add("no earlier snapshot of " + GOLD_CUSTOMER_IDENTITIES + ": nothing to compare");
        previous = current.limit(0);
      } else {
        try {
          previous = spark.read().format("delta").option("versionAsOf", before)
              .load(GOLD_CUSTOMER_IDENTITIES.path(ctx.warehouse())).select(ID_TYPE, ID_HASH, CUSTOMER_ID)
              .localCheckpoint();
        } catch (Exception e) { // SparkException (a missing file) is checked in Java's eyes
          // VACUUM (an erasure with a short retention) removed that version's files.
          String why = "the version of " + GOLD_CUSTOMER_IDENTITIES + " before " + day + " (version " + before
              + ") is no longer readable (vacuumed?): no changes recorded for this run";
          warnings.add(why);
          previous = current.limit(0);
        }
      }
      return IdentityTransforms.idChanges(previous, current).withColumn(RUN_DATE, lit(Date.valueOf(ctx.range().to())));
    }
  }
}
