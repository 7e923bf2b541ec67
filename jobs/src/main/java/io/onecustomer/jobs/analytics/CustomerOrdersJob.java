package io.onecustomer.jobs.analytics;

import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.customer.CustomerKeyed;
import io.onecustomer.jobs.identity.Hmac;
import io.onecustomer.jobs.identity.IdentityJobs;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverJobs;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.customer_orders: every order of every channel up to the run's last day, one row per order,
 * with the customer it resolves to today. The analytics jobs read this table instead of resolving
 * silver.orders against the identity graph each (a dozen lookups of the whole order history a
 * night); analysts get the order-grain fact table of the customer marts.
 *
 * <p>Replaced whole every run: a merge or split of customers re-keys old orders too.
 */
public final class CustomerOrdersJob implements Job {
  public static final String ID = "gold_customer_orders";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public TableId output() {
    return AnalyticsTables.GOLD_CUSTOMER_ORDERS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(IdentityJobs.IDENTITY_RESOLUTION, SilverJobs.SILVER_ORDERS);
  }

  @Override
  public JobResult run(JobContext ctx) {
    var keyed = new CustomerKeyed(ctx.spark(), ctx.warehouse(), ctx.range().to(), Hmac.fromConfig(ctx.config()));
    Dataset<Row> orders = SilverColumns.conform(Purchases.orders(keyed.orders()), AnalyticsTables.CustomerOrders.COLUMNS);
    long written = DeltaWriter.replaceAll(ctx.spark(), orders, output(), ctx.warehouse(),
        AnalyticsTables.CustomerOrders.COMMENT, "as_of=" + ctx.range().to());
    return new JobResult(id(), output(), ctx.range(), -1, written, 0, 0, List.of());
  }
}
