package io.onecustomer.jobs.privacy;

import io.onecustomer.common.config.ConfigException;
import io.onecustomer.jobs.HashKeys;
import io.onecustomer.jobs.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ExtendedMode$;
import org.junit.jupiter.api.Test;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HmacTest {
  static String reference(String key, String msg) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(msg.getBytes(StandardCharsets.UTF_8)));
  }

  static final List<String> VALUES = List.of("phone:+8613812345678", "email:li.wei@example.com", "",
      "member_id:M00012345");

  private static List<String> hashed(Hmac hmac, List<String> values) {
    return TestSpark.session().createDataset(values, Encoders.STRING()).toDF("v")
        .select(hmac.hash(col("v"))).as(Encoders.STRING()).collectAsList();
  }

  @Test
  void hashEqualsJavaCryptoForShortAndLongKeys() throws Exception {
    SparkSession spark = TestSpark.session();
    for (String key : List.of("k", "a-32-byte-key-for-hmac-sha256-ok", "x".repeat(100))) {
      List<String> got = hashed(Hmac.of(spark, HashKeys.of(key)), VALUES);
      for (int i = 0; i < VALUES.size(); i++) {
        assertEquals(reference(key, VALUES.get(i)), got.get(i), "key length " + key.length() + " value " + VALUES.get(i));
      }
    }
  }

  @Test
  void aKeyChainHashesWithEveryKeyInTurnAndRehashAppliesTheNewestToAStoredHash() throws Exception {
    SparkSession spark = TestSpark.session();
    Hmac rotated = Hmac.of(spark, HashKeys.of("old-key", "new-key"));
    List<String> got = hashed(rotated, VALUES);
    List<String> storedUnderOld = hashed(Hmac.of(spark, HashKeys.of("old-key")), VALUES);
    List<String> rehashed = TestSpark.session().createDataset(storedUnderOld, Encoders.STRING()).toDF("h")
        .select(rotated.rehash(col("h"))).as(Encoders.STRING()).collectAsList();
    for (int i = 0; i < VALUES.size(); i++) {
      String expected = reference("new-key", reference("old-key", VALUES.get(i)));
      assertEquals(expected, got.get(i), VALUES.get(i));
      assertEquals(expected, rehashed.get(i), VALUES.get(i));
    }
  }

  @Test
  void aNullIdentifierHashesToNull() {
    Dataset<Row> df = TestSpark.session().sql("SELECT CAST(NULL AS STRING) AS v");
    assertEquals(null, df.select(Hmac.of(TestSpark.session(), HashKeys.of("k")).hash(col("v"))).first().get(0));
  }

  /**
   * The leak the column-expression form had: the padded key bytes as literals in every plan. Every
   * representation of the key and its pads (raw, hex, base64, decimal bytes) is searched for.
   */
  @Test
  void noPlanOfAHashingQueryCarriesTheKeyOrBytesDerivedFromIt() {
    String key = "plan-leak-probe-key-" + System.nanoTime();
    SparkSession spark = TestSpark.session();
    Dataset<Row> q = spark.createDataset(VALUES, Encoders.STRING()).toDF("v")
        .withColumn("h", Hmac.of(spark, HashKeys.of(key)).hash(col("v"))).where(col("h").isNotNull());
    q.collectAsList();
    String plans = q.queryExecution().explainString(ExtendedMode$.MODULE$) + "\n" + q.queryExecution() + "\n"
        + q.queryExecution().executedPlan().toJSON();
    List<String> found = KeyMaterial.of(key.getBytes(StandardCharsets.UTF_8)).foundIn(plans.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), found, "key material in the plan:\n" + plans);
    assertEquals(true, plans.contains("hmac_sha256"), plans);

    // The scan finds what the former column-expression form put into plans: the padded key as a literal.
    byte[] ipad = new byte[64];
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 64; i++) {
      ipad[i] = (byte) ((i < k.length ? k[i] : 0) ^ 0x36);
    }
    Dataset<Row> leaky = spark.createDataset(VALUES, Encoders.STRING()).toDF("v")
        .withColumn("h", sha2(concat(lit(ipad), col("v").cast("binary")), 256));
    String leakyPlans = leaky.queryExecution().explainString(ExtendedMode$.MODULE$);
    assertEquals(true, KeyMaterial.of(k).foundIn(leakyPlans.getBytes(StandardCharsets.UTF_8)).contains("inner pad (HEX)"),
        leakyPlans);
  }

  @Test
  void aMissingKeyOutsideTheLocalProfileIsAClearError() {
    var cfg = TestSpark.config(Path.of("/tmp/l"), Path.of("/tmp/w"),
        Map.of("onecustomer.identity.hash-key-required", "true", "onecustomer.env", "prod"));
    var e = assertThrows(ConfigException.class, () -> HashKeys.fromEnvironment(cfg, Map.of()));
    assertEquals("environment variable ONECUSTOMER_HASH_KEY must hold the identifier hashing key (HMAC-SHA256) in"
        + " environment 'prod'; only a local profile may run without it (onecustomer.identity.hash-key-required = false)",
        e.getMessage());
  }

  @Test
  void retiredKeysComeFirstAndAreSplitOnCommasOrWhiteSpace() {
    var cfg = TestSpark.config(Path.of("/tmp/l"), Path.of("/tmp/w"), Map.of());
    HashKeys keys = HashKeys.fromEnvironment(cfg,
        Map.of("ONECUSTOMER_HASH_KEY", "k3", "ONECUSTOMER_HASH_KEY_RETIRED", "k1, k2\n"));
    assertEquals(HashKeys.of("k1", "k2", "k3").fingerprints(), keys.fingerprints());
    assertEquals(false, keys.toString().contains("k1"), keys.toString());
    var e = assertThrows(ConfigException.class, () -> HashKeys.fromEnvironment(cfg,
        Map.of("ONECUSTOMER_HASH_KEY_RETIRED", "k1")));
    assertEquals(true, e.getMessage().startsWith("environment variable ONECUSTOMER_HASH_KEY must hold"), e.getMessage());
  }
}
