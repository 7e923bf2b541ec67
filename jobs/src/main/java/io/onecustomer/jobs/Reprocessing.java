package io.onecustomer.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.bronze.IngestAudit;
import io.onecustomer.jobs.silver.SilverColumns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which days a run recomputes besides its own: earlier days for late and corrected data
 * (ingest.reprocess-days), later days for a gold table by day when the run is not for the latest.
 *
 * <ul>
 *   <li>Bronze ingests again an earlier day of the window whose landing folder gained a file
 *       after the day was ingested (the audit records the run that did it, {@code
 *       ingest_run_date}).
 *   <li>A silver job ({@link Job.Reprocess#LATE_BATCHES}) then recomputes the batches its bronze inputs
 *       ingested again.
 *   <li>A gold job partitioned by an event or snapshot day ({@link Job.Reprocess#EVENT_DAYS}) recomputes
 *       the days that the run's silver rows fall on: an order line corrected today for an order
 *       placed last week, the orders of a late file. Only silver tables upstream of the job count,
 *       and no day before the window. It also recomputes every later day its silver event tables
 *       hold a batch for (a rerun, a backfill after later nights), whatever the window.
 * </ul>
 *
 * The {@link Runner} widens each job's range accordingly before it runs, so the same code that
 * backfills a range corrects it; without late or corrected data nothing changes. Part of the runner
 * layer: it reads the bronze audit and the silver tables to decide a job's range.
 */
public final class Reprocessing {
  private static final Logger LOG = LoggerFactory.getLogger(Reprocessing.class);

  private Reprocessing() {}

  /** The day column of each silver table whose rows carry an event day. */
  static final Map<TableId, String> EVENT_DAY = Map.of(
      Tables.SILVER_ORDERS, SilverColumns.Orders.ORDER_DATE,
      Tables.SILVER_TOUCHPOINTS, SilverColumns.Touchpoints.EVENT_DATE,
      Tables.SILVER_AD_SPEND, SilverColumns.AdSpend.SPEND_DATE,
      Tables.SILVER_SERVICE_TICKETS, SilverColumns.ServiceTickets.CREATED_DATE);

  /** Per run and set of bronze tables (all complete when a job that reads them starts). */
  private static final Map<String, List<LocalDate>> LATE = new ConcurrentHashMap<>();
  private static final Map<String, LocalDate> EARLIEST = new ConcurrentHashMap<>();
  private static final LocalDate NONE_FOUND = LocalDate.MAX;

  /**
   * The earliest day before the range, not before the window, that silver rows of the batches
   * {@code from..range.to()} fall on in {@code table}; null when none. Memoised per run (the
   * batches cannot change during a run once the table's job has finished, and a job asks only
   * about tables upstream of it).
   */
  static LocalDate earliestEventDay(SparkSession spark, String warehouse, String runId, DateRange range,
      int windowDays, LocalDate batchesFrom, TableId table) {
    String key = runId + "|" + warehouse + "|" + range + "|" + batchesFrom + "|" + table;
    LocalDate d = EARLIEST.computeIfAbsent(key, k -> {
      if (!DeltaWriter.exists(spark, table, warehouse)) {
        return NONE_FOUND;
      }
      String day = EVENT_DAY.get(table);
      Row r = DeltaWriter.read(spark, table, warehouse)
          .where(col(SilverColumns.RUN_DATE).between(Date.valueOf(batchesFrom), Date.valueOf(range.to())))
          .where(col(day).between(Date.valueOf(range.from().minusDays(windowDays)),
              Date.valueOf(range.from().minusDays(1))))
          .agg(min(col(day))).first();
      return r.isNullAt(0) ? NONE_FOUND : r.getDate(0).toLocalDate();
    });
    return d == NONE_FOUND ? null : d;
  }

  /**
   * The latest batch (run_date) of silver event table {@code table}; null when it has none.
   * Memoised per run like {@link #earliestEventDay}: a job asks only about tables upstream of it,
   * whose jobs have finished.
   */
  static LocalDate latestBatch(SparkSession spark, String warehouse, String runId, TableId table) {
    LocalDate d = LATEST.computeIfAbsent(runId + "|" + warehouse + "|" + table, k -> {
      if (!DeltaWriter.exists(spark, table, warehouse)) {
        return NONE_FOUND;
      }
      Row r = DeltaWriter.read(spark, table, warehouse).agg(max(col(SilverColumns.RUN_DATE))).first();
      return r.isNullAt(0) ? NONE_FOUND : r.getDate(0).toLocalDate();
    });
    return d == NONE_FOUND ? null : d;
  }

  private static final Map<String, LocalDate> LATEST = new ConcurrentHashMap<>();

  /**
   * The range {@code job} runs over: {@code ctx}'s, widened back to the earliest day its kind
   * recomputes for late or corrected data, and, for a gold table by day, forward to the latest
   * batch its silver event tables hold: a run for a day before the latest (a rerun, a backfill
   * after later nights, days run out of order) recomputes every later day too, whose trailing
   * windows (sales drops, distributor price norms, repurchase) include the day it changed. An
   * ordinary night is the latest day and widens nothing forward. {@code upstream} are the tables
   * the job reads, directly or through other jobs.
   */
  public static JobContext widen(Job job, Set<TableId> upstream, JobContext ctx) {
    Job.Reprocess kind = job.reprocessing();
    if (kind == Job.Reprocess.NONE) {
      return ctx;
    }
    DateRange range = ctx.range();
    LocalDate from = range.from();
    String why = null;
    int window = ctx.config().ingest().reprocessDays();
    if (window > 0) {
      List<TableId> bronze = upstream.stream().filter(t -> t.layer().equals(Tables.BRONZE)).toList();
      List<LocalDate> late = bronze.isEmpty() ? List.of()
          : LATE.computeIfAbsent(ctx.log().runId() + "|" + ctx.warehouse() + "|" + range + "|" + new java.util.TreeSet<>(
              bronze.stream().map(TableId::qualified).toList()),
              k -> IngestAudit.lateBatches(ctx.spark(), ctx.warehouse(), range, window, bronze));
      if (!late.isEmpty()) {
        from = late.get(0);
        why = "late files of " + late;
      }
      if (kind == Job.Reprocess.EVENT_DAYS) {
        for (TableId t : upstream) {
          if (EVENT_DAY.containsKey(t)) {
            LocalDate e = earliestEventDay(ctx.spark(), ctx.warehouse(), ctx.log().runId(), range, window, from, t);
            if (e != null && e.isBefore(from)) {
              from = e;
              why = "rows of " + t.qualified() + " for " + e + " (late or corrected)";
            }
          }
        }
      }
      if (from.isBefore(range.from())) {
        LOG.warn("{}: the run for {} also recomputes {}..{}: {} (ingest.reprocess-days = {})", job.id(), range, from,
            range.from().minusDays(1), why, window);
      }
    }
    LocalDate to = range.to();
    if (kind == Job.Reprocess.EVENT_DAYS) {
      for (TableId t : upstream) {
        LocalDate latest = EVENT_DAY.containsKey(t) ? latestBatch(ctx.spark(), ctx.warehouse(), ctx.log().runId(), t)
            : null;
        if (latest != null && latest.isAfter(to)) {
          to = latest;
        }
      }
      if (to.isAfter(range.to())) {
        LOG.warn("{}: the run for {} also recomputes the later days {}..{}, which silver holds: their trailing"
            + " windows include the run's days", job.id(), range, range.to().plusDays(1), to);
      }
    }
    if (!from.isBefore(range.from()) && !to.isAfter(range.to())) {
      return ctx;
    }
    return ctx.over(new DateRange(from, to));
  }
}
