package io.onecustomer.jobs.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.jobs.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class IdentityTransformsTest {
  static final SparkSession spark = TestSpark.session();
  static final StructType OBS = new StructType()
      .add("id_type", DataTypes.StringType).add("id_value", DataTypes.StringType)
      .add("is_valid", DataTypes.BooleanType).add("source_table", DataTypes.StringType)
      .add("record_key", DataTypes.StringType).add("first_seen_ts", DataTypes.TimestampType)
      .add("last_seen_ts", DataTypes.TimestampType).add("observations", DataTypes.LongType)
      .add("run_date", DataTypes.DateType);
  static final AppConfig.Identity CFG = TestSpark.config(Path.of("/tmp/l"), Path.of("/tmp/w")).identity();

  /** Observations: each record is "key=type:value,type:value". */
  static Dataset<Row> obs(String... records) {
    List<Row> rows = new ArrayList<>();
    Timestamp ts = Timestamp.valueOf("2026-05-01 10:00:00");
    for (String r : records) {
      String[] kv = r.split("=");
      for (String id : kv[1].split(",")) {
        String[] tv = id.split(":", 2);
        boolean valid = !tv[0].equals("phone") || tv[1].matches("^\\+861[0-9]{10}$");
        rows.add(RowFactory.create(tv[0], tv[1], valid, "silver.orders", kv[0], ts, ts, 1L, Date.valueOf("2026-05-01")));
      }
    }
    return spark.createDataFrame(rows, OBS);
  }

  static Map<String, String> reasons(Dataset<Row> obs) {
    Map<String, String> m = new TreeMap<>();
    IdentityTransforms.blocked(obs, IdentityTransforms.identifierStats(obs), CFG).collectAsList()
        .forEach(r -> m.put(r.getString(r.fieldIndex("id_type")) + ":" + r.getString(r.fieldIndex("id_value")),
            r.getString(r.fieldIndex("reason_code"))));
    return m;
  }

  @Test
  void placeholdersPatternsAndInvalidValuesAreBlockedWithTheirReason() {
    Map<String, String> r = reasons(obs(
        "r1=phone:+8613800000000,member_id:M1",
        "r2=email:test@test.com,member_id:M2",
        "r3=phone:+8613333333333,member_id:M3",
        "r4=phone:00000000000,member_id:M4",
        "r5=phone:+8613912345678,member_id:M5,phone_masked:139****5678"));
    assertEquals(Map.of(
        "phone:+8613800000000", "blocklisted_value",
        "email:test@test.com", "blocklisted_value",
        "phone:+8613333333333", "blocklisted_pattern",
        "phone:00000000000", "invalid_format"), r);
  }

  @Test
  void aPhoneSeenWithTwoMembersIsSharedButEachMemberStillResolves() {
    Map<String, String> r = reasons(obs(
        "a=phone:+8613912345678,member_id:M1,email:mum@example.com",
        "b=phone:+8613912345678,member_id:M2"));
    assertEquals(Map.of("phone:+8613912345678", "linked_to_many"), r);
  }

  @Test
  void anIdentifierOnTooManyRecordsIsShared() {
    List<String> recs = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      recs.add("r" + i + "=email:shop@example.com");
    }
    assertEquals(Map.of("email:shop@example.com", "shared_by_records"), reasons(obs(recs.toArray(new String[0]))));
  }

  private static Map<String, String> labels(Dataset<Row> edges, Dataset<Row> nodes) {
    Map<String, String> m = new TreeMap<>();
    IdentityTransforms.connectedComponents(nodes, edges, 40).labels().collectAsList()
        .forEach(r -> m.put(r.getString(0), r.getString(1)));
    return m;
  }

  @Test
  void connectedComponentsLabelEveryNodeWithItsComponentsSmallestNode() {
    List<Row> e = new ArrayList<>();
    // A long chain h-g-f-e-d-c-b-a plus a separate pair y-z and a lone node q.
    String[] chain = {"h", "g", "f", "e", "d", "c", "b", "a"};
    for (int i = 0; i + 1 < chain.length; i++) {
      e.add(RowFactory.create(chain[i], chain[i + 1]));
    }
    e.add(RowFactory.create("z", "y"));
    StructType es = new StructType().add("src", DataTypes.StringType).add("dst", DataTypes.StringType);
    List<Row> n = new ArrayList<>();
    for (String s : List.of("a", "b", "c", "d", "e", "f", "g", "h", "y", "z", "q")) {
      n.add(RowFactory.create(s));
    }
    Map<String, String> got = labels(spark.createDataFrame(e, es),
        spark.createDataFrame(n, new StructType().add("node", DataTypes.StringType)));
    Map<String, String> want = new TreeMap<>();
    for (String s : chain) {
      want.put(s, "a");
    }
    want.put("y", "y");
    want.put("z", "y");
    want.put("q", "q");
    assertEquals(want, got);
  }

  @Test
  void recordsBecomeStarEdgesOnAllowedIdentifiersOnly() {
    Dataset<Row> o = obs("r1=phone:+8613912345678,member_id:M1,email:x@example.com", "r2=email:test@test.com,member_id:M1");
    Dataset<Row> allowed = IdentityTransforms.identifierStats(o).where("NOT (id_type = 'email' AND id_value = 'test@test.com')");
    List<String> edges = new ArrayList<>();
    IdentityTransforms.edges(o, allowed).orderBy("src").collectAsList()
        .forEach(r -> edges.add(r.getString(0) + "->" + r.getString(1)));
    assertEquals(List.of("member_id:M1->email:x@example.com", "phone:+8613912345678->email:x@example.com"), edges);
  }

  static final StructType ASSIGNED = new StructType().add("id_type", DataTypes.StringType)
      .add("id_hash", DataTypes.StringType).add("first_seen_ts", DataTypes.TimestampType);

  /** Identifiers as "group=type:hash@day" (day of May 2026 first seen; group a label or a customer id). */
  static Dataset<Row> ids(String groupColumn, String... rows) {
    List<Row> out = new ArrayList<>();
    for (String r : rows) {
      String[] g = r.split("=");
      String[] th = g[1].split("[:@]");
      out.add(RowFactory.create(g[0], th[0], th[1], Timestamp.valueOf(String.format("2026-05-%02d 10:00:00",
          Integer.parseInt(th[2])))));
    }
    StructType schema = new StructType().add(groupColumn, DataTypes.StringType);
    for (var f : ASSIGNED.fields()) {
      schema = schema.add(f);
    }
    return spark.createDataFrame(out, schema);
  }

  static Dataset<Row> members(String... rows) {
    return ids("label", rows);
  }

  static Dataset<Row> previous(String... rows) {
    return ids("customer_id", rows);
  }

  static Map<String, String> assign(Dataset<Row> members, Dataset<Row> previous) {
    Map<String, String> m = new TreeMap<>();
    IdentityTransforms.assignCustomerIds(members, previous).collectAsList()
        .forEach(r -> m.put(r.getString(0), r.getString(1)));
    return m;
  }

  @Test
  void aComponentIsNamedAfterItsEarliestSeenIdentifierTiesByTypeThenHash() {
    Map<String, String> first = assign(members("L1=phone:ffff1111ffff1111ffff@3", "L1=member_id:bbbb2222bbbb2222@1",
        "L1=email:0000@5", "L2=phone:dddd3333dddd3333@2", "L2=member_id:eeee4444eeee4444@2",
        "L3=phone:9999@4", "L3=phone:8888888888888888aa@4"), null);
    assertEquals(Map.of("L1", "Cbbbb2222bbbb2222", "L2", "Ceeee4444eeee4444", "L3", "C8888888888888888"), first);
  }

  @Test
  void aNewIdentifierJoiningAKnownPersonKeepsTheirId() {
    Map<String, String> m = assign(members("L1=phone:h1@1", "L1=email:h2@2", "L1=member_id:h0new@9"),
        previous("C1=phone:h1@1", "C1=email:h2@2"));
    assertEquals("C1", m.get("L1"));
  }

  @Test
  void whenTwoCustomersMergeTheEarliestSeenSurvivesWhateverTheirSizes() {
    Map<String, String> m = assign(members("L=phone:h1@5", "L=email:h2@5", "L=card_no:h3@6", "L=member_id:h4@2"),
        previous("C9=phone:h1@5", "C9=email:h2@5", "C9=card_no:h3@6", "C1=member_id:h4@2"));
    assertEquals("C1", m.get("L"));
  }

  @Test
  void onASplitTheSideHoldingTheAnchorKeepsTheIdAndTheOtherIsNamedAfterItsOwn() {
    Map<String, String> m = assign(members("A=phone:h1@3", "A=email:h2@1", "B=member_id:h3zzzzzzzzzzzzzzzz@2"),
        previous("C5=phone:h1@3", "C5=email:h2@1", "C5=member_id:h3zzzzzzzzzzzzzzzz@2"));
    assertEquals(Map.of("A", "C5", "B", "Ch3zzzzzzzzzzzzzz"), m);
  }

  /**
   * Why the rule: the name of a component does not depend on the states it went through. Day 3 run
   * before day 1 (a backfill after later nights) names the customer after its day-3 identifier;
   * once day 1 is in, the customer is named as if the days had run in order, or rebuilt at once.
   */
  @Test
  void theNameDoesNotDependOnTheOrderTheDaysRanIn() {
    Map<String, String> day3First = assign(members("L=email:bbbb@3"), null);
    assertEquals("Cbbbb", day3First.get("L"));
    Dataset<Row> both = members("L=email:bbbb@3", "L=phone:aaaa@1");
    Map<String, String> thenDay1 = assign(both, previous("Cbbbb=email:bbbb@3"));
    Map<String, String> inOrder = assign(both, previous("Caaaa=phone:aaaa@1"));
    Map<String, String> atOnce = assign(both, null);
    assertEquals(Map.of("L", "Caaaa"), atOnce);
    assertEquals(atOnce, inOrder);
    assertEquals(atOnce, thenDay1);
  }

  /** After a key rotation every stored hash changes; the ids customers already have stay. */
  @Test
  void idsSurviveAKeyRotationThatChangesEveryHash() {
    Map<String, String> m = assign(members("L1=phone:new1@1", "L1=email:new2@4", "L2=phone:new3@2"),
        previous("Cold0000000000001=phone:new1@1", "Cold0000000000001=email:new2@4", "Cold0000000000002=phone:new3@2"));
    assertEquals(Map.of("L1", "Cold0000000000001", "L2", "Cold0000000000002"), m);
  }

  /**
   * A customer named under the earlier rule (its smallest hash, here h0's) keeps its id while its
   * anchor stays; when h0 leaves it in a split and anchors a component of its own, that component's
   * name would be the same id: it takes the next 16 digits of h0's hash instead.
   */
  @Test
  void aNameAlreadyCarriedByAnotherCustomerIsNotGivenTwice() {
    String h0 = "0000000000000000aaaaaaaaaaaaaaaa";
    Map<String, String> m = assign(members("A=member_id:h9@1", "A=phone:h5@3", "B=email:" + h0 + "@2"),
        previous("C0000000000000000=member_id:h9@1", "C0000000000000000=phone:h5@3", "C0000000000000000=email:" + h0 + "@2"));
    assertEquals(Map.of("A", "C0000000000000000", "B", "Caaaaaaaaaaaaaaaa"), m);
  }

  @Test
  void maskedFormsHideMostOfTheValue() {
    List<Row> rows = spark.sql("SELECT * FROM VALUES ('phone','+8613812345678'),('email','li.wei@example.com'),"
        + "('member_id','M00012345'),('device_id','d1') AS t(id_type, id_value)")
        .select(IdentityTransforms.masked(org.apache.spark.sql.functions.col("id_type"),
            org.apache.spark.sql.functions.col("id_value"))).collectAsList();
    List<String> got = new ArrayList<>();
    rows.forEach(r -> got.add(r.getString(0)));
    assertEquals(List.of("138****5678", "l***@example.com", "M0***45", "***"), got);
  }

  static Dataset<Row> assignment(String... typeHashId) {
    List<Row> rows = new ArrayList<>();
    for (String t : typeHashId) {
      String[] p = t.split(",");
      rows.add(RowFactory.create(p[0], p[1], p[2]));
    }
    return spark.createDataFrame(rows, new StructType().add("id_type", DataTypes.StringType)
        .add("id_hash", DataTypes.StringType).add("customer_id", DataTypes.StringType));
  }

  @Test
  void idChangesRecordMergesAndSplitsWithTheIdentifiersMoved() {
    Dataset<Row> before = assignment("phone,h1,C1", "email,h2,C1", "phone,h3,C2", "email,h4,C3", "phone,h5,C3", "phone,h6,C4");
    // C2 merged into C1; C3 split: h5 left for new C9; C4 untouched.
    Dataset<Row> after = assignment("phone,h1,C1", "email,h2,C1", "phone,h3,C1", "email,h4,C3", "phone,h5,C9", "phone,h6,C4");
    Map<String, String> got = new TreeMap<>();
    IdentityTransforms.idChanges(before, after).collectAsList().forEach(r -> got.put(
        r.getString(r.fieldIndex("old_customer_id")) + "->" + r.getString(r.fieldIndex("new_customer_id")),
        r.getString(r.fieldIndex("reason_code")) + "/" + r.getLong(r.fieldIndex("identifiers_moved"))));
    assertEquals(Map.of("C2->C1", "merge/1", "C3->C9", "split/1"), got);
  }
}
