package io.onecustomer.jobs.silver;

import static io.onecustomer.jobs.silver.OrderTransforms.businessDate;
import static io.onecustomer.jobs.silver.SilverColumns.CARD_NO;
import static io.onecustomer.jobs.silver.SilverColumns.EMAIL;
import static io.onecustomer.jobs.silver.SilverColumns.MEMBER_ID;
import static io.onecustomer.jobs.silver.SilverColumns.PHONE;
import static io.onecustomer.jobs.silver.SilverColumns.RUN_DATE;
import static io.onecustomer.jobs.silver.SilverColumns.SOURCE_FILE;
import static io.onecustomer.jobs.silver.SilverColumns.SOURCE_LINE;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;

import io.onecustomer.jobs.bronze.LandingReader;
import io.onecustomer.jobs.silver.SilverColumns.AdSpend;
import io.onecustomer.jobs.silver.SilverColumns.Members;
import io.onecustomer.jobs.silver.SilverColumns.Products;
import io.onecustomer.jobs.silver.SilverColumns.ServiceTickets;
import java.time.ZoneId;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Conforms the catalogue, ad spend, service tickets and CRM members. */
public final class ReferenceTransforms {
  private ReferenceTransforms() {}

  public static Dataset<Row> products(Dataset<Row> b) {
    return b.select(
        upper(trim(col("product_code"))).alias(Products.PRODUCT_CODE),
        col("product_name").alias(Products.PRODUCT_NAME),
        lower(trim(col("category"))).alias(Products.CATEGORY),
        col("list_price").alias(Products.LIST_PRICE),
        col("min_advertised_price").alias(Products.MIN_ADVERTISED_PRICE),
        lower(trim(col("channel"))).alias(Products.CHANNEL),
        trim(col("channel_sku")).alias(Products.CHANNEL_SKU),
        coalesce(col("active"), lit(true)).alias(Products.IS_ACTIVE),
        col(LandingReader.SOURCE_FILE).alias(SOURCE_FILE),
        col(LandingReader.LINE_NO).alias(SOURCE_LINE),
        col(LandingReader.RUN_DATE).alias(RUN_DATE));
  }

  public static Dataset<Row> adSpend(Dataset<Row> b) {
    return b.select(
        col("spend_date").alias(AdSpend.SPEND_DATE),
        lower(trim(col("media"))).alias(AdSpend.MEDIA),
        Vocabulary.trafficChannel(col("media")).alias(AdSpend.TRAFFIC_CHANNEL),
        col("campaign_id").alias(AdSpend.CAMPAIGN_ID),
        col("campaign_name").alias(AdSpend.CAMPAIGN_NAME),
        col("impressions").alias(AdSpend.IMPRESSIONS),
        col("clicks").alias(AdSpend.CLICKS),
        col("cost").alias(AdSpend.COST),
        lit("CNY").alias(AdSpend.CURRENCY),
        col(LandingReader.SOURCE_FILE).alias(SOURCE_FILE),
        col(LandingReader.LINE_NO).alias(SOURCE_LINE),
        col(LandingReader.RUN_DATE).alias(RUN_DATE));
  }

  public static Dataset<Row> serviceTickets(Dataset<Row> b, ZoneId zone) {
    return b.select(
        col("ticket_id").alias(ServiceTickets.TICKET_ID),
        col("created_at").alias(ServiceTickets.CREATED_TS),
        businessDate(col("created_at"), zone).alias(ServiceTickets.CREATED_DATE),
        lower(trim(col("contact_channel"))).alias(ServiceTickets.CONTACT_CHANNEL),
        lower(trim(col("category"))).alias(ServiceTickets.CATEGORY),
        lower(trim(col("category"))).equalTo("complaint").or(col("satisfaction").leq(2))
            .alias(ServiceTickets.IS_COMPLAINT),
        col("satisfaction").alias(ServiceTickets.SATISFACTION),
        upper(trim(col("status"))).alias(ServiceTickets.STATUS),
        col("order_ref").alias(ServiceTickets.ORDER_REF),
        Identifiers.normalisePhone(col("phone")).alias(PHONE),
        Identifiers.normaliseEmail(col("email")).alias(EMAIL),
        Identifiers.normaliseCode(col("member_id")).alias(MEMBER_ID),
        col(LandingReader.SOURCE_FILE).alias(SOURCE_FILE),
        col(LandingReader.LINE_NO).alias(SOURCE_LINE),
        col(LandingReader.RUN_DATE).alias(RUN_DATE));
  }

  public static Dataset<Row> members(Dataset<Row> b) {
    return b.select(
        Identifiers.normaliseCode(col("member_id")).alias(MEMBER_ID),
        Identifiers.normaliseCode(col("card_no")).alias(CARD_NO),
        Identifiers.normalisePhone(col("phone")).alias(PHONE),
        Identifiers.normaliseEmail(col("email")).alias(EMAIL),
        trim(col("name")).alias(Members.NAME),
        col("birthday").alias(Members.BIRTHDAY),
        upper(trim(col("tier"))).alias(Members.TIER),
        col("consent_sms").alias(Members.CONSENT_SMS),
        col("consent_email").alias(Members.CONSENT_EMAIL),
        col("registered_store").alias(Members.REGISTERED_STORE),
        lower(trim(col("registered_channel"))).alias(Members.REGISTERED_CHANNEL),
        col("registered_at").alias(Members.REGISTERED_TS),
        col("updated_at").alias(Members.UPDATED_TS),
        col(LandingReader.SOURCE_FILE).alias(SOURCE_FILE),
        col(LandingReader.LINE_NO).alias(SOURCE_LINE),
        col(LandingReader.RUN_DATE).alias(RUN_DATE));
  }
}
