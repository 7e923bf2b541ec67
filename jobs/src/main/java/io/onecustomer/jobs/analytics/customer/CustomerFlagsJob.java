package io.onecustomer.jobs.analytics.customer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.CustomerAnalyticsConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.analytics.AnalyticsInputs;
import io.onecustomer.jobs.analytics.AnalyticsSpecs;
import io.onecustomer.jobs.analytics.Purchases;
import io.onecustomer.jobs.analytics.customer.RfmTables.Flags;
import io.onecustomer.jobs.identity.CustomerKeyed;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.SilverColumns.ServiceTickets;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * gold.customer_flags: early-warning flags of every customer with a purchase, for each snapshot
 * day of the run, all snapshots in one pass. Complaints are the service tickets keyed to customers
 * through gold.customer_identities.
 */
public final class CustomerFlagsJob extends TableJob {
  public CustomerFlagsJob() {
    super(CustomerAnalyticsSpecs.CUSTOMER_FLAGS, List.of(AnalyticsSpecs.CUSTOMER_ORDERS,
        IdentitySpecs.CUSTOMER_IDENTITIES, SilverSpecs.SERVICE_TICKETS));
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    DateRange range = ctx.range();
    CustomerAnalyticsConfig.Flags f = ctx.config().analytics().customer().flags();
    List<LocalDate> snapshots = snapshotDays(ctx);
    Date last = Date.valueOf(range.to());
    var keyed = new CustomerKeyed(ctx.spark(), ctx.warehouse(), range.to(), Hmac.of(ctx.spark(), ctx.keys()));
    // Purchase cycles need all history up to the last snapshot.
    Dataset<Row> purchases = Purchases.customerPurchases(
        AnalyticsInputs.orders(ctx).where(col(Purchases.ORDER_DATE).leq(lit(last))));
    Dataset<Row> tickets;
    if (DeltaWriter.exists(ctx.spark(), Tables.SILVER_SERVICE_TICKETS, ctx.warehouse())) {
      // Complaints only count in the two periods before a snapshot.
      Date from = Date.valueOf(snapshots.get(0).minusDays(2L * f.periodDays()));
      tickets = keyed.tickets(col(ServiceTickets.IS_COMPLAINT).equalTo(true)
              .and(col(ServiceTickets.CREATED_DATE).gt(lit(from)))
              .and(col(ServiceTickets.CREATED_DATE).leq(lit(last))))
          .select(Flags.CUSTOMER_ID, ServiceTickets.CREATED_DATE, ServiceTickets.IS_COMPLAINT);
    } else {
      warnings.add(Tables.SILVER_SERVICE_TICKETS + " does not exist: no complaints counted");
      tickets = ctx.spark().createDataFrame(List.of(), new StructType()
          .add(Flags.CUSTOMER_ID, DataTypes.StringType)
          .add(ServiceTickets.CREATED_DATE, DataTypes.DateType)
          .add(ServiceTickets.IS_COMPLAINT, DataTypes.BooleanType));
    }
    return CustomerFlagsTransforms.customerFlags(RfmTransforms.purchaseDays(purchases), tickets,
        RfmTransforms.snapshotDays(ctx.spark(), snapshots), f.periodDays(), f.minComplaints(), f.lapseFactor(),
        f.minPurchaseDays());
  }
}
