package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.jobs.TestSpark;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reproduces the published CDNOW figures (test resources {@code cdnow/PROVENANCE.md}) from the raw
 * transactions: summaries built by {@link BtydSummaries} on Spark with the published rules (merge
 * same-day transactions, weeks, calibration 1997-01-01..1997-09-30), then the three fits on the
 * compressed rows.
 */
class CdnowReferenceTest {
  private static final BgNbd PUBLISHED_BG_NBD = new BgNbd(0.2426, 4.4137, 0.7930, 2.4262);
  private static final ParetoNbd PUBLISHED_PARETO_NBD = new ParetoNbd(0.553, 10.578, 0.606, 11.669);
  private static final GammaGamma PUBLISHED_GAMMA_GAMMA = new GammaGamma(6.25, 3.74, 15.44);

  private static Dataset<Row> transactions;
  private static Dataset<Row> summaries;
  private static PurchaseSummaries purchases;
  private static SpendSummaries spend;
  private static FitResult bgNbd;
  private static FitResult paretoNbd;
  private static FitResult gammaGamma;

  @BeforeAll
  static void summariseAndFit() {
    SparkSession spark = TestSpark.session();
    transactions = Cdnow.sampleTransactions(spark).cache();
    summaries = BtydSummaries.summarise(transactions, Cdnow.CALIBRATION_START, Cdnow.CALIBRATION_END, Cdnow.WEEK)
        .cache();
    purchases = BtydSummaries.collectPurchases(BtydSummaries.compressPurchases(summaries), 5_000);
    spend = BtydSummaries.collectSpend(BtydSummaries.compressSpend(summaries), 5_000);
    bgNbd = BgNbd.fit(purchases);
    paretoNbd = ParetoNbd.fit(purchases);
    gammaGamma = GammaGamma.fit(spend);
  }

  @Test
  void summariesFromRawTransactionsMatchThePublishedTotals() {
    assertEquals(6919, transactions.count());
    assertEquals(6696, BtydSummaries.mergeSameDay(transactions).count());
    assertEquals(2357, summaries.count());
    assertEquals(2457, summaries.agg(sum(col(ValueColumns.FREQUENCY))).first().getLong(0));
    assertEquals(946, summaries.where(col(ValueColumns.FREQUENCY).gt(0)).count());
    assertEquals(272 / 7.0, summaries.agg(org.apache.spark.sql.functions.max(ValueColumns.TENURE)).first().getDouble(0),
        0, "T of a 1997-01-01 customer is 38.86 weeks");
  }

  @Test
  void compressionKeepsEveryCustomerAndTheLikelihood() {
    assertEquals(2357, purchases.customers(), 0);
    assertTrue(purchases.size() < 1100, "distinct (x, t_x, T): " + purchases.size());
    double spendCustomers = 0;
    for (double w : spend.weight()) {
      spendCustomers += w;
    }
    assertEquals(946, spendCustomers, 0);
    // The per-customer rows, uncompressed (2,357 rows is fine in a test), give the same likelihood.
    List<Row> rows = summaries.select(ValueColumns.FREQUENCY, ValueColumns.RECENCY, ValueColumns.TENURE).collectAsList();
    double[] x = rows.stream().mapToDouble(r -> r.getInt(0)).toArray();
    double[] tx = rows.stream().mapToDouble(r -> r.getDouble(1)).toArray();
    double[] t = rows.stream().mapToDouble(r -> r.getDouble(2)).toArray();
    PurchaseSummaries each = PurchaseSummaries.of(x, tx, t);
    assertEquals(PUBLISHED_BG_NBD.logLikelihood(each), PUBLISHED_BG_NBD.logLikelihood(purchases), 1e-8);
    assertEquals(PUBLISHED_PARETO_NBD.logLikelihood(each), PUBLISHED_PARETO_NBD.logLikelihood(purchases), 1e-8);
  }

  @Test
  void bgNbdFitReproducesThePublishedEstimates() {
    assertTrue(bgNbd.converged(), bgNbd.summary());
    assertSignificant(0.2426, bgNbd.parameter("r"), 3);
    assertSignificant(4.4137, bgNbd.parameter("alpha"), 3);
    assertSignificant(0.7930, bgNbd.parameter("a"), 3);
    assertSignificant(2.4262, bgNbd.parameter("b"), 3);
    assertEquals(-9582.43, bgNbd.logLikelihood(), 0.1);
    assertEquals(-9582.43, PUBLISHED_BG_NBD.logLikelihood(purchases), 0.1);
  }

