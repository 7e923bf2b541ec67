package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;

import io.onecustomer.jobs.bronze.BronzeTransforms;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The CDNOW reference data (test resources {@code cdnow/}, see PROVENANCE.md there) as transactions
 * with the columns {@link BtydSummaries} reads, and the published calibration set-up.
 */
final class Cdnow {
  private Cdnow() {}

  static final LocalDate CALIBRATION_START = LocalDate.of(1997, 1, 1);
  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  static final int WEEK = 7;

  /**
   * The 1/10 sample: whitespace-separated master id, sample id, yyyymmdd, CDs, dollars; no header.
   * The customer id is the master id, so sample and master customers can be compared.
   */
  static Dataset<Row> sampleTransactions(SparkSession spark) {
    return transactions(spark, "cdnow/CDNOW_sample.txt", 1, 3, 5);
  }

  /** The full cohort: customer id, yyyymmdd, CDs, dollars; one header line. */
  static Dataset<Row> masterTransactions(SparkSession spark) {
    return transactions(spark, "cdnow/CDNOW_master.txt", 1, 2, 4);
  }

  private static Dataset<Row> transactions(SparkSession spark, String resource, int idField, int dateField,
      int amountField) {
    Column fields = split(trim(col("value")), "\\s+");
    return spark.read().text(path(resource).toString())
        .select(fields.alias("f"))
        .where(element_at(col("f"), dateField).rlike("^[0-9]{8}$")) // drops the master file's header
        .select(
            element_at(col("f"), idField).alias(ValueColumns.CUSTOMER_ID),
            to_date(element_at(col("f"), dateField), "yyyyMMdd").alias(ValueColumns.ORDER_DATE),
            element_at(col("f"), amountField).cast(BronzeTransforms.MONEY).alias(ValueColumns.NET_AMOUNT));
  }

  static Path path(String resource) {
    try {
      return Path.of(Cdnow.class.getClassLoader().getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
