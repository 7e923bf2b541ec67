package io.onecustomer.jobs.value;

import static io.onecustomer.common.spec.Types.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.Types;

/** The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks). */
public final class ValueSpecs {
  private ValueSpecs() {}

  public static final TableSpec CUSTOMER_FEATURES = TableSpec.table(Tables.GOLD, "customer_features")
      .grain("Model features of every customer with a purchase in the value.active-days up to the snapshot, from data up to the snapshot only (the same transform builds the training cut-offs), with the BG/NBD and Gamma-Gamma outputs fitted on that day. Partitioned by snapshot_date; a run writes its last day.")
      .column("customer_id", STRING, "Unified customer (gold.customer_identities as of the run's last day)")
      .column("recency_days", DOUBLE, "Days since the latest purchase (all history up to the snapshot)")
      .column("tenure_days", DOUBLE, "Days since the first purchase")
      .column("frequency", DOUBLE, "Purchases in (snapshot - analytics.customer.rfm.window-days, snapshot] (as gold.rfm_segments)")
      .column("monetary", DOUBLE, "Net revenue of those purchases, CNY")
      .column("r_score", DOUBLE, "RFM recency score 1-5 among the snapshot's customers (as gold.rfm_segments)")
      .column("f_score", DOUBLE, "RFM frequency score 1-5")
      .column("m_score", DOUBLE, "RFM monetary score 1-5")
      .column("purchases_30d", DOUBLE, "Purchases in the last 30 days (snapshot included)")
      .column("purchases_90d", DOUBLE, "Purchases in the last 90 days")
      .column("purchases_prev_90d", DOUBLE, "Purchases in the 90 days before those (days 91-180 back)")
      .column("revenue_90d", DOUBLE, "Net revenue of the last 90 days' purchases, CNY")
      .column("purchase_days", DOUBLE, "Distinct purchase days up to the snapshot")
      .column("mean_gap_days", DOUBLE, "Mean days between purchase days; -1 with one purchase day")
      .column("last_gap_days", DOUBLE, "Days between the last two purchase days; -1 with one purchase day")
      .column("gap_trend", DOUBLE, "last_gap_days / mean_gap_days (above 1: slowing down); -1 with one purchase day")
      .column("overdue_ratio", DOUBLE, "recency_days / mean_gap_days (above 1: later than usual); -1 with one purchase day")
      .column("share_marketplace", DOUBLE, "Share of the customer's purchases (all history) made on the marketplace")
      .column("share_miniprogram", DOUBLE, "Share made in the mini-program")
      .column("share_pos", DOUBLE, "Share made in stores (offline)")
      .column("share_distributor", DOUBLE, "Share made through distributors")
      .column("channel_count", DOUBLE, "Sales channels the customer bought in")
      .column("views_30d", DOUBLE, "Product views (touchpoint_type view) in the last 30 days")
      .column("views_prev_60d", DOUBLE, "Product views in the 60 days before those")
      .column("carts_90d", DOUBLE, "add_to_cart events in the last 90 days")
      .column("coupons_90d", DOUBLE, "coupon_claim events in the last 90 days")
      .column("touches_30d", DOUBLE, "All touchpoints (views, carts, coupons, store locator, shares, service contacts) in the last 30 days")
      .column("touches_prev_60d", DOUBLE, "All touchpoints in the 60 days before those")
      .column("days_since_touch", DOUBLE, "Days since the latest touchpoint in the last 90 days; -1 with none")
      .column("tickets_90d", DOUBLE, "Service tickets opened in the last 90 days")
      .column("complaints_90d", DOUBLE, "Complaint tickets in the last 90 days")
      .column("complaints_365d", DOUBLE, "Complaint tickets in the last 365 days")
      .column("avg_satisfaction", DOUBLE, "Mean satisfaction rating of the last 365 days' tickets; -1 without a rating")
      .column("is_member", DOUBLE, "1 when a member profile updated up to the snapshot resolves to the customer, else 0")
      .column("member_tier_rank", DOUBLE, "Tier of the latest such profile: position in value.tier-order + 1; 0 none or unknown")
      .column("btyd_frequency", DOUBLE, "BTYD x: repeat purchase days in the usable history")
      .column("btyd_recency", DOUBLE, "BTYD t_x, in value.btyd.unit-days units")
      .column("btyd_tenure", DOUBLE, "BTYD T, in value.btyd.unit-days units")
      .column("p_alive", DOUBLE, "BG/NBD P(alive) at the snapshot (1 for one-time buyers, by the model's definition)")
      .column("expected_purchases_churn_horizon", DOUBLE, "BG/NBD expected purchase days in the value.churn.horizon-days after the snapshot")
      .column("p_no_purchase", DOUBLE, "BG/NBD probability of no purchase in the churn horizon: 1 - P(alive) + P(alive) x ((alpha+T)/(alpha+T+t))^(r+x)")
      .column("expected_purchases_ltv_horizon", DOUBLE, "BG/NBD expected purchase days in the value.ltv.horizon-days")
      .column("expected_order_value", DOUBLE, "Gamma-Gamma conditional expected value of a purchase day, CNY (population mean for x = 0; the mean purchase day value when Gamma-Gamma has no finite mean)")
      .column("btyd_expected_value", DOUBLE, "expected_order_value x expected_purchases_ltv_horizon, undiscounted CNY")
      .column("btyd_clv", DOUBLE, "The same over monthly periods discounted at value.btyd.annual-discount-rate, CNY")
      .column("snapshot_date", DATE, "Cut-off the features describe (end of day); partition column")
      .partitionedByDay("snapshot_date")
      .replaceDays()
      .build();

