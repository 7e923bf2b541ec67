package io.onecustomer.jobs.privacy;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onecustomer.jobs.TestSpark;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

class HmacTest {
  static String reference(String key, String msg) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(msg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void columnHmacEqualsJavaCryptoForShortAndLongKeys() throws Exception {
    List<String> values = List.of("phone:+8613812345678", "email:li.wei@example.com", "", "member_id:M00012345");
    for (String key : List.of("k", "a-32-byte-key-for-hmac-sha256-ok", "x".repeat(100))) {
      List<String> got = TestSpark.session().createDataset(values, Encoders.STRING()).toDF("v")
          .select(new Hmac(key.getBytes(StandardCharsets.UTF_8)).hash(col("v"))).as(Encoders.STRING()).collectAsList();
      for (int i = 0; i < values.size(); i++) {
        assertEquals(reference(key, values.get(i)), got.get(i), "key length " + key.length() + " value " + values.get(i));
      }
    }
  }

  @Test
  void aMissingKeyOutsideTheLocalProfileIsAClearError() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("ONECUSTOMER_HASH_KEY") == null,
        "the test environment sets ONECUSTOMER_HASH_KEY");
    var cfg = TestSpark.config(java.nio.file.Path.of("/tmp/l"), java.nio.file.Path.of("/tmp/w"),
        java.util.Map.of("onecustomer.identity.hash-key-required", "true", "onecustomer.env", "prod"));
    var e = org.junit.jupiter.api.Assertions.assertThrows(io.onecustomer.common.config.ConfigException.class,
        () -> Hmac.fromConfig(cfg));
    assertEquals("environment variable ONECUSTOMER_HASH_KEY must hold the identifier hashing key (HMAC-SHA256) in"
        + " environment 'prod'; only a local profile may run without it (onecustomer.identity.hash-key-required = false)",
        e.getMessage());
  }
}
