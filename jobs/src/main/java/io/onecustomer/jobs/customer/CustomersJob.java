package io.onecustomer.jobs.customer;

import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.identity.CustomerKeyed;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.customers: the customer 360 as of the run's last day, replaced every run. */
public final class CustomersJob extends TableJob {
  /** The job's id, derived from its table ({@code gold_customers}). */
  public static final String ID = CustomerSpecs.CUSTOMERS.jobId();

  public CustomersJob() {
    super(CustomerSpecs.CUSTOMERS, List.of(IdentitySpecs.CUSTOMER_IDENTITIES, SilverSpecs.ORDERS,
        SilverSpecs.TOUCHPOINTS, SilverSpecs.MEMBERS, SilverSpecs.SERVICE_TICKETS));
  }

  @Override
  protected String commitTag(JobContext ctx) {
    return "snapshot_date=" + ctx.range().to();
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    var keyed = new CustomerKeyed(ctx.spark(), ctx.warehouse(), ctx.range().to(), Hmac.of(ctx.spark(), ctx.keys()));
    // Three of the facts read the orders: resolve them to customers once, not three times. A local
    // checkpoint rather than persist(): the write happens after this method returns, and its blocks
    // are released when the Dataset is no longer referenced.
    Dataset<Row> orders = keyed.orders().localCheckpoint();
    return CustomerTransforms.customers(keyed.identities(), orders, keyed.members(), keyed.tickets(),
        keyed.touchpoints(), ctx.config().geo(), Date.valueOf(ctx.range().to()));
  }
}