  @Test
  void paretoNbdFitReproducesThePublishedEstimates() {
    assertTrue(paretoNbd.converged(), paretoNbd.summary());
    assertRoundsTo("0.553", paretoNbd.parameter("r"));
    assertRoundsTo("10.578", paretoNbd.parameter("alpha"));
    assertRoundsTo("0.606", paretoNbd.parameter("s"));
    assertRoundsTo("11.669", paretoNbd.parameter("beta"));
    assertEquals(-9594.98, paretoNbd.logLikelihood(), 0.1);
    assertEquals(-9594.98, PUBLISHED_PARETO_NBD.logLikelihood(purchases), 0.1);
  }

  /**
   * The published Gamma-Gamma fit is reproduced by z̄ = mean net value of the repeat purchase days
   * (same-day transactions summed, first purchase day excluded) of the calibration period, over
   * the 946 customers with x &gt; 0.
   */
  @Test
  void gammaGammaFitReproducesThePublishedEstimates() {
    assertTrue(gammaGamma.converged(), gammaGamma.summary());
    assertRoundsTo("6.25", gammaGamma.parameter("p"));
    assertRoundsTo("3.74", gammaGamma.parameter("q"));
    assertRoundsTo("15.44", gammaGamma.parameter("gamma"));
    assertEquals(-4055.92, gammaGamma.logLikelihood(), 0.1);
    assertEquals(-4055.92, PUBLISHED_GAMMA_GAMMA.logLikelihood(spend), 0.1);
  }

  @Test
  void fittedLikelihoodsAreAtLeastThePublishedOnes() {
    assertTrue(bgNbd.logLikelihood() >= PUBLISHED_BG_NBD.logLikelihood(purchases));
    assertTrue(paretoNbd.logLikelihood() >= PUBLISHED_PARETO_NBD.logLikelihood(purchases));
    assertTrue(gammaGamma.logLikelihood() >= PUBLISHED_GAMMA_GAMMA.logLikelihood(spend));
  }

  @Test
  void gradientVanishesAtTheFittedParameters() {
    assertStationary(bgNbd, v -> new BgNbd(v[0], v[1], v[2], v[3]).logLikelihood(purchases));
    assertStationary(paretoNbd, v -> new ParetoNbd(v[0], v[1], v[2], v[3]).logLikelihood(purchases));
    assertStationary(gammaGamma, v -> new GammaGamma(v[0], v[1], v[2]).logLikelihood(spend));
  }

  @Test
  void standardErrorsMatchTheHessianInTheOriginalParameters() {
    double[] theta = bgNbd.parameters().values().stream().mapToDouble(Double::doubleValue).toArray();
    // Central differences in θ with steps relative to θ: H_θ = D⁻¹ H_u D⁻¹ for u = θ / θ̂.
    double[][] hu = Optimizer.hessian(u -> {
      double[] v = new double[u.length];
      for (int i = 0; i < u.length; i++) {
        v[i] = u[i] * theta[i];
      }
      return -new BgNbd(v[0], v[1], v[2], v[3]).logLikelihood(purchases);
    }, new double[] {1, 1, 1, 1});
    double[][] covU = Optimizer.inverseSpd(hu);
    for (int i = 0; i < theta.length; i++) {
      String name = BgNbd.PARAMETERS.get(i);
      assertEquals(theta[i] * Math.sqrt(covU[i][i]), bgNbd.standardError(name), 1e-3 * bgNbd.standardError(name), name);
    }
  }

  @Test
  void publishedBgNbdPredictionsAtThePublishedParameters() {
    BgNbd m = PUBLISHED_BG_NBD;
    assertEquals(1.444, m.expectedPurchasesNewCustomer(52), 0.0005);
    // 0.96885 and 25.7563 at the rounded published parameters: 0.9689 and 25.757 were computed
    // from unrounded estimates (the fitted ones below round to both).
    assertEquals(0.9689, m.probabilityAlive(26, 30.857, 31), 0.0001);
    assertEquals(25.757, m.expectedPurchases(52, 26, 30.857, 31), 0.001);
    // The README quotes P(X(39) = 0) = 0.5738. The BG/NBD closed form (α/(α+t))^r gives 0.5743 at
    // t = 39 weeks; 0.5738 is its value at t = 274/7 weeks (39 weeks and a day). We assert the model.
    assertEquals(0.5743, m.probabilityOfPurchases(0, 39), 0.00005);
    assertEquals(0.5738, m.probabilityOfPurchases(0, 274 / 7.0), 0.00005);
  }

