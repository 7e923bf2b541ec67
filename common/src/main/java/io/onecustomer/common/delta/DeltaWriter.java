package io.onecustomer.common.delta;

import io.delta.tables.DeltaTable;
import io.onecustomer.common.TableId;
import java.net.URI;
import java.util.ConcurrentModificationException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Idempotent Delta writes and catalog registration. Tables are written and read by path (so the
 * same code runs on s3a:// without a metastore); the catalog entry is a convenience for SQL users
 * and BI tools, refreshed after every write.
 */
public final class DeltaWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaWriter.class);

  private DeltaWriter() {}

  /**
   * Replaces exactly the rows matching {@code replaceWhere} (a predicate on partition columns)
   * with {@code data}, creating the table if needed. Jobs write through {@code TableWriter}, which
   * checks the data first and counts the rows from the data itself.
   */
  public static void replace(
      SparkSession spark,
      Dataset<Row> data,
      TableId table,
      String warehouse,
      String replaceWhere,
      String comment,
      String... partitionColumns) {
    String path = table.path(warehouse);
    for (int attempt = 1; ; attempt++) {
      boolean existed = DeltaTable.isDeltaTable(spark, path);
      try {
        data.write()
            .format("delta")
            .mode(SaveMode.Overwrite)
            .option("replaceWhere", replaceWhere)
            // A column a spec gained (always nullable, conformed by the spec) is added to a table
            // written before; nothing else can differ, since every write is conformed to its spec.
            .option("mergeSchema", "true")
            .partitionBy(partitionColumns)
            .save(path);
        afterWrite(spark, table, path, existed, comment);
        return;
      } catch (ConcurrentModificationException e) {
        // Jobs of one run that share a table (the ingest audit) write disjoint partitions; they can
        // only collide when both create the table at once. The loser tries again on the new table.
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        LOG.info("{}: concurrent write ({}), attempt {} of {}", table, e.getClass().getSimpleName(), attempt + 1,
            MAX_ATTEMPTS);
      }
    }
  }

  private static final int MAX_ATTEMPTS = 5;

  /** Replaces the whole table (small current-state tables). */
  public static void replaceAll(
      SparkSession spark, Dataset<Row> data, TableId table, String warehouse, String comment) {
    replaceAll(spark, data, table, warehouse, comment, null);
  }

  /**
   * Replaces the whole table and tags the commit with {@code userMetadata} (visible in {@code
   * DESCRIBE HISTORY}), so a later job can find the version written for a given day.
   */
  public static void replaceAll(
      SparkSession spark, Dataset<Row> data, TableId table, String warehouse, String comment,
      String userMetadata, String... partitionColumns) {
    String path = table.path(warehouse);
    boolean existed = DeltaTable.isDeltaTable(spark, path);
    var writer = data.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true")
        .partitionBy(partitionColumns);
    if (userMetadata != null) {
      writer = writer.option("userMetadata", userMetadata);
    }
    writer.save(path);
    afterWrite(spark, table, path, existed, comment);
  }

  /**
   * Appends {@code data}: only for event logs where every call is a new event (an erasure
   * request), never for anything a re-run should replace.
   */
  public static void appendEvents(SparkSession spark, Dataset<Row> data, TableId table, String warehouse,
      String comment) {
    String path = table.path(warehouse);
    boolean existed = DeltaTable.isDeltaTable(spark, path);
    data.write().format("delta").mode(SaveMode.Append).option("mergeSchema", "true").save(path);
    afterWrite(spark, table, path, existed, comment);
  }

  /**
   * The newest version of a table whose commit was tagged with a userMetadata string smaller than
   * {@code before} (tags are compared as strings, so ISO dates order correctly); -1 if none.
   */
  public static long latestTaggedVersionBefore(SparkSession spark, TableId table, String warehouse, String before) {
    String path = table.path(warehouse);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return -1;
    }
    Row r = DeltaTable.forPath(spark, path).history()
        .where(functions.col("userMetadata").lt(before))
        .agg(functions.max("version")).first();
    return r.isNullAt(0) ? -1 : r.getLong(0);
  }

  /**
   * The business day of the table's latest tagged commit (the first ISO date in its userMetadata,
   * e.g. "snapshot_date=2026-11-15"), or null when no commit is tagged or the table is absent.
   * Untagged commits after it (the table comment set right after the first write, or anyone's
   * maintenance) do not change the day the table is as of; looking at the latest commit alone made
   * a rerun of an earlier day right after a table's first write move it backwards (found by
   * PipelineIT's order-of-runs test).
   */
  public static java.time.LocalDate latestTaggedDay(SparkSession spark, TableId table, String warehouse) {
    String path = table.path(warehouse);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return null;
    }
    String day = "\\d{4}-\\d{2}-\\d{2}";
    List<Row> latest = DeltaTable.forPath(spark, path).history().where(functions.col("userMetadata").rlike(day))
        .orderBy(functions.col("version").desc()).select(functions.regexp_extract(functions.col("userMetadata"),
            "(" + day + ")", 1)).limit(1).collectAsList();
    return latest.isEmpty() ? null : java.time.LocalDate.parse(latest.get(0).getString(0));
  }

  /** Registers the table and (once) its comment. */
  private static void afterWrite(
      SparkSession spark, TableId table, String path, boolean existed, String comment) {
    catalogEntry(spark, table, path, existed, comment);
  }

  /** One thread at a time: jobs running side by side may register the same shared table. */
  private static synchronized void catalogEntry(
      SparkSession spark, TableId table, String path, boolean existed, String comment) {
    register(spark, table, path);
    if (!existed && comment != null) {
      spark.sql(
          "ALTER TABLE " + table.qualified() + " SET TBLPROPERTIES ('comment' = '"
              + comment.replace("'", "\\'") + "')");
    }
  }

  /** The table's current Delta version, or -1 when it does not exist yet. */
  public static long version(SparkSession spark, TableId table, String warehouse) {
    String path = table.path(warehouse);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return -1;
    }
    return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
  }

  /**
   * Puts a table back to {@code version} (a new commit whose content is that version's): undoes a
   * commit of a job that failed before its side tables were written. A table that did not exist
   * before ({@code version} -1) is emptied, keeping its schema.
   */
  public static void restore(SparkSession spark, TableId table, String warehouse, long version) {
    String path = table.path(warehouse);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return;
    }
    DeltaTable t = DeltaTable.forPath(spark, path);
    if (version < 0) {
      t.delete();
    } else if (version(spark, table, warehouse) != version) {
      t.restoreToVersion(version);
    }
    LOG.warn("{}: restored to version {} after a failed job", table, version);
  }

  /** Reads a table by path; fails with the table name when it has never been written. */
  public static Dataset<Row> read(SparkSession spark, TableId table, String warehouse) {
    String path = table.path(warehouse);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      throw new MissingTableException(table, path);
    }
    return spark.read().format("delta").load(path);
  }

  public static boolean exists(SparkSession spark, TableId table, String warehouse) {
    return DeltaTable.isDeltaTable(spark, table.path(warehouse));
  }

  /**
   * Makes {@code layer.name} point at {@code path} in the session catalog. An entry pointing
   * elsewhere (a warehouse that moved) is replaced; entries are external, so dropping one never
   * deletes data.
   */
  public static synchronized void register(SparkSession spark, TableId table, String path) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + table.layer());
    TableIdentifier ident = new TableIdentifier(table.name(), Option.apply(table.layer()));
    if (spark.sessionState().catalog().tableExists(ident)) {
      URI location;
      try {
        CatalogTable meta = spark.sessionState().catalog().getTableMetadata(ident);
        location = meta.location();
      } catch (Exception e) { // Scala's NoSuchTable/NoSuchDatabase are checked in Java's eyes
        throw new IllegalStateException("cannot read catalog entry of " + table, e);
      }
      if (samePath(location, path)) {
        return;
      }
      LOG.info("Re-pointing {} from {} to {}", table, location, path);
      spark.sql("DROP TABLE " + table.qualified());
    }
    spark.sql(
        "CREATE TABLE IF NOT EXISTS " + table.qualified() + " USING DELTA LOCATION '"
            + path.replace("'", "\\'") + "'");
  }

  private static boolean samePath(URI location, String path) {
    String a = location.toString().replaceFirst("^file:", "").replaceAll("/+$", "");
    String b = path.replaceFirst("^file:", "").replaceAll("/+$", "");
    return a.replaceAll("^/+", "/").equals(b.replaceAll("^/+", "/"));
  }

  /** A job needs a table that no job has written yet. */
  public static final class MissingTableException extends RuntimeException {
    public MissingTableException(TableId table, String path) {
      super(
          "table " + table + " does not exist at " + path
              + ": run the job that writes it first (for example the nightly run for an earlier"
              + " date, or a backfill)");
    }
  }
}
