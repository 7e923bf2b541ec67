package io.onecustomer.jobs.value;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.jobs.silver.SilverColumns;
import java.util.Map;

/**
 * The gold tables of the customer-value models (docs/value-models.md): names, columns with their
 * comments, table comments.
 */
public final class ValueTables {
  private ValueTables() {}

  public static final TableId GOLD_CUSTOMER_FEATURES = new TableId(Tables.GOLD, "customer_features");
  public static final TableId GOLD_MODEL_METRICS = new TableId(Tables.GOLD, "model_metrics");
  public static final TableId GOLD_CHURN_SCORES = new TableId(Tables.GOLD, "churn_scores");
  public static final TableId GOLD_LTV_PREDICTIONS = new TableId(Tables.GOLD, "ltv_predictions");

  public static final String CUSTOMER_ID = "customer_id";
  public static final String SNAPSHOT_DATE = "snapshot_date";
  public static final String MODEL_VERSION = "model_version";

  /** gold.model_metrics: one row per model version, scorer, split, metric and decile. */
  public static final class Metrics {
    private Metrics() {}

    public static final String MODEL = "model";
    public static final String MODEL_VERSION = ValueTables.MODEL_VERSION;
    public static final String SCORER = "scorer";
    public static final String SPLIT = "split";
    public static final String CUT_OFF_DATE = "cut_off_date";
    public static final String METRIC = "metric";
    public static final String DECILE = "decile";
    public static final String VALUE = "value";
    public static final String CUSTOMERS = "customers";
    public static final String IS_PROMOTED = "is_promoted";
    public static final String RUN_DATE = "run_date";

