package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.col;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.bronze.BronzeTransforms;
import io.onecustomer.jobs.bronze.SourceEntity;
import io.onecustomer.jobs.privacy.ErasureLog;
import io.onecustomer.jobs.privacy.Hmac;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A silver job: reads its inputs for the business days of the run, conforms them with pure
 * transforms ({@link #rows}), keeps erased people out, and replaces exactly those days (partition
 * {@code run_date}) of its one table through {@link TableJob}'s write-audit-publish.
 */
abstract class SilverJob extends TableJob {
  private static final Logger LOG = LoggerFactory.getLogger(SilverJob.class);

  SilverJob(TableSpec spec, List<TableSpec> inputs) {
    super(spec, inputs);
  }

  /** The rows of the run's business days, before the erasure filter; may add warnings. */
  protected abstract Dataset<Row> rows(JobContext ctx, List<String> warnings);

  /**
   * The table's rows without those that carry an identifier erased from the warehouse, so a person
   * erased stays out of silver when a channel's landing files are ingested again.
   */
  @Override
  protected final Dataset<Row> build(JobContext ctx, List<String> warnings) {
    Dataset<Row> rows = spec().conform(rows(ctx, warnings));
    var erased = ErasureLog.erasedIdentifiers(ctx.spark(), ctx.warehouse());
    if (!erased.isEmpty()) {
      rows = ErasureLog.withoutErased(rows, erased, Hmac.of(ctx.spark(), ctx.keys()), Identifiers.PERSONAL_TYPES);
    }
    return rows;
  }

  /** Batches its bronze inputs ingested again (late files) are recomputed. */
  @Override
  public io.onecustomer.jobs.Job.Reprocess reprocessing() {
    return io.onecustomer.jobs.Job.Reprocess.LATE_BATCHES;
  }

  /**
   * A silver table derived from other silver tables (identifiers, from orders, touchpoints and
   * members) also recomputes the earlier days of the reprocessing window whose rows from a moving
   * input ({@link #MOVING}) would now be different: a correction moves an order line to the batch
   * that brought it, so the batch it left changes in silver.orders, and so must its identifiers.
   * Without this, a correction run in order left the old batch's identifier rows behind, while the
   * same days run in another order did not (PipelineIT.everyTableUpToTheCustomerPictureEndsTheSameWhateverOrderTheDaysRunIn).
   */
  @Override
  public io.onecustomer.jobs.JobResult run(JobContext ctx) {
    return super.run(withChangedDays(ctx));
  }

  /** Silver tables whose rows can move to another batch (latest version wins, {@link #latestVersions}). */
  static final Set<TableId> MOVING = Set.of(Tables.SILVER_ORDERS, Tables.SILVER_AD_SPEND);

  private JobContext withChangedDays(JobContext ctx) {
    int window = ctx.config().ingest().reprocessDays();
    List<String> moving = inputs().stream().map(TableSpec::id).filter(MOVING::contains).map(TableId::qualified)
        .toList();
    if (window == 0 || moving.isEmpty() || !DeltaWriter.exists(ctx.spark(), spec().id(), ctx.warehouse())) {
      return ctx;
    }
    DateRange earlier = new DateRange(ctx.range().from().minusDays(window), ctx.range().from().minusDays(1));
    Dataset<Row> now = build(ctx.over(earlier), new ArrayList<>());
    Dataset<Row> held = DeltaWriter.read(ctx.spark(), spec().id(), ctx.warehouse())
        .where(earlier.sqlPredicate(SilverColumns.RUN_DATE)).select(java.util.Arrays.stream(now.columns())
            .map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    if (java.util.Arrays.asList(now.columns()).contains(SilverColumns.SOURCE_TABLE)) {
      // Only the rows that come from a moving input can differ (identifiers from orders, not from
      // touchpoints): the other inputs' branches are pruned from the comparison.
      now = now.where(col(SilverColumns.SOURCE_TABLE).isin(moving.toArray()));
      held = held.where(col(SilverColumns.SOURCE_TABLE).isin(moving.toArray()));
    }
    List<Row> changed = now.exceptAll(held).unionAll(held.exceptAll(now)).select(SilverColumns.RUN_DATE).distinct()
        .orderBy(SilverColumns.RUN_DATE).collectAsList();
    if (changed.isEmpty()) {
      return ctx;
    }
    LocalDate from = changed.get(0).getDate(0).toLocalDate();
    LOG.warn("{}: the run for {} also recomputes {}..{}: its inputs changed on {} (ingest.reprocess-days = {})", id(),
        ctx.range(), from, ctx.range().from().minusDays(1), changed.stream().map(r -> r.getDate(0).toString()).toList(),
        window);
    return ctx.over(new DateRange(from, ctx.range().to()));
  }

  private final ThreadLocal<List<LocalDate>> otherDays = ThreadLocal.withInitial(List::of);

  /**
   * The run's candidates with the latest version of each key winning against the versions silver
   * holds on other days ({@link Supersede}); the days that lost a row to a newer version are
   * rewritten in the same commit ({@link #replaceWhere}).
   */
  protected Dataset<Row> latestVersions(JobContext ctx, Dataset<Row> input, Column key) {
    // Read twice (the rows that lost to a newer version, then the output): persisted, so the
    // bronze scans and the mapping are planned and run once, not once per query.
    Dataset<Row> candidates = cache(input);
    Dataset<Row> stored = DeltaWriter.exists(ctx.spark(), spec().id(), ctx.warehouse())
        ? DeltaWriter.read(ctx.spark(), spec().id(), ctx.warehouse()) : null;
    List<String> content = java.util.Arrays.asList(spec().schema().fieldNames());
    Supersede.Result r = Supersede.latestByKey(candidates, stored, key, content, ctx.range());
    List<Row> lost = r.superseded().groupBy(col(SilverColumns.RUN_DATE)).count().orderBy(SilverColumns.RUN_DATE)
        .collectAsList();
    otherDays.set(lost.stream().map(x -> x.getDate(0).toLocalDate()).toList());
    if (lost.isEmpty()) {
      return r.rows();
    }
    LOG.info("{}: newer versions arrived in {} for {} row(s) held on {}; those days are rewritten without them", id(),
        ctx.range(), lost.stream().mapToLong(x -> x.getLong(1)).sum(), otherDays.get());
    return r.rows().unionByName(r.otherDays());
  }

  @Override
  protected String replaceWhere(JobContext ctx) {
    List<LocalDate> days = otherDays.get();
    if (days.isEmpty()) {
      return null;
    }
    return "(" + ctx.range().sqlPredicate(SilverColumns.RUN_DATE) + ") OR " + DateRange.sqlIn(SilverColumns.RUN_DATE, days);
  }

  /** A silver table's rows for the run's business days. */
  protected static Dataset<Row> inRange(JobContext ctx, TableSpec table) {
    return DeltaWriter.read(ctx.spark(), table.id(), ctx.warehouse())
        .where(ctx.range().sqlPredicate(SilverColumns.RUN_DATE));
  }

  /**
   * A bronze entity's accepted rows for the run's business days; an entity that never delivered
   * anything yields no rows and a warning instead of failing the whole silver table.
   */
  protected static Dataset<Row> bronzeInRange(JobContext ctx, SourceEntity entity, List<String> warnings) {
    if (!DeltaWriter.exists(ctx.spark(), entity.table(), ctx.warehouse())) {
      warnings.add(entity.table() + " does not exist yet (no data ever ingested); treated as empty");
      return ctx.spark().createDataFrame(new ArrayList<Row>(), BronzeTransforms.acceptedSchema(entity));
    }
    return DeltaWriter.read(ctx.spark(), entity.table(), ctx.warehouse())
        .where(ctx.range().sqlPredicate(SilverColumns.RUN_DATE));
  }

  /** Keys of column {@code key} already loaded by business days before the run (null if none). */
  protected Dataset<Row> earlierKeys(JobContext ctx, String key) {
    return earlierKeys(ctx, key, col(key));
  }

  /** Values of {@code value}, named {@code key}, already loaded by business days before the run (null if none). */
  protected Dataset<Row> earlierKeys(JobContext ctx, String key, Column value) {
    if (!DeltaWriter.exists(ctx.spark(), spec().id(), ctx.warehouse())) {
      return null;
    }
    return DeltaWriter.read(ctx.spark(), spec().id(), ctx.warehouse())
        .where(col(SilverColumns.RUN_DATE).lt(Date.valueOf(ctx.range().from())))
        .select(value.alias(key));
  }
}
