package io.onecustomer.jobs.analytics;

import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.identity.CustomerKeyed;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.SilverSpecs;
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
public final class CustomerOrdersJob extends TableJob {
  /** The job's id, derived from its table ({@code gold_customer_orders}). */
  public static final String ID = AnalyticsSpecs.CUSTOMER_ORDERS.jobId();

  public CustomerOrdersJob() {
    super(AnalyticsSpecs.CUSTOMER_ORDERS, List.of(IdentitySpecs.CUSTOMER_IDENTITIES, SilverSpecs.ORDERS));
  }

  @Override
  protected String commitTag(JobContext ctx) {
    return "as_of=" + ctx.range().to();
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    var keyed = new CustomerKeyed(ctx.spark(), ctx.warehouse(), ctx.range().to(), Hmac.of(ctx.spark(), ctx.keys()));
    return Purchases.orders(keyed.orders());
  }
}
