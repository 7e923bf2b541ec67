package io.onecustomer.jobs.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.onecustomer.jobs.HashKeys;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.privacy.Hmac;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** Incremental nights against full rebuilds from the same previous state, on hand-made graphs. */
class IdentityResolverTest {
  static final Hmac HMAC = Hmac.of(TestSpark.session(), HashKeys.of("k"));

  static Dataset<Row> day(String date, String... records) {
    return IdentityTransformsTest.obs(records).withColumn("run_date", lit(Date.valueOf(date))).localCheckpoint();
  }

  static Dataset<Row> audit(Dataset<Row> obs) {
    return IdentityResolver.guardsFull(obs, IdentityTransformsTest.CFG)
        .withColumn("id_hash", HMAC.hash(functions.concat(col("id_type"), lit(":"), col("id_value"))));
  }

  /** "type:value" -> customer_id. */
  static Map<String, String> ids(Dataset<Row> identities, Dataset<Row> obs) {
    Dataset<Row> names = obs.select("id_type", "id_value").distinct()
        .withColumn("id_hash", HMAC.hash(functions.concat(col("id_type"), lit(":"), col("id_value"))));
    Map<String, String> m = new TreeMap<>();
    identities.join(names, io.onecustomer.common.spark.Cols.seq("id_type", "id_hash")).collectAsList()
        .forEach(r -> m.put(r.getAs("id_type") + ":" + r.getAs("id_value"), r.getAs("customer_id")));
    return m;
  }

  /** Runs night 1 in full, then night 2 both ways; asserts they agree and returns night 2. */
  static Map<String, String> bothWays(Dataset<Row> night1, Dataset<Row> night2) {
    var cfg = IdentityTransformsTest.CFG;
    Dataset<Row> audit1 = audit(night1).localCheckpoint();
    Dataset<Row> base = IdentityResolver.full(night1, audit1, null, HMAC, cfg).identities().localCheckpoint();
    Dataset<Row> all = night1.unionByName(night2).localCheckpoint();
    Dataset<Row> audit2 = audit(all).localCheckpoint();
    // Guards: touched identifiers re-evaluated + yesterday's others = the full verdicts.
    Dataset<Row> touchedBlocked = IdentityResolver.guardsTouched(all, night2, cfg)
        .withColumn("id_hash", HMAC.hash(functions.concat(col("id_type"), lit(":"), col("id_value"))));
    Dataset<Row> touchedHashes = night2.select("id_type", "id_value").distinct()
        .withColumn("id_hash", HMAC.hash(functions.concat(col("id_type"), lit(":"), col("id_value"))));
    Dataset<Row> incrementalAudit = audit1.join(touchedHashes, io.onecustomer.common.spark.Cols.seq("id_type", "id_hash"),
        "left_anti").select("id_type", "id_hash", "reason_code").union(touchedBlocked.select("id_type", "id_hash", "reason_code"));
    assertEquals(new java.util.TreeSet<>(audit2.select("id_type", "id_hash", "reason_code").collectAsList().stream()
            .map(Row::toString).toList()),
        new java.util.TreeSet<>(incrementalAudit.collectAsList().stream().map(Row::toString).toList()));
    Dataset<Row> blocked = audit2.select("id_type", "id_hash");
    Dataset<Row> newlyBlocked = blocked.join(audit1.select("id_type", "id_hash"),
        io.onecustomer.common.spark.Cols.seq("id_type", "id_hash"), "left_anti");
    Dataset<Row> full = IdentityResolver.full(all, blocked, base.select("id_type", "id_hash", "customer_id", "first_seen_ts"), HMAC, cfg).identities();
    Dataset<Row> inc = IdentityResolver.incremental(all, night2, blocked, base, newlyBlocked, HMAC, cfg).identities();
    Map<String, String> expected = ids(full, all);
    assertEquals(expected, ids(inc, all));
    assertEquals(full.count(), inc.count(), "no identifier twice");
    return expected;
  }

  @Test
  void aRecordLinkingTwoKnownCustomersMergesThemLikeAFullRebuild() {
    Dataset<Row> n1 = day("2026-05-01",
        "r1=phone:+8613900000001,member_id:M1", "r2=email:b@x.com,member_id:M2,device_id:D2",
        "r3=member_id:M3,email:c@x.com");
    Dataset<Row> n2 = day("2026-05-02", "r4=phone:+8613900000001,email:b@x.com", "r5=member_id:M9,device_id:D9");
    Map<String, String> m = bothWays(n1, n2);
    assertEquals(m.get("member_id:M1"), m.get("member_id:M2"), "merged through r4");
    assertEquals(m.get("member_id:M2"), m.get("device_id:D2"));
    assertNotEquals(m.get("member_id:M1"), m.get("member_id:M3"), "an untouched customer stays apart");
    assertEquals(m.get("member_id:M9"), m.get("device_id:D9"), "a new person");
  }

  @Test
  void aPhoneNewlySeenWithASecondMemberIsBlockedAndItsCustomerSplitsLikeAFullRebuild() {
    Dataset<Row> n1 = day("2026-05-01", "r1=phone:+8613900000001,member_id:M1,email:a@x.com",
        "r2=phone:+8613900000001,device_id:D1", "r3=member_id:M5,email:e@x.com");
    Dataset<Row> n2 = day("2026-05-02", "r4=phone:+8613900000001,member_id:M2");
    Map<String, String> m = bothWays(n1, n2);
    assertEquals(null, m.get("phone:+8613900000001"), "now a shared phone: not in the graph");
    assertNotEquals(m.get("member_id:M1"), m.get("device_id:D1"), "the device was linked only through the phone");
    assertEquals(m.get("member_id:M1"), m.get("email:a@x.com"));
  }
}
