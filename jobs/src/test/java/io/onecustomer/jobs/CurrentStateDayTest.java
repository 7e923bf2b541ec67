package io.onecustomer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The day a current-state table is as of (what keeps a rerun of an earlier day from moving it
 * backwards) is its latest tagged commit's, whatever untagged commits follow.
 */
class CurrentStateDayTest {
  static final SparkSession spark = TestSpark.session();
  static final TableId TABLE = new TableId("gold", "current_state_day_test");

  @TempDir Path warehouse;

  @Test
  void theDayIsTheLatestTaggedCommitsEvenRightAfterTheFirstWriteSetTheComment() {
    String w = warehouse.toString();
    assertNull(DeltaWriter.latestTaggedDay(spark, TABLE, w), "no table yet");
    // The first write also sets the table's comment: a second, untagged commit.
    DeltaWriter.replaceAll(spark, spark.range(3).toDF(), TABLE, w, "A test table.", "snapshot_date=2026-05-23");
    assertEquals(2, DeltaWriter.version(spark, TABLE, w) + 1, "the write and the comment: two commits");
    assertEquals(LocalDate.of(2026, 5, 23), DeltaWriter.latestTaggedDay(spark, TABLE, w));
    DeltaWriter.replaceAll(spark, spark.range(4).toDF(), TABLE, w, "A test table.", "snapshot_date=2026-05-24");
    spark.sql("DELETE FROM delta.`" + TABLE.path(w) + "` WHERE id = 0");
    assertEquals(LocalDate.of(2026, 5, 24), DeltaWriter.latestTaggedDay(spark, TABLE, w), "after an untagged delete");
  }
}
