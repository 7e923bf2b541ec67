package io.onecustomer.jobs.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClvTest {
  private static final BgNbd BG = new BgNbd(0.2426, 4.4137, 0.7930, 2.4262);

  @Test
  void withoutDiscountingItIsValueTimesExpectedPurchases() {
    double clv = Clv.customerValue(BG, 3, 20, 30, 40.0, 12, 52 / 12.0, 0);
    assertEquals(40 * BG.expectedPurchases(52, 3, 20, 30), clv, 1e-9);
  }

  @Test
  void onePeriodIsDiscountedOnce() {
    double clv = Clv.customerValue(BG, 3, 20, 30, 40.0, 1, 4, 0.01);
    assertEquals(40 * BG.expectedPurchases(4, 3, 20, 30) / 1.01, clv, 1e-12);
  }

  @Test
  void discountingLowersTheValue() {
    double plain = Clv.customerValue(BG, 3, 20, 30, 40.0, 24, 52 / 12.0, 0);
    double discounted = Clv.customerValue(BG, 3, 20, 30, 40.0, 24, 52 / 12.0, Clv.periodRate(0.10, 365 / 12.0));
    assertTrue(discounted < plain, discounted + " < " + plain);
  }

  @Test
  void periodRateCompoundsBackToTheAnnualRate() {
    assertEquals(0.10, Clv.periodRate(0.10, 365), 1e-15);
    assertEquals(1.10, Math.pow(1 + Clv.periodRate(0.10, 7), 365 / 7.0), 1e-12);
    assertEquals(0, Clv.periodRate(0, 30), 0);
  }
}
