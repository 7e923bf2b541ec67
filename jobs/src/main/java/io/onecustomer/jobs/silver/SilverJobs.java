package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.bronze.SourceEntities;
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

/** The silver jobs, in registration order. Each writes one table partitioned by run_date. */
public final class SilverJobs {
  private SilverJobs() {}

  public static final String SILVER_PRODUCTS = "silver_products";
  public static final String SILVER_ORDERS = "silver_orders";
  public static final String SILVER_SERVICE_TICKETS = "silver_service_tickets";
  public static final String SILVER_TOUCHPOINTS = "silver_touchpoints";
  public static final String SILVER_MEMBERS = "silver_members";
  public static final String SILVER_AD_SPEND = "silver_ad_spend";
  public static final String SILVER_IDENTIFIERS = "silver_identifiers";

  /** Row order that decides which duplicate is kept: the earliest file and line. */
  static final Column[] FIRST_SEEN = {col(SilverColumns.RUN_DATE), col(SilverColumns.SOURCE_FILE), col(SilverColumns.SOURCE_LINE)};

  public static List<Job> all() {
    return List.of(products(), orders(), serviceTickets(), touchpoints(), members(), adSpend(), identifiers());
  }

  static Job products() {
    return new SilverJob(SILVER_PRODUCTS, Tables.SILVER_PRODUCTS,
        List.of(SourceEntities.PRODUCTS_CATALOG.jobId()),
        "Product catalogue per snapshot day: one row per product, channel SKU and snapshot day (run_date).",
        Products.COLUMNS) {
      @Override
      protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
        Dataset<Row> p = ReferenceTransforms.products(bronzeInRange(ctx, SourceEntities.PRODUCTS_CATALOG, warnings))
            .withColumn("_k", concat_ws(":", col(SilverColumns.RUN_DATE).cast("string"), col(Products.CHANNEL), col(Products.CHANNEL_SKU)));
        return Dedup.firstByKey(p, "_k", null, FIRST_SEEN);
      }
    };
  }

  static Job orders() {
    return new SilverJob(SILVER_ORDERS, Tables.SILVER_ORDERS,
        List.of(SourceEntities.MARKETPLACE_ORDERS.jobId(), SourceEntities.MINIPROGRAM_ORDERS.jobId(),
            SourceEntities.POS_SALES.jobId(), SourceEntities.DISTRIBUTOR_SELLOUT.jobId(), SILVER_PRODUCTS),
        "All channels' order lines in one shape: one row per order line (deduplicated by order_line_id), amounts in CNY decimals, times in UTC.",
        Orders.COLUMNS) {
      @Override
      protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
        var zone = ctx.config().timezone();
        Dataset<Row> all = OrderTransforms.fromMarketplace(bronzeInRange(ctx, SourceEntities.MARKETPLACE_ORDERS, warnings), zone)
            .unionByName(OrderTransforms.fromMiniprogram(bronzeInRange(ctx, SourceEntities.MINIPROGRAM_ORDERS, warnings), zone))
            .unionByName(OrderTransforms.fromPos(bronzeInRange(ctx, SourceEntities.POS_SALES, warnings), zone))
            .unionByName(OrderTransforms.fromDistributor(bronzeInRange(ctx, SourceEntities.DISTRIBUTOR_SELLOUT, warnings), zone));
        Dataset<Row> mapped = ProductLookup.withProductCodes(all, catalogue(ctx), SilverColumns.RUN_DATE,
            col(Orders.CHANNEL), Orders.SOURCE_SKU, Orders.PRODUCT_CODE, Orders.CATEGORY, Orders.IS_UNKNOWN_PRODUCT);
        return Dedup.firstByKey(mapped, Orders.ORDER_LINE_ID, earlierKeys(ctx, Orders.ORDER_LINE_ID), FIRST_SEEN);
      }
    };
  }

  static Job serviceTickets() {
    return new SilverJob(SILVER_SERVICE_TICKETS, Tables.SILVER_SERVICE_TICKETS,
        List.of(SourceEntities.SERVICE_TICKETS.jobId()),
        "Customer service tickets: one row per ticket and status.",
        ServiceTickets.COLUMNS) {
      @Override
      protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
        Dataset<Row> t = ReferenceTransforms.serviceTickets(bronzeInRange(ctx, SourceEntities.SERVICE_TICKETS, warnings),
                ctx.config().timezone())
            .withColumn("_k", concat_ws(":", col(ServiceTickets.TICKET_ID), col(ServiceTickets.STATUS)));
        return Dedup.firstByKey(t, "_k", earlierKeys(ctx, ServiceTickets.TICKET_ID, ServiceTickets.STATUS), FIRST_SEEN);
      }

      private Dataset<Row> earlierKeys(JobContext ctx, String a, String b) {
        if (!DeltaWriter.exists(ctx.spark(), output(), ctx.warehouse())) {
          return null;
        }
        return DeltaWriter.read(ctx.spark(), output(), ctx.warehouse())
            .where(col(SilverColumns.RUN_DATE).lt(Date.valueOf(ctx.range().from())))
            .select(concat_ws(":", col(a), col(b)).alias("_k"));
      }
    };
  }

  static Job touchpoints() {
    return new SilverJob(SILVER_TOUCHPOINTS, Tables.SILVER_TOUCHPOINTS,
        List.of(SourceEntities.CLICKSTREAM_EVENTS.jobId(), SourceEntities.MINIPROGRAM_EVENTS.jobId(),
            SILVER_SERVICE_TICKETS, SILVER_PRODUCTS),
        "Every interaction that is not an order (web/app clicks, ad visits, coupon claims, store-locator use, mini-program events, service contacts): one row per interaction.",
        Touchpoints.COLUMNS) {
      @Override
      protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
        var zone = ctx.config().timezone();
        Dataset<Row> tickets = DeltaWriter.exists(ctx.spark(), Tables.SILVER_SERVICE_TICKETS, ctx.warehouse())
            ? TouchpointTransforms.fromServiceTickets(inRange(ctx, Tables.SILVER_SERVICE_TICKETS))
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
    return new SilverJob(SILVER_MEMBERS, Tables.SILVER_MEMBERS,
        List.of(SourceEntities.CRM_MEMBERS.jobId()),
        "CRM member profile versions: one row per member and profile version (updated_ts). Holds PII; gold never does.",
        Members.COLUMNS) {
      @Override
      protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
        Dataset<Row> m = ReferenceTransforms.members(bronzeInRange(ctx, SourceEntities.CRM_MEMBERS, warnings))
            .withColumn("_k", concat_ws(":", col(SilverColumns.MEMBER_ID), col(Members.UPDATED_TS).cast("string")));
        return Dedup.firstByKey(m, "_k", null, FIRST_SEEN);
      }
    };
  }

  static Job adSpend() {
    return new SilverJob(SILVER_AD_SPEND, Tables.SILVER_AD_SPEND,
        List.of(SourceEntities.AD_SPEND_DAILY.jobId()),
        "Advertising spend: one row per spend day, media and campaign (first report wins).",
        AdSpend.COLUMNS) {
      @Override
      protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
        Dataset<Row> s = ReferenceTransforms.adSpend(bronzeInRange(ctx, SourceEntities.AD_SPEND_DAILY, warnings))
            .withColumn("_k", concat_ws(":", col(AdSpend.SPEND_DATE).cast("string"), col(AdSpend.MEDIA), col(AdSpend.CAMPAIGN_ID)));
        return Dedup.firstByKey(s, "_k", null, FIRST_SEEN);
      }
    };
  }

  static Job identifiers() {
    return new SilverJob(SILVER_IDENTIFIERS, Tables.SILVER_IDENTIFIERS,
        List.of(SILVER_ORDERS, SILVER_TOUCHPOINTS, SILVER_MEMBERS),
        "Identifier observations: one row per business day, identifier (type, normalised value) and record that carried it. Identifiers sharing a record_key were seen together.",
        SilverColumns.IdentifierObs.COLUMNS) {
      @Override
      protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
        return IdentifierTransforms.fromOrders(inRange(ctx, Tables.SILVER_ORDERS))
            .unionByName(IdentifierTransforms.fromTouchpoints(inRange(ctx, Tables.SILVER_TOUCHPOINTS)))
            .unionByName(IdentifierTransforms.fromMembers(inRange(ctx, Tables.SILVER_MEMBERS)));
      }
    };
  }

  /** The catalogue in force on each day of the run (latest snapshot on or before the day). */
  static Dataset<Row> catalogue(JobContext ctx) {
    Dataset<Row> products = DeltaWriter.read(ctx.spark(), Tables.SILVER_PRODUCTS, ctx.warehouse())
        .where(col(SilverColumns.RUN_DATE).leq(Date.valueOf(ctx.range().to())));
    return ProductLookup.catalogueByDay(products, ctx.range().days());
  }
}
