package io.onecustomer.jobs;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.TableWriter;
import io.onecustomer.common.spec.WriteMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one job template: read the inputs for the run's days and transform them ({@link #build}),
 * then write-audit-publish through {@link TableWriter} (conform to the spec, check, commit only when
 * no error-level check failed), and return the result logged on one line.
 */
public abstract class TableJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(TableJob.class);

  private final TableSpec spec;
  private final List<TableSpec> inputs;

  protected TableJob(TableSpec spec, List<TableSpec> inputs) {
    this.spec = spec;
    this.inputs = List.copyOf(inputs);
  }

  @Override
  public final TableSpec spec() {
    return spec;
  }

  @Override
  public final List<TableSpec> inputs() {
    return inputs;
  }

  /** The rows to write for the run; may add warnings. Reads inputs, calls pure transforms. */
  protected abstract Dataset<Row> build(JobContext ctx, List<String> warnings);

  /** The days the write replaces (a snapshot job writes the run's last day only). */
  protected DateRange days(JobContext ctx) {
    return ctx.range();
  }

  /**
   * The predicate of the rows the write replaces, when it is more than {@link #days} (a silver job
   * whose new versions removed rows from other days); null for the days' predicate. Called after
   * {@link #build}.
   */
  protected String replaceWhere(JobContext ctx) {
    return null;
  }

  /**
   * A gold table by day recomputes the earlier event days that late or corrected rows of the run
   * fall on (the runner widens its range, see Reprocessing); jobs that write only the last day, or
   * keep state of their own, say {@link Reprocess#NONE}.
   */
  @Override
  public Reprocess reprocessing() {
    return spec.id().layer().equals(io.onecustomer.common.Tables.GOLD) && spec.mode() == WriteMode.REPLACE_DAYS
        ? Reprocess.EVENT_DAYS : Reprocess.NONE;
  }

  /**
   * The snapshot days of a snapshot table for the run: the configured rule over the days asked for
   * (analytics.backfill-snapshots), plus, over the days the runner added to them (earlier days for
   * late or corrected data, later days for a run that is not for the latest, see Reprocessing),
   * exactly the snapshots the table already holds there (recomputing never turns daily snapshots
   * into month-ends, nor adds any).
   */
  protected List<LocalDate> snapshotDays(JobContext ctx) {
    DateRange asked = ctx.requested();
    java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>(ctx.config().analytics().snapshotDates(asked));
    List<DateRange> added = new ArrayList<>();
    if (ctx.range().from().isBefore(asked.from())) {
      added.add(new DateRange(ctx.range().from(), asked.from().minusDays(1)));
    }
    if (ctx.range().to().isAfter(asked.to())) {
      added.add(new DateRange(asked.to().plusDays(1), ctx.range().to()));
    }
    if (!added.isEmpty() && DeltaWriter.exists(ctx.spark(), spec.id(), ctx.warehouse())) {
      String held = String.join(" OR ", added.stream().map(r -> "(" + r.sqlPredicate(spec.dayColumn()) + ")").toList());
      DeltaWriter.read(ctx.spark(), spec.id(), ctx.warehouse()).where(held)
          .select(spec.dayColumn()).distinct().collectAsList().forEach(r -> days.add(r.getDate(0).toLocalDate()));
    }
    return List.copyOf(days);
  }

  /** A tag for the commit (found again in DESCRIBE HISTORY), or null. */
  protected String commitTag(JobContext ctx) {
    return null;
  }

  /** Values for the spec's observed checks, measured while building (default none). */
  protected Map<String, Double> observations() {
    return Map.of();
  }

  /**
   * {@code df} persisted (memory, then disk) until this run's write has committed or failed: for
   * an input the build reads more than once. The build returns a lazy plan that the write
   * evaluates, so what it caches must outlive the build.
   */
  protected Dataset<Row> cache(Dataset<Row> df) {
    Dataset<Row> p = df.persist(StorageLevel.MEMORY_AND_DISK());
    cached.get().add(p);
    return p;
  }

  private final ThreadLocal<List<Dataset<Row>>> cached = ThreadLocal.withInitial(ArrayList::new);

  /**
   * A table replaced whole holds the state as of one day (its commit tag names it). A run for an
   * earlier day (a rerun, a backfill) recomputes the table as of that later day rather than moving
   * it backwards: the run's range is extended to it. Day-partitioned tables are unaffected.
   */
  JobContext forward(JobContext ctx) {
    if (spec.mode() != WriteMode.REPLACE_ALL) {
      return ctx;
    }
    LocalDate held = heldAfterRun(ctx, spec.id());
    if (held == null) {
      return ctx;
    }
    LOG.warn("{}: {} holds the state as of {}; the run for {} recomputes it as of {} (a current-state table never"
        + " moves backwards)", id(), spec.id(), held, ctx.range(), held);
    return ctx.over(new DateRange(ctx.range().from(), held));
  }

  /**
   * The day current-state {@code table} is as of (its latest tagged commit), when that is later
   * than the run's last day (a rerun, a backfill after later nights); null otherwise.
   */
  protected static LocalDate heldAfterRun(JobContext ctx, io.onecustomer.common.TableId table) {
    LocalDate held = DeltaWriter.latestTaggedDay(ctx.spark(), table, ctx.warehouse());
    return held != null && held.isAfter(ctx.range().to()) ? held : null;
  }

  @Override
  public JobResult run(JobContext requested) {
    JobContext ctx = forward(requested);
    try {
      List<String> warnings = new ArrayList<>();
      Dataset<Row> rows = build(ctx, warnings);
      warnings.forEach(w -> LOG.warn("{}: {}", id(), w));
      TableWriter.Written w = TableWriter.publish(ctx.publish(id()), spec, rows, days(ctx), replaceWhere(ctx), observations(),
          commitTag(ctx));
      warnings.addAll(w.warnings());
      return JobResult.of(id(), output(), ctx.range(), w.rows(), 0, warnings);
    } finally {
      cached.get().forEach(Dataset::unpersist);
      cached.remove();
    }
  }
}
