package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onecustomer.jobs.TestSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = TestSpark.session();
  }

  private static List<String> apply(org.apache.spark.sql.Column expr, String... raw) {
    List<Row> rows = spark.createDataset(Arrays.asList(raw), Encoders.STRING()).toDF("v")
        .select(expr.alias("out")).collectAsList();
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getString(0)));
    return out;
  }

  @Test
  void everyPhoneFormatTheChannelsUseBecomesOneCanonicalForm() {
    List<String> out = apply(Identifiers.normalisePhone(col("v")),
        "13812345678", "+86 138 1234 5678", "+86-138-1234-5678", "86 13812345678", "138 1234 5678",
        "138-1234-5678", "(+86)13812345678", "013812345678", "008613812345678");
    out.forEach(p -> assertEquals("+8613812345678", p));
  }

  @Test
  void placeholdersAndGarbageStayRecognisableButInvalid() {
    assertEquals(Arrays.asList("00000000000", "12345", null, null, null),
        apply(Identifiers.normalisePhone(col("v")), "00000000000", "123-45", "", null, "138****1234"));
  }

  @Test
  void maskedPhonesAreWeakIdentifiersOnly() {
    assertEquals(Arrays.asList("138****1234", null, null),
        apply(Identifiers.maskedPhone(col("v")), "138****1234", "13812345678", "1*3"));
  }

  @Test
  void emailsAreTrimmedAndLowerCased() {
    assertEquals(Arrays.asList("li.wei@example.com", null),
        apply(Identifiers.normaliseEmail(col("v")), "  Li.Wei@Example.COM ", "   "));
  }

  @Test
  void validityByType() {
    List<Row> rows = spark.sql("SELECT * FROM VALUES ('phone','+8613812345678'),('phone','00000000000'),"
        + "('email','a@b.co'),('email','nope'),('device_id','d1'),('device_id','d-123') AS t(t, v)")
        .select(IdentifierTransforms.isValid(col("t"), col("v"))).collectAsList();
    List<Boolean> got = new ArrayList<>();
    rows.forEach(r -> got.add(r.getBoolean(0)));
    assertEquals(List.of(true, false, true, false, false, true), got);
  }
}
