package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Computes all the snapshots of a run in one pass: a row is copied once to every snapshot whose
 * window contains it (a backfill with month-end snapshots copies a purchase to the few snapshots
 * whose window it falls in), then the metrics group by snapshot_date. No driver-side loop.
 */
final class BehaviourSnapshots {
  private BehaviourSnapshots() {}

  static Column dateLiteral(LocalDate d) {
    return expr("DATE'" + d + "'");
  }

  /** The snapshot days as an array column of dates. */
  static Column snapshotArray(List<LocalDate> snapshots) {
    if (snapshots.isEmpty()) {
      throw new IllegalArgumentException("at least one snapshot day is needed");
    }
    return array(snapshots.stream().map(BehaviourSnapshots::dateLiteral).toArray(Column[]::new));
  }

  /**
   * {@code df} with a {@code snapshot_date} column: one copy of each row per snapshot S with
   * {@code dateCol} in [S - windowDays + 1, S] (windowDays days ending on S, S included).
   */
  static Dataset<Row> inWindows(Dataset<Row> df, String dateCol, List<LocalDate> snapshots, int windowDays) {
    LocalDate first = snapshots.stream().min(LocalDate::compareTo).orElseThrow().minusDays(windowDays - 1L);
    LocalDate last = snapshots.stream().max(LocalDate::compareTo).orElseThrow();
    return df.where(col(dateCol).between(dateLiteral(first), dateLiteral(last)))
        .withColumn(BehaviourTables.SNAPSHOT_DATE, explode(snapshotArray(snapshots)))
        .where(col(dateCol).leq(col(BehaviourTables.SNAPSHOT_DATE))
            .and(col(dateCol).gt(date_sub(col(BehaviourTables.SNAPSHOT_DATE), windowDays))));
  }

  /** {@code df} with a {@code snapshot_date} column: one copy of each row per snapshot on or after {@code dateCol}. */
  static Dataset<Row> upToSnapshots(Dataset<Row> df, String dateCol, List<LocalDate> snapshots) {
    return df.withColumn(BehaviourTables.SNAPSHOT_DATE, explode(snapshotArray(snapshots)))
        .where(col(dateCol).leq(col(BehaviourTables.SNAPSHOT_DATE)));
  }
}
