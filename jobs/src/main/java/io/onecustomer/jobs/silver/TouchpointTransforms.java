package io.onecustomer.jobs.silver;

import static io.onecustomer.jobs.silver.OrderTransforms.NULL_STRING;
import static io.onecustomer.jobs.silver.OrderTransforms.businessDate;
import static io.onecustomer.jobs.silver.SilverColumns.ANONYMOUS_ID;
import static io.onecustomer.jobs.silver.SilverColumns.DEVICE_ID;
import static io.onecustomer.jobs.silver.SilverColumns.EMAIL;
import static io.onecustomer.jobs.silver.SilverColumns.MEMBER_ID;
import static io.onecustomer.jobs.silver.SilverColumns.OPENID;
import static io.onecustomer.jobs.silver.SilverColumns.PHONE;
import static io.onecustomer.jobs.silver.SilverColumns.RUN_DATE;
import static io.onecustomer.jobs.silver.SilverColumns.SOURCE_FILE;
import static io.onecustomer.jobs.silver.SilverColumns.SOURCE_LINE;
import static io.onecustomer.jobs.silver.SilverColumns.SOURCE_TABLE;
import static io.onecustomer.jobs.silver.SilverColumns.Touchpoints.*;
import static io.onecustomer.jobs.silver.SilverColumns.UNIONID;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.Tables;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Conforms every interaction that is not an order into the columns of silver.touchpoints. */
public final class TouchpointTransforms {
  private TouchpointTransforms() {}

  public static final String SERVICE_CONTACT = "service_contact";
  public static final String VIEW = "view";

  /**
   * The interaction types the channels send (clickstream event_type and mini-program event,
   * lower-cased, page_view as view) plus service contacts. Passed through, not mapped.
   */
  public static final List<String> TYPES =
      List.of(VIEW, "add_to_cart", "coupon_claim", "store_locator", "share", SERVICE_CONTACT);

  public static Dataset<Row> fromClickstream(Dataset<Row> b, ZoneId zone) {
    Column platform = lower(col("platform"));
    return b.select(OrderTransforms.withLineage(Tables.BRONZE_CLICKSTREAM_EVENTS.qualified(),
        concat_ws(":", lit("clickstream"), col("event_id")).alias(TOUCHPOINT_ID),
        when(platform.equalTo(Vocabulary.APP), lit(Vocabulary.APP)).otherwise(lit(Vocabulary.WEB)).alias(CHANNEL),
        lower(col("event_type")).alias(TOUCHPOINT_TYPE),
        coalesce(lower(col("utm_source")), lit(Vocabulary.DIRECT)).alias(TRAFFIC_SOURCE),
        Vocabulary.trafficChannel(col("utm_source")).alias(TRAFFIC_CHANNEL),
        col("utm_medium").alias(UTM_MEDIUM),
        col("utm_campaign").alias(UTM_CAMPAIGN),
        col("sku").alias(SOURCE_SKU),
        col("event_time").alias(EVENT_TS),
        Identifiers.normaliseOpaque(col("device_id")).alias(DEVICE_ID),
        Identifiers.normaliseOpaque(col("anonymous_id")).alias(ANONYMOUS_ID),
        Identifiers.normaliseCode(col("user_id")).alias(MEMBER_ID),
        NULL_STRING.alias(OPENID),
        NULL_STRING.alias(UNIONID),
        NULL_STRING.alias(PHONE),
        NULL_STRING.alias(EMAIL)))
        .withColumn(EVENT_DATE, businessDate(col(EVENT_TS), zone));
  }

  public static Dataset<Row> fromMiniprogramEvents(Dataset<Row> b, ZoneId zone) {
    Column ev = lower(col("event"));
    return b.select(OrderTransforms.withLineage(Tables.BRONZE_MINIPROGRAM_EVENTS.qualified(),
        concat_ws(":", lit("miniprogram"), col("event_id")).alias(TOUCHPOINT_ID),
        lit(Vocabulary.MINIPROGRAM).alias(CHANNEL),
        when(ev.equalTo("page_view"), lit(VIEW)).otherwise(ev).alias(TOUCHPOINT_TYPE),
        lit(Vocabulary.MINIPROGRAM).alias(TRAFFIC_SOURCE),
        lit(Vocabulary.OWNED).alias(TRAFFIC_CHANNEL),
        NULL_STRING.alias(UTM_MEDIUM),
        NULL_STRING.alias(UTM_CAMPAIGN),
        col("sku").alias(SOURCE_SKU),
        col("ts").alias(EVENT_TS),
        NULL_STRING.alias(DEVICE_ID),
        NULL_STRING.alias(ANONYMOUS_ID),
        NULL_STRING.alias(MEMBER_ID),
        Identifiers.normaliseOpaque(col("openid")).alias(OPENID),
        Identifiers.normaliseOpaque(col("unionid")).alias(UNIONID),
        NULL_STRING.alias(PHONE),
        NULL_STRING.alias(EMAIL)))
        .withColumn(EVENT_DATE, businessDate(col(EVENT_TS), zone));
  }

  /** Service contacts from silver.service_tickets (already normalised). */
  public static Dataset<Row> fromServiceTickets(Dataset<Row> tickets) {
    return tickets.select(
        concat_ws(":", lit("service"), col(SilverColumns.ServiceTickets.TICKET_ID)).alias(TOUCHPOINT_ID),
        lit(Vocabulary.SERVICE).alias(CHANNEL),
        lit(SERVICE_CONTACT).alias(TOUCHPOINT_TYPE),
        coalesce(col(SilverColumns.ServiceTickets.CONTACT_CHANNEL), lit("unknown")).alias(TRAFFIC_SOURCE),
        lit(Vocabulary.SERVICE).alias(TRAFFIC_CHANNEL),
        NULL_STRING.alias(UTM_MEDIUM),
        NULL_STRING.alias(UTM_CAMPAIGN),
        NULL_STRING.alias(SOURCE_SKU),
        col(SilverColumns.ServiceTickets.CREATED_TS).alias(EVENT_TS),
        col(SilverColumns.ServiceTickets.CREATED_DATE).alias(EVENT_DATE),
        NULL_STRING.alias(DEVICE_ID),
        NULL_STRING.alias(ANONYMOUS_ID),
        col(MEMBER_ID),
        NULL_STRING.alias(OPENID),
        NULL_STRING.alias(UNIONID),
        col(PHONE),
        col(EMAIL),
        lit(Tables.SILVER_SERVICE_TICKETS.qualified()).alias(SOURCE_TABLE),
        col(SOURCE_FILE),
        col(SOURCE_LINE),
        col(RUN_DATE));
  }
}
