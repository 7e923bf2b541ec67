package io.onecustomer.jobs.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErasureTest {
  static boolean found(List<Pattern> ps, String text) {
    return ps.stream().anyMatch(p -> p.matcher(text).find());
  }

  @Test
  void rawSearchFindsEveryChannelsSpellingOfThePersonsValuesAndNothingElse() {
    Map<String, Set<String>> raw = new LinkedHashMap<>();
    raw.put("phone", Set.of("+8613812345678"));
    raw.put("email", Set.of("li.na@example.com"));
    raw.put("member_id", Set.of("M000123"));
    List<Pattern> ps = Erasure.rawPatterns(raw);
    assertEquals(3, ps.size());
    for (String hit : List.of("13812345678", "+86 138 1234 5678", "0086-138-1234-5678", "(138)1234-5678",
        "{\"phone\":\"138 1234 5678\"}", "LI.NA@EXAMPLE.COM", "card,m000123,x")) {
      assertTrue(found(ps, hit), hit);
    }
    for (String miss : List.of("113812345678", "1381234567", "138****5678", "xli.na@example.community",
        "M0001234", "M000123X", "pli.na@example.com")) {
      assertFalse(found(ps, miss), miss);
    }
  }

  @Test
  void anIdentifierTheGuardsFoundSharedIsRefusedNamingTheReason(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    var spark = io.onecustomer.jobs.TestSpark.session();
    var cfg = io.onecustomer.jobs.TestSpark.config(dir.resolve("landing"), dir.resolve("warehouse"));
    var hmac = io.onecustomer.jobs.privacy.Hmac.fromConfig(spark, cfg);
    var audit = spark.sql("SELECT 'phone' AS id_type, '+8613912345678' AS v, 'linked_to_many' AS reason_code,"
            + " 'seen with 2 distinct member_id values (limit 1)' AS reason")
        .withColumn("id_hash", hmac.hash(org.apache.spark.sql.functions.lit("phone:+8613912345678")))
        .drop("v");
    io.onecustomer.common.delta.DeltaWriter.replaceAll(spark, audit,
        io.onecustomer.jobs.identity.IdentityColumns.OPS_IDENTITY_AUDIT, cfg.paths().warehouse(), null);
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Erasure(spark, cfg).erase(Erasure.Request.parse(null, "phone:139 1234 5678"), java.time.Instant.EPOCH));
    assertEquals("--identifier phone is shared by several people (ops.identity_audit: seen with 2 distinct member_id"
        + " values (limit 1)); erase the person by --customer-id instead", e.getMessage());
  }
}
