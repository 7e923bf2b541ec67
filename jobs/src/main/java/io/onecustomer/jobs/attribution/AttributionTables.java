package io.onecustomer.jobs.attribution;

import io.onecustomer.common.TableId;
import io.onecustomer.common.spec.TableSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names of the gold tables of attribution and their columns; everything else is in {@link AttributionSpecs}. */
public final class AttributionTables {
  private AttributionTables() {}

  public static final TableId GOLD_ATTRIBUTION_CREDITS = AttributionSpecs.ATTRIBUTION_CREDITS.id();
  public static final TableId GOLD_CHANNEL_ATTRIBUTION = AttributionSpecs.CHANNEL_ATTRIBUTION.id();


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

    /** For {@code tools.TableDocs} until it reads the specs: the spec's grain. */
    /** For {@code tools.TableDocs} until it reads the specs: the spec's columns and comments. */
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

    /** For {@code tools.TableDocs} until it reads the specs: the spec's grain. */
    /** For {@code tools.TableDocs} until it reads the specs: the spec's columns and comments. */
  }
}
