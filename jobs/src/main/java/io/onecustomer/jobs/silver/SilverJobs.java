package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.bronze.BronzeTables;
import io.onecustomer.jobs.bronze.SourceEntities;
import io.onecustomer.jobs.bronze.SourceEntity;
import io.onecustomer.jobs.silver.SilverColumns.AdSpend;
import io.onecustomer.jobs.silver.SilverColumns.Members;
import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.SilverColumns.Products;
import io.onecustomer.jobs.silver.SilverColumns.ServiceTickets;
import io.onecustomer.jobs.silver.SilverColumns.Touchpoints;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The silver jobs, in registration order. Each writes one table partitioned by run_date, declared in
 * {@link SilverSpecs}; its id is the table's ({@code silver_<name>}) and its dependencies the jobs
 * writing the tables it reads.
 */
public final class SilverJobs {
  private SilverJobs() {}

  public static final String SILVER_PRODUCTS = SilverSpecs.PRODUCTS.jobId();
  public static final String SILVER_ORDERS = SilverSpecs.ORDERS.jobId();
  public static final String SILVER_SERVICE_TICKETS = SilverSpecs.SERVICE_TICKETS.jobId();
  public static final String SILVER_TOUCHPOINTS = SilverSpecs.TOUCHPOINTS.jobId();
  public static final String SILVER_MEMBERS = SilverSpecs.MEMBERS.jobId();
  public static final String SILVER_AD_SPEND = SilverSpecs.AD_SPEND.jobId();
  public static final String SILVER_IDENTIFIERS = SilverSpecs.IDENTIFIERS.jobId();

  /** Row order that decides which duplicate is kept: the earliest file and line. */
  static final Column[] FIRST_SEEN = {col(SilverColumns.RUN_DATE), col(SilverColumns.SOURCE_FILE), col(SilverColumns.SOURCE_LINE)};

  public static List<Job> all() {
    return List.of(products(), orders(), serviceTickets(), touchpoints(), members(), adSpend(), identifiers());
  }

  private static TableSpec bronze(SourceEntity e) {
    return BronzeTables.accepted(e);
  }

  static Job products() {
    return new SilverJob(SilverSpecs.PRODUCTS, List.of(bronze(SourceEntities.PRODUCTS_CATALOG))) {
      @Override
      protected Dataset<Row> rows(JobContext ctx, List<String> warnings) {
        Dataset<Row> p = ReferenceTransforms.products(bronzeInRange(ctx, SourceEntities.PRODUCTS_CATALOG, warnings))
            .withColumn("_k", concat_ws(":", col(SilverColumns.RUN_DATE).cast("string"), col(Products.CHANNEL), col(Products.CHANNEL_SKU)));
        return Dedup.firstByKey(p, "_k", null, FIRST_SEEN);
      }
    };
  }

  static Job orders() {
    return new SilverJob(SilverSpecs.ORDERS,
        List.of(bronze(SourceEntities.MARKETPLACE_ORDERS), bronze(SourceEntities.MINIPROGRAM_ORDERS),
            bronze(SourceEntities.POS_SALES), bronze(SourceEntities.DISTRIBUTOR_SELLOUT), SilverSpecs.PRODUCTS)) {
      @Override
      protected Dataset<Row> rows(JobContext ctx, List<String> warnings) {
        var zone = ctx.config().timezone();
        Dataset<Row> all = OrderTransforms.fromMarketplace(bronzeInRange(ctx, SourceEntities.MARKETPLACE_ORDERS, warnings), zone)
            .unionByName(OrderTransforms.fromMiniprogram(bronzeInRange(ctx, SourceEntities.MINIPROGRAM_ORDERS, warnings), zone))
            .unionByName(OrderTransforms.fromPos(bronzeInRange(ctx, SourceEntities.POS_SALES, warnings), zone))
            .unionByName(OrderTransforms.fromDistributor(bronzeInRange(ctx, SourceEntities.DISTRIBUTOR_SELLOUT, warnings), zone));
        Dataset<Row> mapped = ProductLookup.withProductCodes(all, catalogue(ctx), SilverColumns.RUN_DATE,
            col(Orders.CHANNEL), Orders.SOURCE_SKU, Orders.PRODUCT_CODE, Orders.CATEGORY, Orders.IS_UNKNOWN_PRODUCT);
        return latestVersions(ctx, mapped, col(Orders.ORDER_LINE_ID));
      }
    };
  }

  static Job serviceTickets() {
    return new SilverJob(SilverSpecs.SERVICE_TICKETS, List.of(bronze(SourceEntities.SERVICE_TICKETS))) {
      @Override
      protected Dataset<Row> rows(JobContext ctx, List<String> warnings) {
        Dataset<Row> t = ReferenceTransforms.serviceTickets(bronzeInRange(ctx, SourceEntities.SERVICE_TICKETS, warnings),
                ctx.config().timezone())
            .withColumn("_k", ticketStatus());
        return Dedup.firstByKey(t, "_k", earlierKeys(ctx, "_k", ticketStatus()), FIRST_SEEN);
      }
    };
  }

