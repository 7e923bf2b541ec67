package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.onecustomer.jobs.silver.SilverColumns.Products;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Maps a channel's SKU codes to the brand's product code using the catalogue snapshot in force on
 * each business day: the latest snapshot on or before that day. Unknown codes are kept and flagged,
 * never dropped.
 */
public final class ProductLookup {
  private ProductLookup() {}

  static final String LOOKUP_DAY = "_lookup_day";

  /**
   * For every day in {@code days}, the catalogue rows of the latest snapshot on or before it, as
   * (_lookup_day, channel, channel_sku, product_code, category).
   */
  public static Dataset<Row> catalogueByDay(Dataset<Row> products, List<LocalDate> days) {
    var spark = products.sparkSession();
    Dataset<Row> dayDf = spark.createDataset(days.stream().map(Date::valueOf).toList(), Encoders.DATE())
        .toDF(LOOKUP_DAY);
    Dataset<Row> snapshots = products.select(col(SilverColumns.RUN_DATE).alias("_snap")).distinct();
    Dataset<Row> snapForDay = dayDf.crossJoin(snapshots)
        .where(col("_snap").leq(col(LOOKUP_DAY)))
        .groupBy(LOOKUP_DAY).agg(max("_snap").alias("_snap"));
    return products.join(broadcast(snapForDay), products.col(SilverColumns.RUN_DATE).equalTo(snapForDay.col("_snap")))
        .select(col(LOOKUP_DAY), col(Products.CHANNEL).alias("_p_channel"), col(Products.CHANNEL_SKU).alias("_p_sku"),
            col(Products.PRODUCT_CODE).alias("_p_code"), col(Products.CATEGORY).alias("_p_category"));
  }

  /**
   * Adds {@code productCodeCol}, {@code categoryCol} (when not null) and {@code flagCol} (when not
   * null) by looking up {@code skuCol} of channel {@code catalogueChannel} on the row's {@code
   * dayCol}.
   */
  public static Dataset<Row> withProductCodes(Dataset<Row> rows, Dataset<Row> catalogue, String dayCol,
      Column catalogueChannel, String skuCol, String productCodeCol, String categoryCol,
      String flagCol) {
    Dataset<Row> joined = rows.join(broadcast(catalogue),
        rows.col(dayCol).equalTo(catalogue.col(LOOKUP_DAY))
            .and(catalogueChannel.equalTo(catalogue.col("_p_channel")))
            .and(rows.col(skuCol).equalTo(catalogue.col("_p_sku"))),
        "left");
    joined = joined.withColumn(productCodeCol, col("_p_code"));
    if (categoryCol != null) {
      joined = joined.withColumn(categoryCol, col("_p_category"));
    }
    if (flagCol != null) {
      joined = joined.withColumn(flagCol, col("_p_code").isNull().and(col(skuCol).isNotNull()));
    }
    return joined.drop(LOOKUP_DAY, "_p_channel", "_p_sku", "_p_code", "_p_category");
  }
}
