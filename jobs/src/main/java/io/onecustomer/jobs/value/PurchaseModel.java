package io.onecustomer.jobs.value;

/**
 * A fitted purchase-count model (BG/NBD or Pareto/NBD) and what it predicts for one customer with
 * calibration summary (x, t_x, T), all times in the model's time unit.
 */
public interface PurchaseModel {
  /** Model name, as in {@link FitResult#model()}. */
  String name();

  /** Log-likelihood of one customer. */
  double logLikelihood(double x, double tx, double t);

  /** Weighted log-likelihood of summary rows. */
  default double logLikelihood(PurchaseSummaries data) {
    double ll = 0;
    for (int i = 0; i < data.size(); i++) {
      ll += data.weight()[i] * logLikelihood(data.x()[i], data.tx()[i], data.t()[i]);
    }
    return ll;
  }

  /** P(alive | x, t_x, T): probability the customer is still active at the end of calibration. */
  double probabilityAlive(double x, double tx, double t);

  /** E[Y(horizon) | x, t_x, T]: expected purchases in the {@code horizon} time units after T. */
  double expectedPurchases(double horizon, double x, double tx, double t);

  /** P(Y(horizon) = 0 | x, t_x, T): probability of no purchase in the {@code horizon} time units after T. */
  double probabilityNoPurchases(double horizon, double x, double tx, double t);

  /** E[X(horizon)]: expected purchases of a new customer in {@code horizon} time units. */
  double expectedPurchasesNewCustomer(double horizon);
}
