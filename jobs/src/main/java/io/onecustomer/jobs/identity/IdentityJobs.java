package io.onecustomer.jobs.identity;

import static io.onecustomer.jobs.identity.IdentityColumns.*;
import static io.onecustomer.jobs.identity.IdentityTransforms.LABEL;
import static io.onecustomer.jobs.identity.IdentityTransforms.NODE;
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
      Dataset<Row> obs = observationsUpTo(ctx);
      Dataset<Row> stats = IdentityTransforms.identifierStats(obs);
      Dataset<Row> audit = IdentityTransforms.blocked(obs, stats, ctx.config().identity())
          .select(lit(Date.valueOf(ctx.range().to())).alias(SNAPSHOT_DATE), col(ID_TYPE),
              hashOf(hmac).alias(ID_HASH), IdentityTransforms.masked(col(ID_TYPE), col(ID_VALUE)).alias(ID_MASKED),
              col(RECORDS), col(REASON_CODE), col(REASON));
      audit = SilverColumns.conform(audit, AUDIT_COLUMNS);
      long written = DeltaWriter.replace(ctx.spark(), audit, OPS_IDENTITY_AUDIT, ctx.warehouse(),
          SNAPSHOT_DATE + " = DATE'" + ctx.range().to() + "'", AUDIT_COMMENT, SNAPSHOT_DATE);
      return new JobResult(id(), output(), ctx.range(), -1, written, 0, 0,
          written == 0 ? List.of() : List.of(written + " identifier(s) kept out of the graph, see " + OPS_IDENTITY_AUDIT));
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
      Dataset<Row> obs = observationsUpTo(ctx).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Dataset<Row> blocked = DeltaWriter.read(spark, OPS_IDENTITY_AUDIT, ctx.warehouse())
            .where(col(SNAPSHOT_DATE).equalTo(Date.valueOf(ctx.range().to()))).select(ID_TYPE, ID_HASH);
        Dataset<Row> allowed = IdentityTransforms.identifierStats(obs)
            .where(col(ID_TYPE).isin(cfg.weakTypes().toArray()).unary_$bang())
            .withColumn(ID_HASH, hashOf(hmac))
            .join(blocked, seq(ID_TYPE, ID_HASH), "left_anti")
            .withColumn(NODE, IdentityTransforms.node(col(ID_TYPE), col(ID_VALUE)))
            .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> edges = IdentityTransforms.edges(obs, allowed);
        IdentityTransforms.Components cc =
            IdentityTransforms.connectedComponents(allowed.select(NODE), edges, cfg.maxIterations());
        LOG.info("{}: connected components converged in {} rounds", id(), cc.iterations());
        Dataset<Row> members = allowed.join(cc.labels(), NODE);
        Dataset<Row> previous = DeltaWriter.exists(spark, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse())
            ? DeltaWriter.read(spark, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse()).select(ID_HASH, CUSTOMER_ID)
                .localCheckpoint()
            : null;
        Dataset<Row> ids = IdentityTransforms.assignCustomerIds(members.select(LABEL, ID_HASH), previous, hmac);
        Dataset<Row> out = members.join(ids, LABEL)
            .select(col(ID_TYPE), col(ID_HASH), IdentityTransforms.masked(col(ID_TYPE), col(ID_VALUE)).alias(ID_MASKED),
                col(CUSTOMER_ID), col(FIRST_SEEN_TS), col(LAST_SEEN_TS), col(SOURCES), col(RECORDS),
                lit(Date.valueOf(ctx.range().to())).alias(SNAPSHOT_DATE));
        out = SilverColumns.conform(out, IDENTITIES_COLUMNS);
        long written = DeltaWriter.replaceAll(spark, out, GOLD_CUSTOMER_IDENTITIES, ctx.warehouse(), IDENTITIES_COMMENT,
            SNAPSHOT_TAG + ctx.range().to());
        allowed.unpersist();
        return new JobResult(id(), output(), ctx.range(), -1, written, 0, 0, List.of());
      } finally {
        obs.unpersist();
      }
    }
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
        Dataset<Row> previous = spark.read().format("delta").option("versionAsOf", before)
            .load(GOLD_CUSTOMER_IDENTITIES.path(ctx.warehouse()));
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
