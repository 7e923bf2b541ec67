package io.onecustomer.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Where a crash test stops a process so that it can kill it (kill -9) at a known point. Inert unless
 * system property {@value #PROPERTY} names the point and {@value #MODE} is {@code pause}: the
 * process then writes the file named by {@value #MARKER} and blocks until it is killed.
 *
 * <p>Two kinds of point: a named step between commits ({@link #pauseIfAsked}), and the middle of a
 * table's write ({@link #midWrite}, point {@code write:<layer.table>}): the first write task to
 * produce a row blocks after it, with its data file open and other tasks' files written, before
 * Delta commits.
 */
public final class FaultPoints {
  public static final String PROPERTY = "onecustomer.fault";
  public static final String MODE = "onecustomer.fault.mode";
  public static final String MARKER = "onecustomer.fault.marker";

  private FaultPoints() {}

  /**
   * Set by the first write task that produces a row (tasks of a local-mode test share this JVM).
   * Not "the task of partition 0": with a few rows that partition can be empty, and then the point
   * was never reached (HostileInputIT's mid-write of gold.rfm_segments, 7 rows, once customer ids
   * were renamed).
   */
  private static final java.util.concurrent.atomic.AtomicBoolean PAUSED = new java.util.concurrent.atomic.AtomicBoolean();

  /** True when the process is asked to pause at {@code point}. */
  public static boolean pausesAt(String point) {
    return point.equals(System.getProperty(PROPERTY)) && "pause".equals(System.getProperty(MODE));
  }

  /** Blocks forever (after writing the marker) when asked to pause at {@code point}. */
  public static void pauseIfAsked(String point) {
    if (pausesAt(point)) {
      pause(point, System.getProperty(MARKER));
    }
  }

  /**
   * {@code data}, whose first partition blocks after its first row when asked to pause at {@code
   * write:<table>}; {@code data} itself otherwise.
   */
  public static Dataset<Row> midWrite(String table, Dataset<Row> data) {
    String point = "write:" + table;
    if (!pausesAt(point)) {
      return data;
    }
    String marker = System.getProperty(MARKER);
    return data.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        if (PAUSED.compareAndSet(false, true)) {
          pause(point, marker); // the task blocks here, mid-write, until the process is killed
        }
        return r;
      }
    }, Encoders.row(data.schema()));
  }

  private static void pause(String point, String marker) {
    try {
      if (marker != null) {
        Files.writeString(Path.of(marker), point, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // keep waiting: only the kill ends this
      }
    }
  }
}
