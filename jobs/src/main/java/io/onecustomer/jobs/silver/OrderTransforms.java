package io.onecustomer.jobs.silver;

import static io.onecustomer.jobs.silver.SilverColumns.Orders.*;
import static io.onecustomer.jobs.silver.SilverColumns.BUYER_NICK;
import static io.onecustomer.jobs.silver.SilverColumns.CARD_NO;
import static io.onecustomer.jobs.silver.SilverColumns.EMAIL;
import static io.onecustomer.jobs.silver.SilverColumns.MEMBER_ID;
import static io.onecustomer.jobs.silver.SilverColumns.OPENID;
import static io.onecustomer.jobs.silver.SilverColumns.PHONE;
import static io.onecustomer.jobs.silver.SilverColumns.PHONE_MASKED;
import static io.onecustomer.jobs.silver.SilverColumns.RUN_DATE;
import static io.onecustomer.jobs.silver.SilverColumns.SOURCE_FILE;
import static io.onecustomer.jobs.silver.SilverColumns.SOURCE_LINE;
import static io.onecustomer.jobs.silver.SilverColumns.SOURCE_TABLE;
import static io.onecustomer.jobs.silver.SilverColumns.UNIONID;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.Tables;
import io.onecustomer.jobs.bronze.BronzeTransforms;
import io.onecustomer.jobs.bronze.LandingReader;
import java.time.ZoneId;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Conforms each channel's bronze order lines into the columns of silver.orders. Pure: the brand
 * time zone is a parameter.
 */
public final class OrderTransforms {
  private OrderTransforms() {}

  static final Column NULL_STRING = lit(null).cast(DataTypes.StringType);
  static final Column ZERO = lit(0).cast(BronzeTransforms.MONEY);

  /** Business day of an instant in the brand zone. */
  public static Column businessDate(Column ts, ZoneId zone) {
    return to_date(from_utc_timestamp(ts, zone.getId()));
  }

  private static Column net(Column gross, Column status) {
    return when(status.isin(Vocabulary.REFUNDED, Vocabulary.CANCELLED), ZERO).otherwise(gross);
  }

  private static Column money(Column c) {
    return c.cast(BronzeTransforms.MONEY);
  }

  /**
   * {@code columns} followed by the lineage every silver row carries: source table, landing file,
   * line and business day of the bronze row.
   */
  static Column[] withLineage(String sourceTable, Column... columns) {
    Column[] out = Arrays.copyOf(columns, columns.length + 4);
    out[columns.length] = lit(sourceTable).alias(SOURCE_TABLE);
    out[columns.length + 1] = col(LandingReader.SOURCE_FILE).alias(SOURCE_FILE);
    out[columns.length + 2] = col(LandingReader.LINE_NO).alias(SOURCE_LINE);
    out[columns.length + 3] = col(LandingReader.RUN_DATE).alias(RUN_DATE);
    return out;
  }

  public static Dataset<Row> fromMarketplace(Dataset<Row> b, ZoneId zone) {
    Column status =
        when(col("refund_status").equalTo("SUCCESS"), lit(Vocabulary.REFUNDED))
            .when(col("status").equalTo("TRADE_FINISHED"), lit(Vocabulary.COMPLETED))
            .when(col("status").equalTo("TRADE_CLOSED"), lit(Vocabulary.CANCELLED))
            .otherwise(lit(Vocabulary.PENDING));
    return b.select(withLineage(Tables.BRONZE_MARKETPLACE_ORDERS.qualified(),
        concat_ws(":", lit(Vocabulary.MARKETPLACE), col("oid")).alias(ORDER_LINE_ID),
        col("tid").alias(ORDER_ID),
        lit(Vocabulary.MARKETPLACE).alias(CHANNEL),
        lit(Vocabulary.MARKETPLACE_STORE).alias(STORE_ID),
        NULL_STRING.alias(REGION),
        col("receiver_city").alias(CITY),
        col("outer_sku_id").alias(SOURCE_SKU),
        col("num").alias(QUANTITY),
        col("price").alias(UNIT_PRICE),
        col("payment").alias(GROSS_AMOUNT),
        status.alias(STATUS),
        col("created").alias(ORDER_TS),
        NULL_STRING.alias(PHONE),
        Identifiers.maskedPhone(col("receiver_mobile")).alias(PHONE_MASKED),
        NULL_STRING.alias(EMAIL),
        NULL_STRING.alias(MEMBER_ID),
        NULL_STRING.alias(CARD_NO),
        Identifiers.normaliseOpaque(col("buyer_nick")).alias(BUYER_NICK),
        NULL_STRING.alias(OPENID),
        NULL_STRING.alias(UNIONID)))
        .transform(d -> finish(d, zone));
  }

