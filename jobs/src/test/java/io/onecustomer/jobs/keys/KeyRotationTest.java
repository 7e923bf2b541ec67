package io.onecustomer.jobs.keys;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Faults;
import io.onecustomer.jobs.HashKeys;
import io.onecustomer.jobs.JobRegistry;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.privacy.ErasureLog;
import io.onecustomer.jobs.privacy.Hmac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRotationTest {
  static final String PHONE = "+8613812345678";
  static final String EMAIL = "li.wei@example.com";
  static final String ERASED = "+8613900000000";
  static final Date DAY = Date.valueOf("2026-05-03");

  static String hmac(String key, String msg) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(msg.getBytes(StandardCharsets.UTF_8)));
  }

  /** The three tables with keyed hashes, hashed with k1 as the nightly jobs and the erasure write them. */
  private void writeWarehouse(SparkSession spark, String wh) throws Exception {
    Timestamp ts = Timestamp.from(Instant.parse("2026-05-03T10:00:00Z"));
    Dataset<Row> identities = spark.createDataFrame(List.of(
        RowFactory.create("phone", hmac("k1", "phone:" + PHONE), "138****5678", "C1", ts, ts, new String[] {"orders"}, 2L, DAY),
        RowFactory.create("email", hmac("k1", "email:" + EMAIL), "l***@example.com", "C1", ts, ts, new String[] {"crm"}, 1L, DAY)),
        IdentitySpecs.CUSTOMER_IDENTITIES.schema());
    DeltaWriter.replaceAll(spark, identities, IdentitySpecs.CUSTOMER_IDENTITIES.id(), wh, null, "snapshot_date=2026-05-03");
    Dataset<Row> audit = spark.createDataFrame(List.of(
        RowFactory.create(DAY, "phone", hmac("k1", "phone:+8613800000000"), "138****0000", 40L, "shared_by_records", "r")),
        IdentitySpecs.IDENTITY_AUDIT.schema());
    DeltaWriter.replace(spark, audit, IdentitySpecs.IDENTITY_AUDIT.id(), wh, "snapshot_date = '2026-05-03'", null,
        "snapshot_date");
    Dataset<Row> erasures = spark.createDataFrame(List.of(RowFactory.create(ts, "identifier:phone", "C9",
        new String[] {"phone:" + hmac("k1", "phone:" + ERASED)}, new Row[0], new String[0], 3L, 168, false, "done")),
        ErasureLog.SPEC.schema());
    DeltaWriter.appendEvents(spark, erasures, ErasureLog.SPEC.id(), wh, null);
  }

  private static List<String> sorted(String... s) {
    return java.util.Arrays.stream(s).sorted().toList();
  }

  private static List<String> strings(Dataset<Row> d) {
    return d.collectAsList().stream().map(r -> r.isNullAt(0) ? null : String.valueOf(r.get(0))).sorted().toList();
  }

  @Test
  void anInterruptedRotationResumesAndEveryKeyedHashEndsHashedOnceWithTheNewKey(@TempDir Path dir) throws Exception {
    SparkSession spark = TestSpark.session();
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("warehouse"));
    String wh = cfg.paths().warehouse();
    writeWarehouse(spark, wh);
    HashKeys before = HashKeys.of("k1");
    KeyRotation.verify(spark, wh, before, "K", "R"); // nothing rotated yet: one key is right
    KeyRotation rotation = new KeyRotation(spark, wh, JobRegistry.standard().specs());
    byte[] k2 = "k2".getBytes(StandardCharsets.UTF_8);

    System.setProperty(Faults.PROPERTY, KeyRotation.FAULT_AFTER_FIRST_TABLE);
    try {
      assertThrows(Faults.InjectedFault.class, () -> rotation.rotate(before, k2, Instant.parse("2026-05-04T01:00:00Z")));
    } finally {
      System.clearProperty(Faults.PROPERTY);
    }
    var interrupted = assertThrows(ConfigException.class, () -> KeyRotation.verify(spark, wh, before, "K", "R"));
    assertEquals("key rotation 1 (to the key with fingerprint " + HashKeys.fingerprint(k2) + ") was interrupted; run"
        + " --job rotate-hash-key again with the same keys to finish it before anything else", interrupted.getMessage());

    KeyRotation.Report report = rotation.rotate(before, k2, Instant.parse("2026-05-04T01:05:00Z"));
    assertEquals(1, report.rotation());
    assertEquals(3, report.tables().size(), report.toString());
    assertEquals(1, report.tables().values().stream().filter(n -> n == -1).count(), "one table done before the fault: "
        + report);

    assertEquals(sorted(hmac("k2", hmac("k1", "email:" + EMAIL)), hmac("k2", hmac("k1", "phone:" + PHONE))),
        strings(DeltaWriter.read(spark, IdentitySpecs.CUSTOMER_IDENTITIES.id(), wh).select("id_hash")));
    assertEquals(List.of(hmac("k2", hmac("k1", "phone:+8613800000000"))),
        strings(DeltaWriter.read(spark, IdentitySpecs.IDENTITY_AUDIT.id(), wh).select("id_hash")));
    assertEquals(List.of("phone:" + hmac("k2", hmac("k1", "phone:" + ERASED))),
        strings(DeltaWriter.read(spark, ErasureLog.SPEC.id(), wh).selectExpr("explode(identifier_hashes)")));
    // The rewrite stands in for the snapshot it re-hashed: the incremental resolution finds it by its tag.
    assertEquals("snapshot_date=2026-05-03", DeltaTable.forPath(spark, IdentitySpecs.CUSTOMER_IDENTITIES.id().path(wh))
        .history(1).select("userMetadata").first().getString(0));
    assertEquals(List.of("2026-05-03"), strings(DeltaWriter.read(spark, IdentitySpecs.IDENTITY_AUDIT.id(), wh)
        .select("snapshot_date")));

    // The chain after the rotation is what every run must now be given.
    HashKeys after = before.then(k2);
    KeyRotation.verify(spark, wh, after, "K", "R");
    var onlyNew = assertThrows(ConfigException.class, () -> KeyRotation.verify(spark, wh, HashKeys.of("k2"), "K", "R"));
    assertTrue(onlyNew.getMessage().contains("R the earlier ones, oldest first"), onlyNew.getMessage());
    assertThrows(ConfigException.class, () -> KeyRotation.verify(spark, wh, before, "K", "R"));
    assertEquals(false, onlyNew.getMessage().contains("k1") || onlyNew.getMessage().contains("\"k2"), onlyNew.getMessage());

    // Hashing raw identifiers with the chain finds the rotated rows: the erased phone stays out of silver.
    Hmac chain = Hmac.of(spark, after);
    Dataset<Row> incoming = spark.createDataFrame(List.of(RowFactory.create(ERASED), RowFactory.create(PHONE)),
        new org.apache.spark.sql.types.StructType().add("phone", "string"));
    var erased = ErasureLog.erasedIdentifiers(spark, wh);
    assertEquals(List.of(PHONE), strings(ErasureLog.withoutErased(incoming, erased, chain, List.of("phone"))));
    assertEquals(1L, DeltaWriter.read(spark, IdentitySpecs.CUSTOMER_IDENTITIES.id(), wh)
        .where(col("id_hash").equalTo(chain.hash(org.apache.spark.sql.functions.lit("phone:" + PHONE)))).count());

    // A second rotation needs the whole chain; a key already in it is refused.
    assertThrows(ConfigException.class, () -> rotation.rotate(after, k2, Instant.parse("2026-05-05T01:00:00Z")));
    Map<String, Long> second = rotation.rotate(after, "k3".getBytes(StandardCharsets.UTF_8),
        Instant.parse("2026-05-05T01:00:00Z")).tables();
    assertEquals(Map.of("gold.customer_identities", 2L, "ops.identity_audit", 1L, "ops.erasure_log", 1L), second);
    assertEquals(sorted(hmac("k3", hmac("k2", hmac("k1", "email:" + EMAIL))),
        hmac("k3", hmac("k2", hmac("k1", "phone:" + PHONE)))),
        strings(DeltaWriter.read(spark, IdentitySpecs.CUSTOMER_IDENTITIES.id(), wh).select("id_hash")));
  }

  @Test
  void retiredKeysWithoutAnyRecordedRotationAreRefused(@TempDir Path dir) {
    SparkSession spark = TestSpark.session();
    var e = assertThrows(ConfigException.class, () -> KeyRotation.verify(spark, dir.toString(),
        HashKeys.of("k1", "k2"), "ONECUSTOMER_HASH_KEY", "ONECUSTOMER_HASH_KEY_RETIRED"));
    assertEquals("ONECUSTOMER_HASH_KEY_RETIRED holds 1 retired key(s), but no key rotation was ever recorded in"
        + " ops.hash_key_rotations of this warehouse; unset it", e.getMessage());
  }

  @Test
  void everyColumnDescribedAsAKeyedHashIsDeclaredSoARotationCannotMissIt() {
    for (var spec : JobRegistry.standard().specs()) {
      for (var c : spec.columns()) {
        boolean described = c.comment().contains("HMAC") || c.comment().toLowerCase().contains("keyed hash");
        assertEquals(described, spec.keyedHashes().contains(c.name()), spec.qualified() + "." + c.name());
      }
    }
  }
}
