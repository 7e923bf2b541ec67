package io.onecustomer.common.config;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Locale;

/**
 * Customer-value models: BTYD, the MLlib churn and LTV models, their training cadence and where
 * versions are kept ({@code onecustomer.value}, see docs/value-models.md).
 *
 * @param modelsPath root of the versioned models ({@code <warehouse>/models} when the key is empty)
 * @param activeDays a customer is scored (and labelled) at a cut-off when they bought in the
 *     {@code activeDays} days up to it
 * @param unitDays BTYD time unit in days (7: weeks)
 * @param maxSummaryRows distinct BTYD summary rows accepted on the driver
 * @param annualDiscountRate discount rate of the BTYD CLV in gold.ltv_predictions
 * @param churnHorizonDays churn label: no purchase in the N days after the cut-off
 * @param churnClassifier the churn model's learner
 * @param highRisk churn score from which the risk band is high
 * @param mediumRisk churn score from which the risk band is medium
 * @param ltvHorizonDays LTV label: net purchase revenue in the N days after the cut-off
 * @param ltvRegressor the LTV model's learner
 * @param regParam L2 regularisation of the logistic churn model
 * @param retrainEveryDays the training job trains when the newest version is at least this old
 * @param minHistoryDays purchase history needed before the earliest training cut-off
 * @param maxIter iteration limit of the linear models' solver
 * @param trees gradient-boosted trees: boosting iterations
 * @param maxDepth gradient-boosted trees: depth
 * @param stepSize gradient-boosted trees: learning rate
 * @param seed seed of the tree learners
 * @param tierOrder member tiers from lowest to highest (feature member_tier_rank = position + 1)
 */
public record ValueConfig(
    String modelsPath,
    int activeDays,
    int unitDays,
    int maxSummaryRows,
    double annualDiscountRate,
    int churnHorizonDays,
    ChurnClassifier churnClassifier,
    double highRisk,
    double mediumRisk,
    int ltvHorizonDays,
    LtvRegressor ltvRegressor,
    double regParam,
    int retrainEveryDays,
    int minHistoryDays,
    int maxIter,
    int trees,
    int maxDepth,
    double stepSize,
    long seed,
    List<String> tierOrder) {

  /** {@code churn.classifier}: the learner of the churn model. */
  public enum ChurnClassifier {
    /** L2-regularised logistic regression on standardised features. */
    LOGISTIC,
    /** Gradient-boosted trees. */
    GBT;

    /** The name as written in the config ({@code logistic}, {@code gbt}). */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code ltv.regressor}: the learner of the LTV model. */
  public enum LtvRegressor {
    /** Linear regression with Huber loss on standardised features. */
    HUBER,
    /** Gradient-boosted trees (squared error). */
    GBT;

    /** The name as written in the config ({@code huber}, {@code gbt}). */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ValueConfig {
    tierOrder = tierOrder.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
  }

  static ValueConfig parse(Config c, String prefix, String warehouse) {
    String models = c.getString("models-path").trim();
    double high = Checks.doubleIn(c, prefix, "churn.risk-bands.high", 0, 1);
    double medium = Checks.doubleIn(c, prefix, "churn.risk-bands.medium", 0, 1);
    if (medium > high) {
      throw new ConfigException(prefix + "churn.risk-bands.medium must not exceed " + prefix
          + "churn.risk-bands.high, got " + medium + " > " + high);
    }
    return new ValueConfig(
        models.isEmpty() ? warehouse.replaceAll("/+$", "") + "/models" : AppConfig.absolute(models),
        Checks.intIn(c, prefix, "active-days", 1, 3650),
        Checks.intIn(c, prefix, "btyd.unit-days", 1, 365),
        Checks.intIn(c, prefix, "btyd.max-summary-rows", 1, 50_000_000),
        Checks.doubleIn(c, prefix, "btyd.annual-discount-rate", 0, 10),
        Checks.intIn(c, prefix, "churn.horizon-days", 1, 3650),
        AppConfig.enumValue(ChurnClassifier.class, prefix + "churn.classifier", c.getString("churn.classifier")),
        high,
        medium,
        Checks.intIn(c, prefix, "ltv.horizon-days", 1, 3650),
        AppConfig.enumValue(LtvRegressor.class, prefix + "ltv.regressor", c.getString("ltv.regressor")),
        Checks.doubleIn(c, prefix, "training.reg-param", 0, 100),
        Checks.intIn(c, prefix, "training.retrain-every-days", 1, 3650),
        Checks.intIn(c, prefix, "training.min-history-days", 1, 3650),
        Checks.intIn(c, prefix, "training.max-iter", 1, 10000),
        Checks.intIn(c, prefix, "training.trees", 1, 1000),
        Checks.intIn(c, prefix, "training.max-depth", 1, 30),
        Checks.doubleIn(c, prefix, "training.step-size", 1e-6, 1),
        c.getLong("training.seed"),
        Checks.nonEmptyList(c, prefix, "tier-order"));
  }
}
