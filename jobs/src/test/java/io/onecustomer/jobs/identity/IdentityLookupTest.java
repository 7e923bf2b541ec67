package io.onecustomer.jobs.identity;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onecustomer.jobs.HashKeys;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.privacy.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

class IdentityLookupTest {
  static final SparkSession spark = TestSpark.session();
  static final Hmac HMAC = Hmac.of(TestSpark.session(), HashKeys.of("k"));

  @org.junit.jupiter.params.ParameterizedTest(name = "broadcast limit {0}")
  @org.junit.jupiter.params.provider.ValueSource(longs = {0, IdentityLookup.BROADCAST_LIMIT})
  void rowsResolveByTheirStrongestKnownIdentifierAndUnknownRowsKeepANullId(long broadcastLimit) {
    Dataset<Row> identities = spark.sql("SELECT * FROM VALUES"
            + " ('member_id', 'M1', 'C1'), ('phone', '+8613912345678', 'C2'), ('email', 'a@x.com', 'C2')"
            + " AS t(id_type, id_value, customer_id)")
        .withColumn("id_hash", HMAC.hash(IdentityTransforms.node(col("id_type"), col("id_value"))))
        .drop("id_value");
    Dataset<Row> tickets = spark.sql("SELECT * FROM VALUES"
        + " ('K1', 'M1', '+8613912345678', NULL),"      // member id outranks the phone
        + " ('K2', NULL, '+8613912345678', 'a@x.com'),"
        + " ('K3', 'M404', NULL, 'a@x.com'),"           // unknown member id: falls through to the email
        + " ('K4', NULL, '+8613800000000', NULL),"      // blocked or unknown: no customer
        + " ('K5', NULL, NULL, NULL)"
        + " AS t(ticket_id, member_id, phone, email)");
    // 0: the sort-merge path; the default: identities this small are broadcast. Same rows either way.
    Dataset<Row> out = IdentityLookup.withCustomerId(tickets, "ticket_id", identities, HMAC,
        List.of("member_id", "phone", "email"), broadcastLimit);
    Map<String, String> m = new HashMap<>();
    out.collectAsList().forEach(r -> m.put(r.getString(r.fieldIndex("ticket_id")),
        r.getString(r.fieldIndex("customer_id"))));
    Map<String, String> expected = new HashMap<>();
    expected.put("K1", "C1");
    expected.put("K2", "C2");
    expected.put("K3", "C2");
    expected.put("K4", null);
    expected.put("K5", null);
    assertEquals(expected, m);
    assertEquals(5, out.count(), "no row is dropped or duplicated");
    assertEquals(List.of("ticket_id", "member_id", "phone", "email", "customer_id"), List.of(out.columns()));
  }
}