  public static final TableSpec MODEL_METRICS = TableSpec.table(Tables.GOLD, "model_metrics")
      .grain("Quality of every trained value-model version: one row per model, version, scorer (the MLlib model and its BTYD baselines), split, metric and decile. Written by gold_value_model_training on the nights it trains; partitioned by run_date, a re-run replaces its day.")
      .column("model", STRING /* TODO type: not in the demo warehouse */, "churn or ltv")
      .column("model_version", STRING /* TODO type: not in the demo warehouse */, "Version trained by this run (<model>-<yyyyMMdd of the run date>)")
      .column("scorer", STRING /* TODO type: not in the demo warehouse */, "mllib (the trained pipeline), btyd_p_alive (churn score 1 - BG/NBD P(alive)), btyd (churn: BG/NBD P(no purchase in the horizon); ltv: Gamma-Gamma value x BG/NBD expected purchases, undiscounted)")
      .column("split", STRING /* TODO type: not in the demo warehouse */, "train (the earlier cut-off the model was fitted on) or validation (the later cut-off, unseen)")
      .column("cut_off_date", STRING /* TODO type: not in the demo warehouse */, "Cut-off of the split: features use data up to it, labels the horizon after it")
      .column("metric", STRING /* TODO type: not in the demo warehouse */, "auc_roc, auc_pr, base_rate, top_decile_lift, top_decile_capture, mae, rmse, mean_actual, mean_predicted; per decile: decile_mean_predicted, decile_mean_actual")
      .column("decile", STRING /* TODO type: not in the demo warehouse */, "1 = the tenth of customers with the highest score or prediction; null for whole-split metrics")
      .column("value", STRING /* TODO type: not in the demo warehouse */, "The metric's value")
      .column("customers", STRING /* TODO type: not in the demo warehouse */, "Customers the value is computed over")
      .column("is_promoted", STRING /* TODO type: not in the demo warehouse */, "Whether this version was promoted to score the nightly tables (mllib rows; baselines false)")
      .column("run_date", STRING /* TODO type: not in the demo warehouse */, "Business day of the training run; partition column")
      .replaceDays() // TODO: check partitioning and mode
      .build();

  public static final TableSpec CHURN_SCORES = TableSpec.table(Tables.GOLD, "churn_scores")
      .grain("Churn risk of every active customer: probability of no purchase in the value.churn.horizon-days after the snapshot, from the promoted churn model (or the BG/NBD baseline while none is promoted). Partitioned by snapshot_date; a run writes its last day.")
      .column("customer_id", STRING, "Unified customer")
      .column("churn_score", DOUBLE, "Probability (0-1) of no purchase in the churn horizon")
      .column("risk_band", STRING, "high (score >= value.churn.risk-bands.high), medium (>= ...medium) or low")
      .column("top_features", STRINGS, "Up to 3 features that move this customer's score most: the model's feature importance x how far the customer's value lies from the training mean (in standard deviations); empty for the baseline")
      .column("p_alive", DOUBLE, "BG/NBD P(alive) at the snapshot")
      .column("model_version", STRING, "Model version that scored (see gold.model_metrics), or btyd-baseline")
      .column("snapshot_date", DATE, "Day scored (features up to its end); partition column")
      .partitionedByDay("snapshot_date")
      .replaceDays()
      .build();

  public static final TableSpec LTV_PREDICTIONS = TableSpec.table(Tables.GOLD, "ltv_predictions")
      .grain("Predicted value of every active customer: net purchase revenue in the value.ltv.horizon-days after the snapshot from the promoted LTV model (or the BTYD value while none is promoted), beside the BTYD CLV. Partitioned by snapshot_date; a run writes its last day.")
      .column("customer_id", STRING, "Unified customer")
      .column("predicted_value", DOUBLE, "Predicted net purchase revenue in the horizon, CNY, undiscounted (never below 0)")
      .column("horizon_days", INT, "The horizon in days (value.ltv.horizon-days; 365 = 12 months)")
      .column("btyd_expected_value", DOUBLE, "Gamma-Gamma x BG/NBD expected revenue in the horizon, undiscounted, CNY (the baseline)")
      .column("btyd_clv", DOUBLE, "The BTYD value discounted monthly at value.btyd.annual-discount-rate, CNY")
      .column("p_alive", DOUBLE, "BG/NBD P(alive) at the snapshot")
      .column("expected_purchases", DOUBLE, "BG/NBD expected purchase days in the horizon")
      .column("model_version", STRING, "Model version that predicted, or btyd-baseline")
      .column("snapshot_date", DATE, "Day predicted from; partition column")
      .partitionedByDay("snapshot_date")
      .replaceDays()
      .build();
}
