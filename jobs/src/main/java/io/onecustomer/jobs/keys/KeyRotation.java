package io.onecustomer.jobs.keys;

import static io.onecustomer.common.spec.Types.INT;
import static io.onecustomer.common.spec.Types.STRING;
import static io.onecustomer.common.spec.Types.STRINGS;
import static io.onecustomer.common.spec.Types.TIMESTAMP;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.transform;

import io.onecustomer.common.Tables;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.TableWriter;
import io.onecustomer.common.spec.Types;
import io.onecustomer.jobs.Faults;
import io.onecustomer.jobs.HashKeys;
import io.onecustomer.jobs.privacy.Hmac;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * {@code --job rotate-hash-key}: moves every keyed hash in the warehouse (the columns table specs
 * declare with {@code keyedHashes}) to a new key, as {@code HMAC(k_new, stored)}; see
 * {@link HashKeys} for why a chain rather than a re-hash of raw values (the erasure log keeps no raw
 * value to re-hash).
 *
 * <p>Resumable: the rotation is logged as started before the first table is touched, each table's
 * rewrite is one Delta commit carrying a transaction id ({@code txnAppId}/{@code txnVersion}, the
 * rotation's number) that Delta records atomically with the data, so a rerun after a crash skips
 * the tables already done and never hashes a table twice; the finished row comes last. Until it
 * is written, every other command refuses to start ({@link #verify}).
 */
public final class KeyRotation {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);

  public static final String ROTATE = "rotate-hash-key";
  static final String TXN_APP_ID = "onecustomer-rotate-hash-key";
  public static final String FAULT_AFTER_FIRST_TABLE = "rotate_after_first_table";

  public static final String ROTATION = "rotation";
  public static final String EVENT = "event";
  public static final String AT = "at";
  public static final String FROM_FINGERPRINTS = "from_fingerprints";
  public static final String TO_FINGERPRINT = "to_fingerprint";
  public static final String TABLES = "tables";
  public static final String STARTED = "started";
  public static final String FINISHED = "finished";

  public static final TableSpec SPEC = TableSpec.table(Tables.OPS, "hash_key_rotations")
      .grain("One row per event of an identifier-hashing key rotation (started, finished): the key chain the stored"
          + " hashes moved from and the key added, by public fingerprints only, and the rows re-hashed per table."
          + " Append-only audit log.")
      .required(ROTATION, INT, "Rotation number, 1 for the first")
      .required(EVENT, STRING, "started (before the first table is touched) or finished (after the last)")
      .required(AT, TIMESTAMP, "When, UTC")
      .required(FROM_FINGERPRINTS, STRINGS, "Fingerprints of the key chain before the rotation, oldest first"
          + " (16 hex digits derived one-way from each key: never the keys)")
      .required(TO_FINGERPRINT, STRING, "Fingerprint of the key added as the chain's new outermost key")
      .required(TABLES, Types.TABLE_ROWS, "Tables re-hashed, with their rows (empty when started)")
      .check(Check.acceptedValues(EVENT, STARTED, FINISHED))
      .check(Check.range(ROTATION, 1.0, null))
      .append()
      .writtenBy(ROTATE)
      .build();

  /** The rotation log's last row, or null when no rotation was ever run. */
  record Last(int rotation, String event, List<String> from, String to) {
    List<String> chainAfter() {
      List<String> c = new ArrayList<>(from);
      c.add(to);
      return c;
    }
  }

  private final SparkSession spark;
  private final String warehouse;
  private final List<TableSpec> specs;

  /** {@code specs}: every table the suite writes; those with keyed hashes are rotated. */
  public KeyRotation(SparkSession spark, String warehouse, List<TableSpec> specs) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.specs = specs.stream().filter(s -> !s.keyedHashes().isEmpty()).toList();
  }

  static Last last(SparkSession spark, String warehouse) {
    if (!DeltaWriter.exists(spark, SPEC.id(), warehouse)) {
      return null;
    }
    List<Row> rows = DeltaWriter.read(spark, SPEC.id(), warehouse)
        .orderBy(col(ROTATION).desc(), col(EVENT).asc()) // "finished" < "started": a rotation's finished row wins
        .limit(1).collectAsList();
    if (rows.isEmpty()) {
      return null;
    }
    Row r = rows.get(0);
    return new Last(r.getInt(r.fieldIndex(ROTATION)), r.getString(r.fieldIndex(EVENT)),
        r.getList(r.fieldIndex(FROM_FINGERPRINTS)), r.getString(r.fieldIndex(TO_FINGERPRINT)));
  }

  /**
   * Checked when a run starts, before any write: the environment's key chain is the one the
   * warehouse's hashes were made with, and no rotation is half done. A mismatch would silently give
   * every identifier a new hash (and every customer a new id), so it is a configuration error.
   */
  public static void verify(SparkSession spark, String warehouse, HashKeys keys, String keyEnv, String retiredEnv) {
    Last last = last(spark, warehouse);
    List<String> actual = keys.fingerprints();
    if (last == null) {
      if (actual.size() > 1) {
        throw new ConfigException(retiredEnv + " holds " + (actual.size() - 1) + " retired key(s), but no key rotation"
            + " was ever recorded in " + SPEC.qualified() + " of this warehouse; unset it");
      }
      return;
    }
    if (last.event().equals(STARTED)) {
      throw new ConfigException("key rotation " + last.rotation() + " (to the key with fingerprint " + last.to()
          + ") was interrupted; run --job " + ROTATE + " again with the same keys to finish it before anything else");
    }
    if (!last.chainAfter().equals(actual)) {
      throw new ConfigException("the warehouse's identifier hashes were made with the key chain " + last.chainAfter()
          + " (fingerprints, oldest first; " + SPEC.qualified() + " rotation " + last.rotation() + "), but the"
          + " environment gives " + actual + ": " + keyEnv + " must hold the key with fingerprint " + last.to()
          + " and " + retiredEnv + " the earlier ones, oldest first");
    }
  }

  /** Outcome: rows re-hashed per table (tables a resumed run found done are listed with -1). */
  public record Report(int rotation, String toFingerprint, Map<String, Long> tables) {}

  /**
   * Re-hashes every keyed-hash column of every existing table to {@code current} then {@code
   * newKey}. Resumes an interrupted rotation to the same new key.
   */
  public Report rotate(HashKeys current, byte[] newKey, Instant now) {
    String to = HashKeys.fingerprint(newKey);
    Last last = last(spark, warehouse);
    int rotation;
    if (last != null && last.event().equals(STARTED)) {
      if (!last.to().equals(to) || !last.from().equals(current.fingerprints())) {
        throw new ConfigException("key rotation " + last.rotation() + " from " + last.from() + " to " + last.to()
            + " was interrupted; finish it with those keys (the environment gives " + current.fingerprints() + " to "
            + to + ")");
      }
      rotation = last.rotation();
      LOG.info("key rotation {}: resuming", rotation);
    } else {
      if (current.fingerprints().contains(to)) {
        throw new ConfigException("the new key (fingerprint " + to + ") is already in the key chain "
            + current.fingerprints());
      }
      if (last != null && !last.chainAfter().equals(current.fingerprints())) {
        throw new ConfigException("the environment's key chain " + current.fingerprints() + " is not the warehouse's "
            + last.chainAfter() + " (" + SPEC.qualified() + ")");
      }
      rotation = last == null ? 1 : last.rotation() + 1;
      log(rotation, STARTED, current.fingerprints(), to, Map.of(), now);
    }
    Hmac target = Hmac.of(spark, current.then(newKey));
    Map<String, Long> done = new LinkedHashMap<>();
    for (TableSpec spec : specs) {
      if (!DeltaWriter.exists(spark, spec.id(), warehouse)) {
        continue;
      }
      done.put(spec.qualified(), rehash(spec, target, rotation));
      if (done.size() == 1) {
        Faults.at(FAULT_AFTER_FIRST_TABLE);
      }
    }
    log(rotation, FINISHED, current.fingerprints(), to, done, now);
    return new Report(rotation, to, done);
  }

  /** Rows re-hashed, or -1 when this rotation's commit is already in the table (a resumed run). */
  private long rehash(TableSpec spec, Hmac target, int rotation) {
    String path = spec.id().path(warehouse);
    var snapshot = DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
    Option<Object> applied = snapshot.transactions().get(TXN_APP_ID);
    if (applied.isDefined() && ((Number) applied.get()).longValue() >= rotation) {
      LOG.info("key rotation {}: {} already re-hashed", rotation, spec.qualified());
      return -1;
    }
    Dataset<Row> table = spark.read().format("delta").option("versionAsOf", snapshot.version()).load(path);
    for (String c : spec.keyedHashes()) {
      table = table.withColumn(c, rehashed(table, c, target));
    }
    Dataset<Row> out = table.localCheckpoint();
    long rows = out.count();
    Row h = io.delta.tables.DeltaTable.forPath(spark, path).history(1).select("userMetadata").first();
    var writer = out.write().format("delta").mode(SaveMode.Overwrite)
        .option("txnAppId", TXN_APP_ID).option("txnVersion", rotation)
        .partitionBy(spec.partitionBy().toArray(new String[0]));
    if (!h.isNullAt(0)) {
      writer = writer.option("userMetadata", h.getString(0)); // the commit stands in for the version it re-hashes
    }
    writer.save(path);
    LOG.info("key rotation {}: {} re-hashed ({} rows)", rotation, spec.qualified(), rows);
    return rows;
  }

  /** A hex hash column re-hashed; an array of "type:hex" with each element's hash re-hashed. */
  static Column rehashed(Dataset<Row> table, String c, Hmac target) {
    if (table.schema().apply(c).dataType() instanceof org.apache.spark.sql.types.ArrayType) {
      return transform(col(c), x -> concat(substring_index(x, ":", 1), lit(":"),
          target.rehash(substring_index(x, ":", -1))));
    }
    return target.rehash(col(c));
  }

  private void log(int rotation, String event, List<String> from, String to, Map<String, Long> tables, Instant at) {
    TableWriter.publishEvent(spark, warehouse, SPEC, RowFactory.create(rotation, event, Timestamp.from(at),
        from.toArray(new String[0]), to, Types.tableRows(tables)), at);
  }
}