  public static Dataset<Row> fromMiniprogram(Dataset<Row> b, ZoneId zone) {
    Column gross = money(col("amount_fen").cast(DataTypes.createDecimalType(20, 2)).divide(100));
    Column status = when(col("status").equalTo("REFUNDED"), lit(Vocabulary.REFUNDED))
        .otherwise(lit(Vocabulary.COMPLETED));
    return b.select(withLineage(Tables.BRONZE_MINIPROGRAM_ORDERS.qualified(),
        concat_ws(":", lit(Vocabulary.MINIPROGRAM), col("order_no"), col("item_seq").cast("string")).alias(ORDER_LINE_ID),
        col("order_no").alias(ORDER_ID),
        lit(Vocabulary.MINIPROGRAM).alias(CHANNEL),
        lit(Vocabulary.MINIPROGRAM_STORE).alias(STORE_ID),
        NULL_STRING.alias(REGION),
        NULL_STRING.alias(CITY),
        col("sku").alias(SOURCE_SKU),
        col("qty").alias(QUANTITY),
        money(gross.divide(col("qty"))).alias(UNIT_PRICE),
        gross.alias(GROSS_AMOUNT),
        status.alias(STATUS),
        col("pay_time").alias(ORDER_TS),
        Identifiers.normalisePhone(col("phone")).alias(PHONE),
        NULL_STRING.alias(PHONE_MASKED),
        NULL_STRING.alias(EMAIL),
        NULL_STRING.alias(MEMBER_ID),
        NULL_STRING.alias(CARD_NO),
        NULL_STRING.alias(BUYER_NICK),
        Identifiers.normaliseOpaque(col("openid")).alias(OPENID),
        Identifiers.normaliseOpaque(col("unionid")).alias(UNIONID)))
        .transform(d -> finish(d, zone));
  }

  public static Dataset<Row> fromPos(Dataset<Row> b, ZoneId zone) {
    return b.select(withLineage(Tables.BRONZE_POS_SALES.qualified(),
        concat_ws(":", lit(Vocabulary.POS), col("receipt_no"), col("line_no").cast("string")).alias(ORDER_LINE_ID),
        col("receipt_no").alias(ORDER_ID),
        lit(Vocabulary.POS).alias(CHANNEL),
        col("store_id").alias(STORE_ID),
        NULL_STRING.alias(REGION),
        NULL_STRING.alias(CITY),
        col("store_sku").alias(SOURCE_SKU),
        col("qty").alias(QUANTITY),
        col("unit_price").alias(UNIT_PRICE),
        col("line_amount").alias(GROSS_AMOUNT),
        lit(Vocabulary.COMPLETED).alias(STATUS),
        col("sale_time").alias(ORDER_TS),
        Identifiers.normalisePhone(col("phone")).alias(PHONE),
        Identifiers.maskedPhone(col("phone")).alias(PHONE_MASKED),
        NULL_STRING.alias(EMAIL),
        NULL_STRING.alias(MEMBER_ID),
        Identifiers.normaliseCode(col("member_card")).alias(CARD_NO),
        NULL_STRING.alias(BUYER_NICK),
        NULL_STRING.alias(OPENID),
        NULL_STRING.alias(UNIONID)))
        .transform(d -> finish(d, zone));
  }

  public static Dataset<Row> fromDistributor(Dataset<Row> b, ZoneId zone) {
    return b.select(withLineage(Tables.BRONZE_DISTRIBUTOR_SELLOUT.qualified(),
        concat_ws(":", lit(Vocabulary.DISTRIBUTOR), col("report_date").cast("string"), col("distributor_id"),
            col("dist_sku"), coalesce(col("retailer"), lit(""))).alias(ORDER_LINE_ID),
        concat_ws(":", col("distributor_id"), col("report_date").cast("string")).alias(ORDER_ID),
        lit(Vocabulary.DISTRIBUTOR).alias(CHANNEL),
        col("distributor_id").alias(STORE_ID),
        col("region").alias(REGION),
        NULL_STRING.alias(CITY),
        col("dist_sku").alias(SOURCE_SKU),
        col("qty").alias(QUANTITY),
        col("unit_price").alias(UNIT_PRICE),
        money(col("qty").multiply(col("unit_price"))).alias(GROSS_AMOUNT),
        lit(Vocabulary.COMPLETED).alias(STATUS),
        to_utc_timestamp(col("report_date").cast(DataTypes.TimestampType), zone.getId()).alias(ORDER_TS),
        NULL_STRING.alias(PHONE),
        NULL_STRING.alias(PHONE_MASKED),
        NULL_STRING.alias(EMAIL),
        NULL_STRING.alias(MEMBER_ID),
        NULL_STRING.alias(CARD_NO),
        NULL_STRING.alias(BUYER_NICK),
        NULL_STRING.alias(OPENID),
        NULL_STRING.alias(UNIONID)))
        .transform(d -> finish(d, zone));
  }

  /** Columns derived the same way for every channel. */
  private static Dataset<Row> finish(Dataset<Row> d, ZoneId zone) {
    return d
        .withColumn(NET_AMOUNT, net(col(GROSS_AMOUNT), col(STATUS)))
        .withColumn(IS_REFUNDED, col(STATUS).equalTo(Vocabulary.REFUNDED))
        .withColumn(CURRENCY, lit("CNY"))
        .withColumn(ORDER_DATE, businessDate(col(ORDER_TS), zone));
  }
}
