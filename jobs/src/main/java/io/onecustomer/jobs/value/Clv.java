package io.onecustomer.jobs.value;

/**
 * Customer lifetime value over a finite horizon from a purchase model and an expected order value.
 *
 * <p>Definition (the discrete form the {@code lifetimes} package also uses): the horizon is cut into
 * {@code periods} periods of {@code periodLength} model time units; the purchases expected in
 * period k are E[Y(k Δ) | x, t_x, T] - E[Y((k-1) Δ) | x, t_x, T]; each is valued at the expected
 * average order value and discounted to the end of calibration at the end of its period:
 * <pre>
 *   CLV = Σ_{k=1..periods} v · (E[Y(kΔ)] - E[Y((k-1)Δ)]) / (1 + d)^k
 * </pre>
 * with v the expected average order value (e.g. {@link GammaGamma#conditionalExpectedAverageValue})
 * and d the discount rate per period. {@link #periodRate} converts an annual rate. With d = 0 the
 * result is v · E[Y(periods · Δ)]. The value is in the money unit of v and, like the models, does
 * not include the value of the customer's past purchases.
 */
public final class Clv {
  private Clv() {}

  /**
   * Discounted expected value of a customer's purchases over the horizon:
   * {@code expectedOrderValue * discountedPurchases(...)}.
   *
   * @param model fitted purchase model
   * @param x repeat purchases in calibration
   * @param tx recency, model time units
   * @param t customer age at the end of calibration, model time units
   * @param expectedOrderValue expected value of one future purchase
   * @param periods number of discounting periods in the horizon, &ge; 1
   * @param periodLength length of one period in model time units (e.g. 52/12 for months when the
   *     model is in weeks)
   * @param discountRatePerPeriod discount rate per period, &ge; 0
   */
  public static double customerValue(PurchaseModel model, double x, double tx, double t, double expectedOrderValue,
      int periods, double periodLength, double discountRatePerPeriod) {
    return expectedOrderValue * discountedPurchases(model, x, tx, t, periods, periodLength, discountRatePerPeriod);
  }

  /**
   * Σ_{k=1..periods} (E[Y(kΔ)] - E[Y((k-1)Δ)]) / (1 + d)^k: the discounted expected number of
   * purchases. It depends on (x, t_x, T) only, so a scoring job can compute it once per distinct
   * summary row (bounded, see {@link BtydSummaries}) and multiply by each customer's expected order
   * value in Spark.
   */
  public static double discountedPurchases(PurchaseModel model, double x, double tx, double t, int periods,
      double periodLength, double discountRatePerPeriod) {
    if (periods < 1 || !(periodLength > 0) || !(discountRatePerPeriod >= 0)) {
      throw new IllegalArgumentException("need periods >= 1, periodLength > 0, discount rate >= 0, got " + periods
          + ", " + periodLength + ", " + discountRatePerPeriod);
    }
    double purchases = 0;
    double previous = 0;
    for (int k = 1; k <= periods; k++) {
      double cumulative = model.expectedPurchases(k * periodLength, x, tx, t);
      purchases += (cumulative - previous) / Math.pow(1 + discountRatePerPeriod, k);
      previous = cumulative;
    }
    return purchases;
  }

  /**
   * The per-period rate equivalent to an annual rate: (1 + annual)^(periodDays / 365) - 1.
   *
   * @param annualRate annual discount rate, e.g. 0.10
   * @param periodDays period length in days, e.g. 30.4 for a month or 7 for a week
   */
  public static double periodRate(double annualRate, double periodDays) {
    if (!(annualRate > -1) || !(periodDays > 0)) {
      throw new IllegalArgumentException("need annualRate > -1 and periodDays > 0, got " + annualRate + ", " + periodDays);
    }
    return Math.expm1(Math.log1p(annualRate) * periodDays / 365.0);
  }
}