    public static final String COMMENT = "Quality of every trained value-model version: one row per model, version,"
        + " scorer (the MLlib model and its BTYD baselines), split, metric and decile. Written by"
        + " gold_value_model_training on the nights it trains; partitioned by run_date, a re-run replaces its day.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        MODEL, "churn or ltv",
        MODEL_VERSION, "Version trained by this run (<model>-<yyyyMMdd of the run date>)",
        SCORER, "mllib (the trained pipeline), btyd_p_alive (churn score 1 - BG/NBD P(alive)), btyd (churn: BG/NBD"
            + " P(no purchase in the horizon); ltv: Gamma-Gamma value x BG/NBD expected purchases, undiscounted)",
        SPLIT, "train (the earlier cut-off the model was fitted on) or validation (the later cut-off, unseen)",
        CUT_OFF_DATE, "Cut-off of the split: features use data up to it, labels the horizon after it",
        METRIC, "auc_roc, auc_pr, base_rate, top_decile_lift, top_decile_capture, mae, rmse, mean_actual,"
            + " mean_predicted; per decile: decile_mean_predicted, decile_mean_actual",
        DECILE, "1 = the tenth of customers with the highest score or prediction; null for whole-split metrics",
        VALUE, "The metric's value",
        CUSTOMERS, "Customers the value is computed over",
        IS_PROMOTED, "Whether this version was promoted to score the nightly tables (mllib rows; baselines false)",
        RUN_DATE, "Business day of the training run; partition column");
  }

  /** Columns of gold.customer_features (one row per active customer and snapshot day). */
  public static final class Features {
    private Features() {}

    public static final String CUSTOMER_ID = ValueTables.CUSTOMER_ID;
    public static final String SNAPSHOT_DATE = ValueTables.SNAPSHOT_DATE;
    public static final String RECENCY_DAYS = "recency_days";
    public static final String TENURE_DAYS = "tenure_days";
    public static final String FREQUENCY = "frequency";
    public static final String MONETARY = "monetary";
    public static final String R_SCORE = "r_score";
    public static final String F_SCORE = "f_score";
    public static final String M_SCORE = "m_score";
    public static final String PURCHASES_30D = "purchases_30d";
    public static final String PURCHASES_90D = "purchases_90d";
    public static final String PURCHASES_PREV_90D = "purchases_prev_90d";
    public static final String REVENUE_90D = "revenue_90d";
    public static final String PURCHASE_DAYS = "purchase_days";
    public static final String MEAN_GAP_DAYS = "mean_gap_days";
    public static final String LAST_GAP_DAYS = "last_gap_days";
    public static final String GAP_TREND = "gap_trend";
    public static final String OVERDUE_RATIO = "overdue_ratio";
    public static final String SHARE_MARKETPLACE = "share_marketplace";
    public static final String SHARE_MINIPROGRAM = "share_miniprogram";
    public static final String SHARE_POS = "share_pos";
    public static final String SHARE_DISTRIBUTOR = "share_distributor";
    public static final String CHANNEL_COUNT = "channel_count";
    public static final String VIEWS_30D = "views_30d";
    public static final String VIEWS_PREV_60D = "views_prev_60d";
    public static final String CARTS_90D = "carts_90d";
    public static final String COUPONS_90D = "coupons_90d";
    public static final String TOUCHES_30D = "touches_30d";
    public static final String TOUCHES_PREV_60D = "touches_prev_60d";
    public static final String DAYS_SINCE_TOUCH = "days_since_touch";
    public static final String TICKETS_90D = "tickets_90d";
    public static final String COMPLAINTS_90D = "complaints_90d";
    public static final String COMPLAINTS_365D = "complaints_365d";
    public static final String AVG_SATISFACTION = "avg_satisfaction";
    public static final String IS_MEMBER = "is_member";
    public static final String MEMBER_TIER_RANK = "member_tier_rank";
    public static final String BTYD_FREQUENCY = "btyd_frequency";
    public static final String BTYD_RECENCY = "btyd_recency";
    public static final String BTYD_TENURE = "btyd_tenure";
    public static final String P_ALIVE = "p_alive";
    public static final String EXPECTED_PURCHASES_CHURN = "expected_purchases_churn_horizon";
    public static final String P_NO_PURCHASE = "p_no_purchase";
    public static final String EXPECTED_PURCHASES_LTV = "expected_purchases_ltv_horizon";
    public static final String EXPECTED_ORDER_VALUE = "expected_order_value";
    public static final String BTYD_EXPECTED_VALUE = "btyd_expected_value";
    public static final String BTYD_CLV = "btyd_clv";

    public static final String COMMENT = "Model features of every customer with a purchase in the value.active-days"
        + " up to the snapshot, from data up to the snapshot only (the same transform builds the training cut-offs),"
        + " with the BG/NBD and Gamma-Gamma outputs fitted on that day. Partitioned by snapshot_date; a run writes"
        + " its last day.";

    /** Undefined values (no gaps, no ratings, no touch) are -1: trees split them off; documented per column. */
    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        CUSTOMER_ID, "Unified customer (gold.customer_identities as of the run's last day)",
        RECENCY_DAYS, "Days since the latest purchase (all history up to the snapshot)",
        TENURE_DAYS, "Days since the first purchase",
        FREQUENCY, "Purchases in (snapshot - analytics.customer.rfm.window-days, snapshot] (as gold.rfm_segments)",
        MONETARY, "Net revenue of those purchases, CNY",
        R_SCORE, "RFM recency score 1-5 among the snapshot's customers (as gold.rfm_segments)",
        F_SCORE, "RFM frequency score 1-5",
        M_SCORE, "RFM monetary score 1-5",
        PURCHASES_30D, "Purchases in the last 30 days (snapshot included)",
        PURCHASES_90D, "Purchases in the last 90 days",
        PURCHASES_PREV_90D, "Purchases in the 90 days before those (days 91-180 back)",
        REVENUE_90D, "Net revenue of the last 90 days' purchases, CNY",
        PURCHASE_DAYS, "Distinct purchase days up to the snapshot",
        MEAN_GAP_DAYS, "Mean days between purchase days; -1 with one purchase day",
        LAST_GAP_DAYS, "Days between the last two purchase days; -1 with one purchase day",
        GAP_TREND, "last_gap_days / mean_gap_days (above 1: slowing down); -1 with one purchase day",
        OVERDUE_RATIO, "recency_days / mean_gap_days (above 1: later than usual); -1 with one purchase day",
        SHARE_MARKETPLACE, "Share of the customer's purchases (all history) made on the marketplace",
        SHARE_MINIPROGRAM, "Share made in the mini-program",
        SHARE_POS, "Share made in stores (offline)",
        SHARE_DISTRIBUTOR, "Share made through distributors",
        CHANNEL_COUNT, "Sales channels the customer bought in",
        VIEWS_30D, "Product views (touchpoint_type view) in the last 30 days",
        VIEWS_PREV_60D, "Product views in the 60 days before those",
        CARTS_90D, "add_to_cart events in the last 90 days",
        COUPONS_90D, "coupon_claim events in the last 90 days",
        TOUCHES_30D, "All touchpoints (views, carts, coupons, store locator, shares, service contacts) in the last 30 days",
        TOUCHES_PREV_60D, "All touchpoints in the 60 days before those",
        DAYS_SINCE_TOUCH, "Days since the latest touchpoint in the last 90 days; -1 with none",
        TICKETS_90D, "Service tickets opened in the last 90 days",
        COMPLAINTS_90D, "Complaint tickets in the last 90 days",
        COMPLAINTS_365D, "Complaint tickets in the last 365 days",
        AVG_SATISFACTION, "Mean satisfaction rating of the last 365 days' tickets; -1 without a rating",
        IS_MEMBER, "1 when a member profile updated up to the snapshot resolves to the customer, else 0",
        MEMBER_TIER_RANK, "Tier of the latest such profile: position in value.tier-order + 1; 0 none or unknown",
        BTYD_FREQUENCY, "BTYD x: repeat purchase days in the usable history",
        BTYD_RECENCY, "BTYD t_x, in value.btyd.unit-days units",
        BTYD_TENURE, "BTYD T, in value.btyd.unit-days units",
        P_ALIVE, "BG/NBD P(alive) at the snapshot (1 for one-time buyers, by the model's definition)",
        EXPECTED_PURCHASES_CHURN, "BG/NBD expected purchase days in the value.churn.horizon-days after the snapshot",
        P_NO_PURCHASE, "BG/NBD probability of no purchase in the churn horizon: 1 - P(alive) + P(alive) x"
            + " ((alpha+T)/(alpha+T+t))^(r+x)",
        EXPECTED_PURCHASES_LTV, "BG/NBD expected purchase days in the value.ltv.horizon-days",
        EXPECTED_ORDER_VALUE, "Gamma-Gamma conditional expected value of a purchase day, CNY (population mean for"
            + " x = 0; the mean purchase day value when Gamma-Gamma has no finite mean)",
        BTYD_EXPECTED_VALUE, "expected_order_value x expected_purchases_ltv_horizon, undiscounted CNY",
        BTYD_CLV, "The same over monthly periods discounted at value.btyd.annual-discount-rate, CNY",
        SNAPSHOT_DATE, "Cut-off the features describe (end of day); partition column");
  }

  /** gold.churn_scores. */
  public static final class ChurnScores {
    private ChurnScores() {}

    public static final String CUSTOMER_ID = ValueTables.CUSTOMER_ID;
    public static final String CHURN_SCORE = "churn_score";
    public static final String RISK_BAND = "risk_band";
    public static final String TOP_FEATURES = "top_features";
    public static final String P_ALIVE = Features.P_ALIVE;
    public static final String MODEL_VERSION = ValueTables.MODEL_VERSION;
    public static final String SNAPSHOT_DATE = ValueTables.SNAPSHOT_DATE;

    public static final String COMMENT = "Churn risk of every active customer: probability of no purchase in the"
        + " value.churn.horizon-days after the snapshot, from the promoted churn model (or the BG/NBD baseline"
        + " while none is promoted). Partitioned by snapshot_date; a run writes its last day.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        CUSTOMER_ID, "Unified customer",
        CHURN_SCORE, "Probability (0-1) of no purchase in the churn horizon",
        RISK_BAND, "high (score >= value.churn.risk-bands.high), medium (>= ...medium) or low",
        TOP_FEATURES, "Up to 3 features that move this customer's score most: the model's feature importance x"
            + " how far the customer's value lies from the training mean (in standard deviations); empty for the"
            + " baseline",
        P_ALIVE, "BG/NBD P(alive) at the snapshot",
        MODEL_VERSION, "Model version that scored (see gold.model_metrics), or btyd-baseline",
        SNAPSHOT_DATE, "Day scored (features up to its end); partition column");
  }

  /** gold.ltv_predictions. */
  public static final class LtvPredictions {
    private LtvPredictions() {}

    public static final String CUSTOMER_ID = ValueTables.CUSTOMER_ID;
    public static final String PREDICTED_VALUE = "predicted_value";
    public static final String HORIZON_DAYS = "horizon_days";
    public static final String BTYD_EXPECTED_VALUE = Features.BTYD_EXPECTED_VALUE;
    public static final String BTYD_CLV = Features.BTYD_CLV;
    public static final String P_ALIVE = Features.P_ALIVE;
    public static final String EXPECTED_PURCHASES = "expected_purchases";
    public static final String MODEL_VERSION = ValueTables.MODEL_VERSION;
    public static final String SNAPSHOT_DATE = ValueTables.SNAPSHOT_DATE;

    public static final String COMMENT = "Predicted value of every active customer: net purchase revenue in the"
        + " value.ltv.horizon-days after the snapshot from the promoted LTV model (or the BTYD value while none is"
        + " promoted), beside the BTYD CLV. Partitioned by snapshot_date; a run writes its last day.";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        CUSTOMER_ID, "Unified customer",
        PREDICTED_VALUE, "Predicted net purchase revenue in the horizon, CNY, undiscounted (never below 0)",
        HORIZON_DAYS, "The horizon in days (value.ltv.horizon-days; 365 = 12 months)",
        BTYD_EXPECTED_VALUE, "Gamma-Gamma x BG/NBD expected revenue in the horizon, undiscounted, CNY (the baseline)",
        BTYD_CLV, "The BTYD value discounted monthly at value.btyd.annual-discount-rate, CNY",
        P_ALIVE, "BG/NBD P(alive) at the snapshot",
        EXPECTED_PURCHASES, "BG/NBD expected purchase days in the horizon",
        MODEL_VERSION, "Model version that predicted, or btyd-baseline",
        SNAPSHOT_DATE, "Day predicted from; partition column");
  }
}
