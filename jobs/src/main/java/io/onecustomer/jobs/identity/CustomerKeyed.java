package io.onecustomer.jobs.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.Identifiers;
import io.onecustomer.jobs.silver.SilverColumns.Members;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.SilverColumns.ServiceTickets;
import io.onecustomer.jobs.silver.SilverColumns.Touchpoints;
import io.onecustomer.jobs.silver.SilverColumns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Silver rows up to a business day with the {@code customer_id} they resolve to today: the one
 * way every gold job (customers, RFM, attribution, value models) keys silver data by customer.
 * Rows that resolve to no customer (anonymous receipts, distributor sell-out, blocked identifiers
 * only) keep a null customer_id.
 */
public final class CustomerKeyed {
  /** Identifier columns of orders, strongest first. */
  public static final List<String> ORDER_IDS = List.of(Identifiers.MEMBER_ID, Identifiers.CARD_NO,
      Identifiers.UNIONID, Identifiers.OPENID, Identifiers.BUYER_NICK, Identifiers.PHONE, Identifiers.EMAIL);
  /** Identifier columns of touchpoints, strongest first. */
  public static final List<String> TOUCHPOINT_IDS = List.of(Identifiers.MEMBER_ID, Identifiers.UNIONID,
      Identifiers.OPENID, Identifiers.PHONE, Identifiers.EMAIL, Identifiers.DEVICE_ID, Identifiers.ANONYMOUS_ID);
  /** Identifier columns of member profiles and tickets. */
  public static final List<String> MEMBER_IDS = List.of(Identifiers.MEMBER_ID, Identifiers.CARD_NO,
      Identifiers.PHONE, Identifiers.EMAIL);
  public static final List<String> TICKET_IDS = List.of(Identifiers.MEMBER_ID, Identifiers.PHONE, Identifiers.EMAIL);

  private final SparkSession spark;
  private final String warehouse;
  private final Date day;
  private final Hmac hmac;
  private Dataset<Row> identities;
  /** Which lookup path the identities take, decided once for every table keyed against them. */
  private Boolean broadcast;

  public CustomerKeyed(SparkSession spark, String warehouse, LocalDate day, Hmac hmac) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.day = Date.valueOf(day);
    this.hmac = hmac;
    this.identities = DeltaWriter.read(spark, IdentityColumns.GOLD_CUSTOMER_IDENTITIES, warehouse)
        .select(IdentityColumns.ID_TYPE, IdentityColumns.ID_HASH, IdentityColumns.CUSTOMER_ID);
  }

  public Dataset<Row> identities() {
    return DeltaWriter.read(spark, IdentityColumns.GOLD_CUSTOMER_IDENTITIES, warehouse);
  }

  private Dataset<Row> upTo(TableId table) {
    return DeltaWriter.read(spark, table, warehouse).where(col(SilverColumns.RUN_DATE).leq(day));
  }

  /** silver.orders lines ingested up to the day, with customer_id. */
  public Dataset<Row> orders() {
    return orders(lit(true));
  }

  /**
   * The silver.orders lines up to the day that match {@code where} (applied before the lookup, so
   * only those lines are resolved), with customer_id.
   */
  public Dataset<Row> orders(Column where) {
    return key(upTo(Tables.SILVER_ORDERS).where(where), Orders.ORDER_LINE_ID, ORDER_IDS);
  }

  /** silver.touchpoints up to the day, with customer_id. */
  public Dataset<Row> touchpoints() {
    return touchpoints(lit(true));
  }

  /** The silver.touchpoints up to the day that match {@code where} (applied before the lookup), with customer_id. */
  public Dataset<Row> touchpoints(Column where) {
    return key(upTo(Tables.SILVER_TOUCHPOINTS).where(where), Touchpoints.TOUCHPOINT_ID, TOUCHPOINT_IDS);
  }

  /** The latest profile of every member up to the day, with customer_id. */
  public Dataset<Row> members() {
    Dataset<Row> latest = upTo(Tables.SILVER_MEMBERS)
        .withColumn("_rn", row_number().over(Window.partitionBy(SilverColumns.MEMBER_ID)
            .orderBy(col(Members.UPDATED_TS).desc(), col(SilverColumns.RUN_DATE).desc())))
        .where(col("_rn").equalTo(1)).drop("_rn");
    return key(latest, SilverColumns.MEMBER_ID, MEMBER_IDS);
  }

  /** silver.service_tickets up to the day, with customer_id. */
  public Dataset<Row> tickets() {
    return tickets(lit(true));
  }

  /** The silver.service_tickets up to the day that match {@code where} (applied before the lookup), with customer_id. */
  public Dataset<Row> tickets(Column where) {
    return key(upTo(Tables.SILVER_SERVICE_TICKETS).where(where), ServiceTickets.TICKET_ID, TICKET_IDS);
  }

  /**
   * {@code rows} with customer_id. The first lookup decides the path ({@link IdentityLookup#fitsBroadcast});
   * on the broadcast path the identities are read once and kept (local checkpoint), since every
   * identifier column of every table keyed here broadcasts them again: measured on the demo, keying
   * 466k touchpoints took 1.5 s instead of 3.3 s.
   */
  private Dataset<Row> key(Dataset<Row> rows, String rowKey, List<String> idColumns) {
    if (broadcast == null) {
      broadcast = IdentityLookup.fitsBroadcast(identities, IdentityLookup.BROADCAST_LIMIT);
      if (broadcast) {
        identities = identities.localCheckpoint();
      }
    }
    return IdentityLookup.withCustomerId(rows, rowKey, identities, hmac, idColumns, broadcast);
  }
}
