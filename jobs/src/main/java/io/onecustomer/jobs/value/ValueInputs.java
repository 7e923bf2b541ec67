package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.AnalyticsSpecs;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.identity.CustomerKeyed;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.SilverColumns.Members;
import io.onecustomer.jobs.silver.SilverColumns.ServiceTickets;
import io.onecustomer.jobs.silver.SilverColumns.Touchpoints;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** What the value jobs read: customer-keyed purchases, touches, tickets and member profiles. */
public final class ValueInputs {
  private ValueInputs() {}

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ValueInputs.class);

  /**
   * The tables {@link #load} reads: gold.customer_orders (purchases), gold.customer_identities
   * (through {@link CustomerKeyed}), silver touchpoints, service tickets and members.
   */
  public static final List<TableSpec> INPUTS = List.of(AnalyticsSpecs.CUSTOMER_ORDERS, IdentitySpecs.CUSTOMER_IDENTITIES,
      SilverSpecs.TOUCHPOINTS, SilverSpecs.SERVICE_TICKETS, SilverSpecs.MEMBERS);

  /**
   * The inputs up to the run's last day for features at cut-offs from {@code earliestCutOff} on:
   * touches from {@link CustomerFeatures#TOUCH_DAYS} and tickets from
   * {@link CustomerFeatures#TICKET_DAYS} before it (keying touches is most of the cost), purchases
   * and member profiles whole. Missing silver tables give empty inputs and a warning in
   * {@code warnings}.
   */
  public static CustomerFeatures.Inputs load(JobContext ctx, LocalDate earliestCutOff, List<String> warnings) {
    long started = System.nanoTime();
    SparkSession spark = ctx.spark();
    String wh = ctx.warehouse();
    LocalDate day = ctx.range().to();
    Dataset<Row> purchases = Purchases.customerPurchases(
            AnalyticsInputs.orders(ctx).where(col(Purchases.ORDER_DATE).leq(lit(Date.valueOf(day)))))
        .select(col(Purchases.CUSTOMER_ID), col(Purchases.ORDER_DATE), col(Purchases.NET_AMOUNT),
            col(Purchases.CHANNEL))
        .localCheckpoint();
    Row first = purchases.agg(min(col(Purchases.ORDER_DATE))).first();
    LocalDate historyStart = first.isNullAt(0) ? day : first.getDate(0).toLocalDate();
    var keyed = new CustomerKeyed(spark, wh, day, Hmac.of(ctx.spark(), ctx.keys()));
    LocalDate touchesFrom = earliestCutOff.minusDays(CustomerFeatures.TOUCH_DAYS);
    LocalDate ticketsFrom = earliestCutOff.minusDays(CustomerFeatures.TICKET_DAYS);

    Dataset<Row> touches = exists(ctx, Tables.SILVER_TOUCHPOINTS, warnings)
        ? keyed.touchpoints(after(Touchpoints.EVENT_DATE, touchesFrom))
            .where(col(ValueTables.CUSTOMER_ID).isNotNull())
            .select(col(ValueTables.CUSTOMER_ID), col(Touchpoints.EVENT_DATE).as(CustomerFeatures.EVENT_DATE),
                col(Touchpoints.TOUCHPOINT_TYPE).as(CustomerFeatures.TOUCHPOINT_TYPE))
        : spark.createDataFrame(List.of(), new StructType().add(CustomerFeatures.CUSTOMER_ID, DataTypes.StringType)
            .add(CustomerFeatures.EVENT_DATE, DataTypes.DateType)
            .add(CustomerFeatures.TOUCHPOINT_TYPE, DataTypes.StringType));
    Dataset<Row> tickets = exists(ctx, Tables.SILVER_SERVICE_TICKETS, warnings)
        ? keyed.tickets(after(ServiceTickets.CREATED_DATE, ticketsFrom))
            .where(col(ValueTables.CUSTOMER_ID).isNotNull())
            .select(col(ValueTables.CUSTOMER_ID), col(ServiceTickets.CREATED_DATE).as(CustomerFeatures.CREATED_DATE),
                col(ServiceTickets.IS_COMPLAINT).as(CustomerFeatures.IS_COMPLAINT),
                col(ServiceTickets.SATISFACTION).cast("double").as(CustomerFeatures.SATISFACTION))
        : spark.createDataFrame(List.of(), new StructType().add(CustomerFeatures.CUSTOMER_ID, DataTypes.StringType)
            .add(CustomerFeatures.CREATED_DATE, DataTypes.DateType)
            .add(CustomerFeatures.IS_COMPLAINT, DataTypes.BooleanType)
            .add(CustomerFeatures.SATISFACTION, DataTypes.DoubleType));
    Dataset<Row> members;
    if (exists(ctx, Tables.SILVER_MEMBERS, warnings)) {
      // Every profile version (a tier as of a cut-off), keyed through the member's latest profile.
      Dataset<Row> memberCustomer = keyed.members().where(col(ValueTables.CUSTOMER_ID).isNotNull())
          .select(col(SilverColumns.MEMBER_ID).as("_member"), col(ValueTables.CUSTOMER_ID));
      members = DeltaWriter.read(spark, Tables.SILVER_MEMBERS, wh)
          .where(col(SilverColumns.RUN_DATE).leq(lit(Date.valueOf(day))))
          .join(memberCustomer, col(SilverColumns.MEMBER_ID).equalTo(col("_member")))
          .select(col(ValueTables.CUSTOMER_ID), to_date(col(Members.UPDATED_TS)).as(CustomerFeatures.UPDATED_DATE),
              col(Members.TIER).as(CustomerFeatures.TIER));
    } else {
      members = spark.createDataFrame(List.of(), new StructType().add(CustomerFeatures.CUSTOMER_ID, DataTypes.StringType)
          .add(CustomerFeatures.UPDATED_DATE, DataTypes.DateType).add(CustomerFeatures.TIER, DataTypes.StringType));
    }
    // Keyed once and kept: the training job builds features at two cut-offs (and labels) from the
    // same inputs, and each would otherwise repeat the identity lookups.
    CustomerFeatures.Inputs in = new CustomerFeatures.Inputs(purchases, touches.localCheckpoint(),
        tickets.localCheckpoint(), members.localCheckpoint(), historyStart);
    LOG.info("value inputs up to {}: {} purchases from {}, {} touches after {}, {} tickets after {}, {} member"
        + " profiles; keyed in {} ms", day, purchases.count(), historyStart, in.touches().count(), touchesFrom,
        in.tickets().count(), ticketsFrom, in.members().count(), (System.nanoTime() - started) / 1_000_000);
    return in;
  }

  /**
   * Silver rows dated after {@code from}, with the run-date partitions before it pruned: a row is
   * ingested on its day or later (the file of a day can hold the previous evening's rows in the
   * brand's zone, hence one day more).
   */
  private static Column after(String dateColumn, LocalDate from) {
    return col(dateColumn).gt(lit(Date.valueOf(from)))
        .and(col(SilverColumns.RUN_DATE).geq(lit(Date.valueOf(from.minusDays(1)))));
  }

  private static boolean exists(JobContext ctx, TableId table, List<String> warnings) {
    if (DeltaWriter.exists(ctx.spark(), table, ctx.warehouse())) {
      return true;
    }
    warnings.add(table + " does not exist: its features are 0 / -1");
    return false;
  }
}
