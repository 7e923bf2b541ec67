package io.onecustomer.jobs.attribution;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.jobs.silver.SilverColumns;
import java.util.Map;

/** The gold tables of attribution: names, columns with their comments, table comments. */
public final class AttributionTables {
  private AttributionTables() {}

  public static final TableId GOLD_ATTRIBUTION_CREDITS = new TableId(Tables.GOLD, "attribution_credits");
  public static final TableId GOLD_CHANNEL_ATTRIBUTION = new TableId(Tables.GOLD, "channel_attribution");

  /** gold.attribution_credits: one row per conversion, model and credited channel. */
  public static final class Credits {
    private Credits() {}

    public static final String CONVERSION_ID = "conversion_id";
    public static final String CONVERSION_CHANNEL = "conversion_channel";
    public static final String ORDER_ID = "order_id";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String CONVERSION_TS = "conversion_ts";
    public static final String CONVERSION_VALUE = "conversion_value";
    public static final String PATH_TOUCHES = "path_touches";
    public static final String MODEL = "model";
    public static final String CHANNEL = "channel";
    public static final String CREDIT_CONVERSIONS = "credit_conversions";
    public static final String CREDIT_VALUE = "credit_value";
    public static final String FITTED_FROM = "fitted_from";
    public static final String FITTED_TO = "fitted_to";
    public static final String CONVERSION_DATE = "conversion_date";

    public static final String COMMENT = "Multi-touch attribution credits: one row per conversion (a non-cancelled order"
        + " of a conversion channel, or a configured conversion event), model and credited channel. For every conversion and model the credits sum to"
        + " one conversion and exactly to its value. Partitioned by conversion_date; a run replaces its days.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        CONVERSION_ID, "Conversion: <sales channel>:<order id>, or <touchpoint type>:<touchpoint id> for a conversion"
            + " event",
        CONVERSION_CHANNEL, "Conversion type: the order's sales channel (marketplace, miniprogram, pos) or the touchpoint"
            + " type of a conversion event (attribution.conversion-events)",
        ORDER_ID, "Order id in its channel, or the touchpoint id of a conversion event",
        CUSTOMER_ID, "Unified customer (gold.customer_identities); null when the order resolves to no customer",
        CONVERSION_TS, "Order time, UTC",
        CONVERSION_VALUE, "Net order value, CNY (after refunds)",
        PATH_TOUCHES, "Touches in the path after the path options (0: credited to the none-channel)",
        MODEL, "first_touch, last_touch, last_non_direct, linear, time_decay, position_based, markov,"
            + " markov_without_nulls, shapley",
        CHANNEL, "Credited attribution channel (attribution.channel-level), or the none-channel (direct/none)",
        CREDIT_CONVERSIONS, "Share of the conversion; sums to 1 per conversion and model",
        CREDIT_VALUE, "Share of the value, CNY; sums exactly to conversion_value per conversion and model",
        FITTED_FROM, "Data-driven models: first conversion day of the journeys the model was fitted on; null otherwise",
        FITTED_TO, "Data-driven models: last day of the fit window; null otherwise",
        CONVERSION_DATE, "Business day of the conversion; partition column");
  }

  /** gold.channel_attribution: one row per day, model and channel, with spend. */
  public static final class ChannelDaily {
    private ChannelDaily() {}

    public static final String ATTRIBUTION_DATE = "attribution_date";
    public static final String MODEL = "model";
    public static final String CHANNEL = "channel";
    public static final String ATTRIBUTED_CONVERSIONS = "attributed_conversions";
    public static final String ATTRIBUTED_VALUE = "attributed_value";
    public static final String CONVERSIONS_TOUCHED = "conversions_touched";
    public static final String SPEND = "spend";
    public static final String CLICKS = "clicks";
    public static final String IMPRESSIONS = "impressions";
    public static final String COST_PER_CONVERSION = "cost_per_conversion";
    public static final String ROAS = "roas";

    public static final String COMMENT = "Attribution per channel, model and day with the day's ad spend: attributed"
        + " conversions and value, cost per attributed conversion and ROAS, so that models can be compared side by"
        + " side. Channels with spend but no credit have 0 conversions. Partitioned by attribution_date.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        MODEL, "Attribution model (as in gold.attribution_credits)",
        CHANNEL, "Attribution channel",
        ATTRIBUTED_CONVERSIONS, "Sum of credit_conversions of the day's conversions",
        ATTRIBUTED_VALUE, "Sum of credit_value, CNY",
        CONVERSIONS_TOUCHED, "Conversions of the day in which the channel received credit",
        SPEND, "Ad spend of the channel that day, CNY (silver.ad_spend; 0 without spend)",
        CLICKS, "Clicks reported with the spend",
        IMPRESSIONS, "Impressions reported with the spend",
        COST_PER_CONVERSION, "spend / attributed_conversions; null when either is 0",
        ROAS, "attributed_value / spend; null without spend",
        ATTRIBUTION_DATE, "Business day of the conversions and of the spend; partition column");
  }
}
