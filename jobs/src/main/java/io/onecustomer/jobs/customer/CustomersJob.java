package io.onecustomer.jobs.customer;

import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.identity.Hmac;
import io.onecustomer.jobs.identity.IdentityJobs;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverJobs;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/** gold.customers: the customer 360 as of the run's last day, replaced every run. */
public final class CustomersJob implements Job {
  public static final String ID = "gold_customers";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return CustomerColumns.GOLD_CUSTOMERS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(IdentityJobs.IDENTITY_RESOLUTION, SilverJobs.SILVER_ORDERS, SilverJobs.SILVER_TOUCHPOINTS,
        SilverJobs.SILVER_MEMBERS, SilverJobs.SILVER_SERVICE_TICKETS);
  }

  @Override
  public JobResult run(JobContext ctx) {
    var keyed = new CustomerKeyed(ctx.spark(), ctx.warehouse(), ctx.range().to(), Hmac.fromConfig(ctx.config()));
    // Three of the facts read the orders: resolve them to customers once, not three times.
    Dataset<Row> orders = keyed.orders().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> customers = CustomerTransforms.customers(keyed.identities(), orders, keyed.members(),
          keyed.tickets(), keyed.touchpoints(), ctx.config().geo(), Date.valueOf(ctx.range().to()));
      customers = SilverColumns.conform(customers, CustomerColumns.COLUMNS);
      long written = DeltaWriter.replaceAll(ctx.spark(), customers, output(), ctx.warehouse(),
          CustomerColumns.TABLE_COMMENT, "snapshot_date=" + ctx.range().to());
      return new JobResult(id(), output(), ctx.range(), -1, written, 0, 0, List.of());
    } finally {
      orders.unpersist();
    }
  }
}