  /** The key tickets are deduplicated by, within the run and against earlier days. */
  private static Column ticketStatus() {
    return concat_ws(":", col(ServiceTickets.TICKET_ID), col(ServiceTickets.STATUS));
  }

  static Job touchpoints() {
    return new SilverJob(SilverSpecs.TOUCHPOINTS,
        List.of(bronze(SourceEntities.CLICKSTREAM_EVENTS), bronze(SourceEntities.MINIPROGRAM_EVENTS),
            SilverSpecs.SERVICE_TICKETS, SilverSpecs.PRODUCTS)) {
      @Override
      protected Dataset<Row> rows(JobContext ctx, List<String> warnings) {
        var zone = ctx.config().timezone();
        Dataset<Row> tickets = DeltaWriter.exists(ctx.spark(), SilverSpecs.SERVICE_TICKETS.id(), ctx.warehouse())
            ? TouchpointTransforms.fromServiceTickets(inRange(ctx, SilverSpecs.SERVICE_TICKETS))
            : null;
        Dataset<Row> all = TouchpointTransforms.fromClickstream(bronzeInRange(ctx, SourceEntities.CLICKSTREAM_EVENTS, warnings), zone)
            .unionByName(TouchpointTransforms.fromMiniprogramEvents(bronzeInRange(ctx, SourceEntities.MINIPROGRAM_EVENTS, warnings), zone));
        if (tickets != null) {
          all = all.unionByName(tickets);
        }
        Column catalogueChannel = when(col(Touchpoints.CHANNEL).isin(Vocabulary.WEB, Vocabulary.APP), lit(Vocabulary.WEB))
            .otherwise(col(Touchpoints.CHANNEL));
        Dataset<Row> mapped = ProductLookup.withProductCodes(all, catalogue(ctx), SilverColumns.RUN_DATE,
            catalogueChannel, Touchpoints.SOURCE_SKU, Touchpoints.PRODUCT_CODE, null, null);
        return Dedup.firstByKey(mapped, Touchpoints.TOUCHPOINT_ID, earlierKeys(ctx, Touchpoints.TOUCHPOINT_ID), FIRST_SEEN);
      }
    };
  }

  static Job members() {
    return new SilverJob(SilverSpecs.MEMBERS, List.of(bronze(SourceEntities.CRM_MEMBERS))) {
      @Override
      protected Dataset<Row> rows(JobContext ctx, List<String> warnings) {
        Dataset<Row> m = ReferenceTransforms.members(bronzeInRange(ctx, SourceEntities.CRM_MEMBERS, warnings))
            .withColumn("_k", concat_ws(":", col(SilverColumns.MEMBER_ID), col(Members.UPDATED_TS).cast("string")));
        return Dedup.firstByKey(m, "_k", null, FIRST_SEEN);
      }
    };
  }

  static Job adSpend() {
    return new SilverJob(SilverSpecs.AD_SPEND, List.of(bronze(SourceEntities.AD_SPEND_DAILY))) {
      @Override
      protected Dataset<Row> rows(JobContext ctx, List<String> warnings) {
        return latestVersions(ctx, ReferenceTransforms.adSpend(bronzeInRange(ctx, SourceEntities.AD_SPEND_DAILY, warnings)),
            concat_ws(":", col(AdSpend.SPEND_DATE).cast("string"), col(AdSpend.MEDIA), col(AdSpend.CAMPAIGN_ID)));
      }
    };
  }

  static Job identifiers() {
    return new SilverJob(SilverSpecs.IDENTIFIERS,
        List.of(SilverSpecs.ORDERS, SilverSpecs.TOUCHPOINTS, SilverSpecs.MEMBERS)) {
      @Override
      protected Dataset<Row> rows(JobContext ctx, List<String> warnings) {
        return IdentifierTransforms.fromOrders(inRange(ctx, SilverSpecs.ORDERS))
            .unionByName(IdentifierTransforms.fromTouchpoints(inRange(ctx, SilverSpecs.TOUCHPOINTS)))
            .unionByName(IdentifierTransforms.fromMembers(inRange(ctx, SilverSpecs.MEMBERS)));
      }
    };
  }

  /** The catalogue in force on each day of the run (latest snapshot on or before the day). */
  static Dataset<Row> catalogue(JobContext ctx) {
    Dataset<Row> products = DeltaWriter.read(ctx.spark(), SilverSpecs.PRODUCTS.id(), ctx.warehouse())
        .where(col(SilverColumns.RUN_DATE).leq(Date.valueOf(ctx.range().to())));
    return ProductLookup.catalogueByDay(products, ctx.range().days());
  }
}
