package io.onecustomer.jobs.attribution;

import static io.onecustomer.common.spec.Types.DATE;
import static io.onecustomer.common.spec.Types.DOUBLE;
import static io.onecustomer.common.spec.Types.INT;
import static io.onecustomer.common.spec.Types.LONG;
import static io.onecustomer.common.spec.Types.MONEY;
import static io.onecustomer.common.spec.Types.STRING;
import static io.onecustomer.common.spec.Types.TIMESTAMP;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.Level;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.attribution.AttributionColumns.Models;

/**
 * The specs of this package's tables (name, grain, typed columns with comments, partitioning, key,
 * mode, checks). Checks hold by construction on healthy data: every conversion is credited by every
 * model ({@link CreditAllocation}: one row per channel, shares in [0, 1]); amounts come from the
 * orders, so a negative one is upstream data to look at (a warning), not a reason to stop the night.
 */
public final class AttributionSpecs {
  private AttributionSpecs() {}

  public static final TableSpec ATTRIBUTION_CREDITS = TableSpec.table(Tables.GOLD, "attribution_credits")
      .grain("Multi-touch attribution credits: one row per conversion (a non-cancelled order of a conversion channel, or a configured conversion event), model and credited channel. For every conversion and model the credits sum to one conversion and exactly to its value. Partitioned by conversion_date; a run replaces its days.")
      .required("conversion_id", STRING, "Conversion: <sales channel>:<order id>, or <touchpoint type>:<touchpoint id> for a conversion event")
      .required("conversion_channel", STRING, "Conversion type: the order's sales channel (marketplace, miniprogram, pos) or the touchpoint type of a conversion event (attribution.conversion-events)")
      .required("order_id", STRING, "Order id in its channel, or the touchpoint id of a conversion event")
      .column("customer_id", STRING, "Unified customer (gold.customer_identities); null when the order resolves to no customer")
      .required("conversion_ts", TIMESTAMP, "Order time, UTC")
      .required("conversion_value", MONEY, "Net order value, CNY (after refunds)")
      .required("path_touches", INT, "Touches in the path after the path options (0: credited to the none-channel)")
      .required("model", STRING, "first_touch, last_touch, last_non_direct, linear, time_decay, position_based, markov, markov_without_nulls, shapley")
      .required("channel", STRING, "Credited attribution channel (attribution.channel-level), or the none-channel (direct/none)")
      .required("credit_conversions", DOUBLE, "Share of the conversion; sums to 1 per conversion and model")
      .required("credit_value", MONEY, "Share of the value, CNY; sums exactly to conversion_value per conversion and model")
      .column("fitted_from", DATE, "Data-driven models: first conversion day of the journeys the model was fitted on; null otherwise")
      .column("fitted_to", DATE, "Data-driven models: last day of the fit window; null otherwise")
      .required("conversion_date", DATE, "Business day of the conversion; partition column")
      .partitionedByDay("conversion_date")
      .key("conversion_id", "model", "channel")
      .replaceDays()
      .check(Check.acceptedValues("model", Models.ALL.toArray(String[]::new)))
      .check(Check.range("credit_conversions", 0.0, 1.0))
      .check(Check.range("path_touches", 0.0, null))
      .check(Check.range("conversion_value", 0.0, null).at(Level.WARNING))
      .check(Check.range("credit_value", 0.0, null).at(Level.WARNING))
      .build();

  public static final TableSpec CHANNEL_ATTRIBUTION = TableSpec.table(Tables.GOLD, "channel_attribution")
      .grain("Attribution per channel, model and day with the day's ad spend: attributed conversions and value, cost per attributed conversion and ROAS, so that models can be compared side by side. Channels with spend but no credit have 0 conversions. Partitioned by attribution_date.")
      .required("model", STRING, "Attribution model (as in gold.attribution_credits)")
      .required("channel", STRING, "Attribution channel")
      .required("attributed_conversions", DOUBLE, "Sum of credit_conversions of the day's conversions")
      .required("attributed_value", MONEY, "Sum of credit_value, CNY")
      .required("conversions_touched", LONG, "Conversions of the day in which the channel received credit")
      .required("spend", MONEY, "Ad spend of the channel that day, CNY (silver.ad_spend; 0 without spend)")
      .required("clicks", LONG, "Clicks reported with the spend")
      .required("impressions", LONG, "Impressions reported with the spend")
      .column("cost_per_conversion", DOUBLE, "spend / attributed_conversions; null when either is 0")
      .column("roas", DOUBLE, "attributed_value / spend; null without spend")
      .required("attribution_date", DATE, "Business day of the conversions and of the spend; partition column")
      .partitionedByDay("attribution_date")
      .key("attribution_date", "model", "channel")
      .replaceDays()
      .check(Check.acceptedValues("model", Models.ALL.toArray(String[]::new)))
      .check(Check.range("attributed_conversions", 0.0, null))
      .check(Check.range("conversions_touched", 0.0, null))
      .check(Check.range("spend", 0.0, null).at(Level.WARNING))
      .check(Check.range("attributed_value", 0.0, null).at(Level.WARNING))
      .build();
}
