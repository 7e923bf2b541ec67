package io.onecustomer.jobs.value;

import io.onecustomer.common.TableId;
import io.onecustomer.common.spec.TableSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names of the gold tables of the customer-value models (docs/value-models.md) and their columns;
 * everything else is in {@link ValueSpecs}.
 */
public final class ValueTables {
  private ValueTables() {}

  public static final TableId GOLD_CUSTOMER_FEATURES = ValueSpecs.CUSTOMER_FEATURES.id();
  public static final TableId GOLD_MODEL_METRICS = ValueSpecs.MODEL_METRICS.id();
  public static final TableId GOLD_CHURN_SCORES = ValueSpecs.CHURN_SCORES.id();
  public static final TableId GOLD_LTV_PREDICTIONS = ValueSpecs.LTV_PREDICTIONS.id();

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

    /** For {@code tools.TableDocs} until it reads the specs: the spec's grain. */
    /** For {@code tools.TableDocs} until it reads the specs: the spec's columns and comments. */
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

    /** For {@code tools.TableDocs} until it reads the specs: the spec's grain. */
    /** For {@code tools.TableDocs} until it reads the specs: the spec's columns and comments. */
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

    /** For {@code tools.TableDocs} until it reads the specs: the spec's grain. */
    /** For {@code tools.TableDocs} until it reads the specs: the spec's columns and comments. */
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

    /** For {@code tools.TableDocs} until it reads the specs: the spec's grain. */
    /** For {@code tools.TableDocs} until it reads the specs: the spec's columns and comments. */
  }
}
