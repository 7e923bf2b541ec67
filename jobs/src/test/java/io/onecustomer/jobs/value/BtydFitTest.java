package io.onecustomer.jobs.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.jobs.TestSpark;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class BtydFitTest {
  @Test
  void onlyCompletedUnrefundedPaidLinesOfKnownCustomersArePurchases() {
    var orders = TestSpark.session().sql("SELECT * FROM VALUES"
        + " ('C1', DATE'2026-05-01', CAST(10 AS DECIMAL(18,2)), 'completed', false, 'x'),"
        + " ('C1', DATE'2026-05-02', CAST(10 AS DECIMAL(18,2)), 'refunded', true, 'x'),"
        + " ('C1', DATE'2026-05-03', CAST(10 AS DECIMAL(18,2)), 'pending', false, 'x'),"
        + " ('C1', DATE'2026-05-04', CAST(0 AS DECIMAL(18,2)), 'completed', false, 'x'),"
        + " (NULL, DATE'2026-05-05', CAST(10 AS DECIMAL(18,2)), 'completed', false, 'x')"
        + " AS t(customer_id, order_date, net_amount, status, is_refunded, other)");
    List<Row> p = BtydFit.purchases(orders).collectAsList();
    assertEquals(1, p.size());
    assertEquals(List.of("customer_id", "order_date", "net_amount"), List.of(BtydFit.purchases(orders).columns()));
  }

  @Test
  void fitAllReproducesThePublishedCdnowEstimates() {
    List<FitResult> fits = BtydFit.fitAll(Cdnow.sampleTransactions(TestSpark.session()), Cdnow.CALIBRATION_START,
        Cdnow.CALIBRATION_END, Cdnow.WEEK, 5_000);
    assertEquals(List.of("bg_nbd", "pareto_nbd", "gamma_gamma"), fits.stream().map(FitResult::model).toList());
    assertEquals(0.2426, fits.get(0).parameter("r"), 5e-5);
    assertEquals(-9582.43, fits.get(0).logLikelihood(), 0.1);
    assertEquals(-9594.98, fits.get(1).logLikelihood(), 0.1);
    assertEquals(6.25, fits.get(2).parameter("p"), 0.005);
    assertTrue(fits.stream().allMatch(FitResult::converged));
  }
}
