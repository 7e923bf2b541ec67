package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.analytics.customer.RfmTables.Segments;
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
public final class RfmSegmentTransitionsJob extends TableJob {
  public RfmSegmentTransitionsJob() {
    super(CustomerAnalyticsSpecs.RFM_SEGMENT_TRANSITIONS, List.of(CustomerAnalyticsSpecs.RFM_SEGMENTS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    DateRange range = ctx.range();
    List<LocalDate> runSnapshots = snapshotDays(ctx);
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
          + ": run " + CustomerAnalyticsSpecs.RFM_SEGMENTS.jobId() + " for " + range + " first");
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
    return RfmTransforms.transitions(used, RfmTransforms.snapshotPairs(ctx.spark(), previous));
  }
}