  @Test
  void publishedBgNbdPredictionsAtTheFittedParameters() {
    BgNbd m = BgNbd.of(bgNbd);
    assertEquals(1.444, m.expectedPurchasesNewCustomer(52), 0.0005);
    assertEquals(0.9689, m.probabilityAlive(26, 30.857, 31), 0.00005);
    assertEquals(25.757, m.expectedPurchases(52, 26, 30.857, 31), 0.0005);
    assertEquals(0.5743, m.probabilityOfPurchases(0, 39), 0.00005);
  }

  @Test
  void customerValueOfTheExampleCustomer() {
    GammaGamma spendModel = GammaGamma.of(gammaGamma);
    BgNbd m = BgNbd.of(bgNbd);
    double aov = spendModel.conditionalExpectedAverageValue(26, 40);
    double undiscounted = Clv.customerValue(m, 26, 30.857, 31, aov, 12, 52 / 12.0, 0);
    assertEquals(aov * m.expectedPurchases(52, 26, 30.857, 31), undiscounted, 1e-9);
    double discounted = Clv.customerValue(m, 26, 30.857, 31, aov, 12, 52 / 12.0, Clv.periodRate(0.10, 365 / 12.0));
    assertTrue(discounted < undiscounted && discounted > undiscounted / 1.10, discounted + " vs " + undiscounted);
  }

  /**
   * The full cohort: 23,570 customers compress to fewer than half as many distinct (x, t_x, T) rows, and
   * the sample's customers have the same summaries there as in the sample file.
   */
  @Test
  void masterCohortCompressesAndContainsTheSampleCustomersUnchanged() {
    Dataset<Row> master = BtydSummaries.summarise(Cdnow.masterTransactions(TestSpark.session()),
        Cdnow.CALIBRATION_START, Cdnow.CALIBRATION_END, Cdnow.WEEK).cache();
    try {
      PurchaseSummaries rows = BtydSummaries.collectPurchases(BtydSummaries.compressPurchases(master), 10_000);
      assertEquals(23570, rows.customers(), 0);
      assertTrue(rows.size() < 23570 / 2, "distinct rows: " + rows.size()); // 8,685: the 14,119 with x = 0 share at most 90
      Set<Row> sampleInMaster = new HashSet<>(
          master.join(broadcast(summaries.select(ValueColumns.CUSTOMER_ID)), ValueColumns.CUSTOMER_ID).collectAsList());
      assertEquals(new HashSet<>(summaries.collectAsList()), sampleInMaster);
    } finally {
      master.unpersist();
    }
  }

  /** |published - measured| within half a unit of the {@code digits}-th significant digit. */
  private static void assertSignificant(double published, double measured, int digits) {
    double unit = Math.pow(10, Math.floor(Math.log10(Math.abs(published))) - (digits - 1));
    assertEquals(published, measured, unit / 2, "to " + digits + " significant digits");
  }

  /** The measured value rounded to the published decimals is the published value. */
  private static void assertRoundsTo(String published, double measured) {
    BigDecimal p = new BigDecimal(published);
    assertEquals(p, BigDecimal.valueOf(measured).setScale(p.scale(), RoundingMode.HALF_UP),
        "measured " + measured);
  }

  /** Every ∂ ln L / ∂ ln θ_i is ~0 (the scale of ln L is 10^4 here). */
  private static void assertStationary(FitResult fit, ToDoubleFunction<double[]> logLik) {
    double[] phi = fit.parameters().values().stream().mapToDouble(Math::log).toArray();
    double[] g = Optimizer.gradient(v -> logLik.applyAsDouble(java.util.Arrays.stream(v).map(Math::exp).toArray()), phi);
    for (int i = 0; i < g.length; i++) {
      assertEquals(0, g[i], 1e-3, fit.model() + " d lnL / d ln " + fit.parameters().keySet().toArray()[i]);
    }
  }
}
