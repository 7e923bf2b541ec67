package io.onecustomer.jobs.tools;

import io.onecustomer.common.Tables;
import io.onecustomer.jobs.bronze.BronzeTransforms;
import io.onecustomer.jobs.bronze.IngestAudit;
import io.onecustomer.jobs.bronze.SourceEntities;
import io.onecustomer.jobs.bronze.SourceEntity;
import io.onecustomer.jobs.silver.SilverColumns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes docs/tables.md from the schemas in the code, so the documentation cannot drift (a test
 * compares the committed file with this output). Run: {@code bin/onecustomer-docs}.
 */
public final class TableDocs {
  private TableDocs() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/tables.md");
    Files.writeString(out, render(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  public static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Tables\n\n")
        .append("Generated from the code by `bin/onecustomer-docs` (a test fails when this file is stale).\n")
        .append("Tables live at `<warehouse>/<layer>/<table>` and are registered in the catalog as `<layer>.<table>`;\n")
        .append("the same comments are stored with each table and column (`DESCRIBE TABLE ...`).\n\n")
        .append("Partitioning: every bronze and silver table is partitioned by `run_date`, the business day of the\n")
        .append("landing folder the row came from; a run replaces exactly its days.\n\n");
    sb.append("## bronze\n\n");
    for (SourceEntity e : SourceEntities.ALL) {
      sb.append("### `").append(e.table()).append("`\n\n").append(e.comment()).append("\n")
          .append("Source: `").append(e.source()).append("/dt=YYYY-MM-DD/").append(e.entity()).append("-NNNNN.")
          .append(e.format().extension()).append("`.\n\n");
      schema(sb, BronzeTransforms.acceptedSchema(e));
    }
    sb.append("### `bronze.<table>__rejects`\n\nOne per bronze table: rows that could not be parsed or typed.\n\n");
    schema(sb, BronzeTransforms.REJECTS_SCHEMA);
    sb.append("Reason codes: `malformed_json`, `wrong_column_count`, `unexpected_header`, `invalid_encoding`,\n")
        .append("`missing_value`, `unparseable_number`, `unparseable_timestamp`, `invalid_value`, `negative_quantity`,\n")
        .append("`zero_quantity`, `future_timestamp`.\n\n");
    sb.append("## ops\n\n### `").append(Tables.OPS_INGEST_AUDIT).append("`\n\n").append(IngestAudit.COMMENT).append("\n\n");
    schema(sb, IngestAudit.SCHEMA);
    silver(sb, io.onecustomer.jobs.identity.IdentityColumns.OPS_IDENTITY_AUDIT.qualified(),
        io.onecustomer.jobs.identity.IdentityColumns.AUDIT_COMMENT, io.onecustomer.jobs.identity.IdentityColumns.AUDIT_COLUMNS);
    silver(sb, io.onecustomer.jobs.erasure.Erasure.OPS_ERASURE_LOG.qualified(), io.onecustomer.jobs.erasure.Erasure.LOG_COMMENT,
        io.onecustomer.jobs.erasure.Erasure.LogColumns.COLUMNS);
    sb.append("## silver\n\n");
    silver(sb, Tables.SILVER_ORDERS.qualified(), "One row per order line of every sales channel (deduplicated by `order_line_id`).", SilverColumns.Orders.COLUMNS);
    silver(sb, Tables.SILVER_TOUCHPOINTS.qualified(), "One row per interaction that is not an order.", SilverColumns.Touchpoints.COLUMNS);
    silver(sb, Tables.SILVER_IDENTIFIERS.qualified(), "One row per business day, identifier and record that carried it.", SilverColumns.IdentifierObs.COLUMNS);
    silver(sb, Tables.SILVER_PRODUCTS.qualified(), "One row per product, channel SKU and snapshot day.", SilverColumns.Products.COLUMNS);
    silver(sb, Tables.SILVER_AD_SPEND.qualified(), "One row per spend day, media and campaign.", SilverColumns.AdSpend.COLUMNS);
    silver(sb, Tables.SILVER_SERVICE_TICKETS.qualified(), "One row per ticket and status.", SilverColumns.ServiceTickets.COLUMNS);
    silver(sb, Tables.SILVER_MEMBERS.qualified(), "One row per member profile version.", SilverColumns.Members.COLUMNS);
    sb.append("## gold\n\n");
    silver(sb, io.onecustomer.jobs.identity.IdentityColumns.GOLD_CUSTOMER_IDENTITIES.qualified(),
        io.onecustomer.jobs.identity.IdentityColumns.IDENTITIES_COMMENT,
        io.onecustomer.jobs.identity.IdentityColumns.IDENTITIES_COLUMNS);
    silver(sb, io.onecustomer.jobs.identity.IdentityColumns.GOLD_CUSTOMER_ID_HISTORY.qualified(),
        io.onecustomer.jobs.identity.IdentityColumns.HISTORY_COMMENT,
        io.onecustomer.jobs.identity.IdentityColumns.HISTORY_COLUMNS);
    silver(sb, io.onecustomer.jobs.customer.CustomerColumns.GOLD_CUSTOMERS.qualified(),
        io.onecustomer.jobs.customer.CustomerColumns.TABLE_COMMENT, io.onecustomer.jobs.customer.CustomerColumns.COLUMNS);
    silver(sb, io.onecustomer.jobs.attribution.AttributionTables.GOLD_ATTRIBUTION_CREDITS.qualified(),
        io.onecustomer.jobs.attribution.AttributionTables.Credits.COMMENT,
        io.onecustomer.jobs.attribution.AttributionTables.Credits.COLUMNS);
    silver(sb, io.onecustomer.jobs.attribution.AttributionTables.GOLD_CHANNEL_ATTRIBUTION.qualified(),
        io.onecustomer.jobs.attribution.AttributionTables.ChannelDaily.COMMENT,
        io.onecustomer.jobs.attribution.AttributionTables.ChannelDaily.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.AnalyticsTables.GOLD_CUSTOMER_ORDERS.qualified(),
        io.onecustomer.jobs.analytics.AnalyticsTables.CustomerOrders.COMMENT,
        io.onecustomer.jobs.analytics.AnalyticsTables.CustomerOrders.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.customer.RfmTables.GOLD_RFM_SEGMENTS.qualified(), io.onecustomer.jobs.analytics.customer.RfmTables.Segments.COMMENT,
        io.onecustomer.jobs.analytics.customer.RfmTables.Segments.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.customer.RfmTables.GOLD_RFM_SEGMENT_TRANSITIONS.qualified(), io.onecustomer.jobs.analytics.customer.RfmTables.Transitions.COMMENT,
        io.onecustomer.jobs.analytics.customer.RfmTables.Transitions.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.customer.RfmTables.GOLD_CUSTOMER_FLAGS.qualified(), io.onecustomer.jobs.analytics.customer.RfmTables.Flags.COMMENT,
        io.onecustomer.jobs.analytics.customer.RfmTables.Flags.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.channel.ChannelTables.GOLD_CHANNEL_HEALTH.qualified(), io.onecustomer.jobs.analytics.channel.ChannelTables.Health.COMMENT,
        io.onecustomer.jobs.analytics.channel.ChannelTables.Health.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.channel.ChannelTables.GOLD_CHANNEL_HEALTH_MONTHLY.qualified(), io.onecustomer.jobs.analytics.channel.ChannelTables.HealthMonthly.COMMENT,
        io.onecustomer.jobs.analytics.channel.ChannelTables.HealthMonthly.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.channel.ChannelTables.GOLD_CHANNEL_ASSISTS.qualified(), io.onecustomer.jobs.analytics.channel.ChannelTables.Assists.COMMENT,
        io.onecustomer.jobs.analytics.channel.ChannelTables.Assists.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.channel.ChannelTables.GOLD_CHANNEL_FUNNEL.qualified(), io.onecustomer.jobs.analytics.channel.ChannelTables.Funnel.COMMENT,
        io.onecustomer.jobs.analytics.channel.ChannelTables.Funnel.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.customer.BehaviourTables.GOLD_REPURCHASE_METRICS.qualified(), io.onecustomer.jobs.analytics.customer.BehaviourTables.Repurchase.COMMENT,
        io.onecustomer.jobs.analytics.customer.BehaviourTables.Repurchase.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.customer.BehaviourTables.GOLD_CROSS_SELL_PAIRS.qualified(), io.onecustomer.jobs.analytics.customer.BehaviourTables.CrossSell.COMMENT,
        io.onecustomer.jobs.analytics.customer.BehaviourTables.CrossSell.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.customer.BehaviourTables.GOLD_COHORT_RETENTION.qualified(), io.onecustomer.jobs.analytics.customer.BehaviourTables.Cohort.COMMENT,
        io.onecustomer.jobs.analytics.customer.BehaviourTables.Cohort.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.alerts.AlertTables.GOLD_PRICE_CONFLICTS.qualified(), io.onecustomer.jobs.analytics.alerts.AlertTables.PriceConflicts.COMMENT,
        io.onecustomer.jobs.analytics.alerts.AlertTables.PriceConflicts.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.alerts.AlertTables.GOLD_DISTRIBUTOR_ALERTS.qualified(), io.onecustomer.jobs.analytics.alerts.AlertTables.DistributorAlerts.COMMENT,
        io.onecustomer.jobs.analytics.alerts.AlertTables.DistributorAlerts.COLUMNS);
    silver(sb, io.onecustomer.jobs.analytics.alerts.AlertTables.GOLD_SALES_ALERTS.qualified(), io.onecustomer.jobs.analytics.alerts.AlertTables.SalesAlerts.COMMENT,
        io.onecustomer.jobs.analytics.alerts.AlertTables.SalesAlerts.COLUMNS);
    silver(sb, io.onecustomer.jobs.value.ValueTables.GOLD_CUSTOMER_FEATURES.qualified(),
        io.onecustomer.jobs.value.ValueTables.Features.COMMENT, io.onecustomer.jobs.value.ValueTables.Features.COLUMNS);
    silver(sb, io.onecustomer.jobs.value.ValueTables.GOLD_MODEL_METRICS.qualified(),
        io.onecustomer.jobs.value.ValueTables.Metrics.COMMENT, io.onecustomer.jobs.value.ValueTables.Metrics.COLUMNS);
    silver(sb, io.onecustomer.jobs.value.ValueTables.GOLD_CHURN_SCORES.qualified(),
        io.onecustomer.jobs.value.ValueTables.ChurnScores.COMMENT,
        io.onecustomer.jobs.value.ValueTables.ChurnScores.COLUMNS);
    silver(sb, io.onecustomer.jobs.value.ValueTables.GOLD_LTV_PREDICTIONS.qualified(),
        io.onecustomer.jobs.value.ValueTables.LtvPredictions.COMMENT,
        io.onecustomer.jobs.value.ValueTables.LtvPredictions.COLUMNS);
    return sb.toString();
  }

  private static void schema(StringBuilder sb, StructType s) {
    sb.append("| column | type | meaning |\n|---|---|---|\n");
    for (StructField f : s.fields()) {
      String c = f.metadata().contains("comment") ? f.metadata().getString("comment") : "";
      sb.append("| `").append(f.name()).append("` | ").append(f.dataType().simpleString()).append(" | ")
          .append(c).append(" |\n");
    }
    sb.append('\n');
  }

  private static void silver(StringBuilder sb, String name, String grain, Map<String, String> cols) {
    sb.append("### `").append(name).append("`\n\n").append(grain).append("\n\n| column | meaning |\n|---|---|\n");
    cols.forEach((k, v) -> sb.append("| `").append(k).append("` | ").append(v).append(" |\n"));
    sb.append('\n');
  }
}
