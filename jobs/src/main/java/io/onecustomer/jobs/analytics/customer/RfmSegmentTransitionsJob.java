package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.analytics.customer.RfmTables.Segments;
import io.onecustomer.jobs.analytics.customer.RfmTables.Transitions;
import io.onecustomer.jobs.silver.SilverColumns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.rfm_segment_transitions: for each snapshot day of the run, customers of gold.rfm_segments
 * counted by their segment in the latest earlier snapshot and their segment now.
 */
public final class RfmSegmentTransitionsJob implements Job {
  public static final String ID = "gold_rfm_segment_transitions";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return RfmTables.GOLD_RFM_SEGMENT_TRANSITIONS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(RfmSegmentsJob.ID);
  }

  @Override
  public JobResult run(JobContext ctx) {
    DateRange range = ctx.range();
    List<LocalDate> runSnapshots = ctx.config().analytics().snapshotDates(range);
    Dataset<Row> segments = DeltaWriter.read(ctx.spark(), RfmTables.GOLD_RFM_SEGMENTS, ctx.warehouse());
    // The table's snapshot days up to the run's last one: one row per snapshot day (a few thousand
    // after years of nightly runs), read from the partition column only.
    List<LocalDate> existing = new ArrayList<>();
    for (Row r : segments.where(col(Segments.SNAPSHOT_DATE).leq(lit(Date.valueOf(range.to()))))
        .select(Segments.SNAPSHOT_DATE).distinct().collectAsList()) {
      existing.add(r.getDate(0).toLocalDate());
    }
    List<LocalDate> missing = runSnapshots.stream().filter(d -> !existing.contains(d)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("gold.rfm_segments has no snapshot for " + missing
          + ": run " + RfmSegmentsJob.ID + " for " + range + " first");
    }
    Map<LocalDate, LocalDate> previous = RfmTransforms.previousSnapshots(runSnapshots, existing);
    Set<Date> needed = new HashSet<>();
    previous.forEach((s, p) -> {
      needed.add(Date.valueOf(s));
      if (p != null) {
        needed.add(Date.valueOf(p));
      }
    });
    Dataset<Row> used = segments.where(col(Segments.SNAPSHOT_DATE).isin(needed.toArray()));
    Dataset<Row> out = RfmTransforms.transitions(used, RfmTransforms.snapshotPairs(ctx.spark(), previous));
    out = SilverColumns.conform(out, Transitions.COLUMNS);
    long written = DeltaWriter.replace(ctx.spark(), out, output(), ctx.warehouse(),
        range.sqlPredicate(Transitions.SNAPSHOT_DATE), Transitions.COMMENT, Transitions.SNAPSHOT_DATE);
    return new JobResult(id(), output(), range, -1, written, 0, 0, List.of());
  }
}
