package io.onecustomer.jobs.attribution;

import static io.onecustomer.common.spec.Types.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.Types;

/** The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks). */
public final class AttributionSpecs {
  private AttributionSpecs() {}

  public static final TableSpec ATTRIBUTION_CREDITS = TableSpec.table(Tables.GOLD, "attribution_credits")
      .grain("Multi-touch attribution credits: one row per conversion (a non-cancelled order of a conversion channel, or a configured conversion event), model and credited channel. For every conversion and model the credits sum to one conversion and exactly to its value. Partitioned by conversion_date; a run replaces its days.")
      .column("conversion_id", STRING, "Conversion: <sales channel>:<order id>, or <touchpoint type>:<touchpoint id> for a conversion event")
      .column("conversion_channel", STRING, "Conversion type: the order's sales channel (marketplace, miniprogram, pos) or the touchpoint type of a conversion event (attribution.conversion-events)")
      .column("order_id", STRING, "Order id in its channel, or the touchpoint id of a conversion event")
      .column("customer_id", STRING, "Unified customer (gold.customer_identities); null when the order resolves to no customer")
      .column("conversion_ts", TIMESTAMP, "Order time, UTC")
      .column("conversion_value", MONEY, "Net order value, CNY (after refunds)")
      .column("path_touches", INT, "Touches in the path after the path options (0: credited to the none-channel)")
      .column("model", STRING, "first_touch, last_touch, last_non_direct, linear, time_decay, position_based, markov, markov_without_nulls, shapley")
      .column("channel", STRING, "Credited attribution channel (attribution.channel-level), or the none-channel (direct/none)")
      .column("credit_conversions", DOUBLE, "Share of the conversion; sums to 1 per conversion and model")
      .column("credit_value", MONEY, "Share of the value, CNY; sums exactly to conversion_value per conversion and model")
      .column("fitted_from", DATE, "Data-driven models: first conversion day of the journeys the model was fitted on; null otherwise")
      .column("fitted_to", DATE, "Data-driven models: last day of the fit window; null otherwise")
      .column("conversion_date", DATE, "Business day of the conversion; partition column")
      .partitionedByDay("conversion_date")
      .replaceDays()
      .build();

  public static final TableSpec CHANNEL_ATTRIBUTION = TableSpec.table(Tables.GOLD, "channel_attribution")
      .grain("Attribution per channel, model and day with the day's ad spend: attributed conversions and value, cost per attributed conversion and ROAS, so that models can be compared side by side. Channels with spend but no credit have 0 conversions. Partitioned by attribution_date.")
      .column("model", STRING, "Attribution model (as in gold.attribution_credits)")
      .column("channel", STRING, "Attribution channel")
      .column("attributed_conversions", DOUBLE, "Sum of credit_conversions of the day's conversions")
      .column("attributed_value", MONEY, "Sum of credit_value, CNY")
      .column("conversions_touched", LONG, "Conversions of the day in which the channel received credit")
      .column("spend", MONEY, "Ad spend of the channel that day, CNY (silver.ad_spend; 0 without spend)")
      .column("clicks", LONG, "Clicks reported with the spend")
      .column("impressions", LONG, "Impressions reported with the spend")
      .column("cost_per_conversion", DOUBLE, "spend / attributed_conversions; null when either is 0")
      .column("roas", DOUBLE, "attributed_value / spend; null without spend")
      .column("attribution_date", DATE, "Business day of the conversions and of the spend; partition column")
      .partitionedByDay("attribution_date")
      .replaceDays()
      .build();
}
