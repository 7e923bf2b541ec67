package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.jobs.value.ValueTables.Features;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BG/NBD and Gamma-Gamma fitted on the purchases up to a cut-off, and what they say about every
 * customer at it: P(alive), expected purchases over the churn and LTV horizons, P(no purchase in
 * the churn horizon), expected order value, undiscounted expected value and discounted CLV.
 *
 * <p>The per-customer predictions depend on (x, t_x, T) only, so they are computed on the driver
 * once per distinct summary row (bounded, see {@link BtydSummaries}) and joined back; the order
 * value is a column expression of (x, z̄) with the fitted constants.
 */
public final class BtydScores {
  private BtydScores() {}

  private static final Logger LOG = LoggerFactory.getLogger(BtydScores.class);

  /** The per-customer outputs and the fits behind them (BG/NBD, then Gamma-Gamma when it fitted). */
  public record Scored(Dataset<Row> scores, List<FitResult> fits) {}

  /**
   * Fits on {@code purchases} (customer_id, order_date, net_amount) from {@code historyStart} to
   * {@code cutOff} and scores every customer with a purchase in that window.
   */
  public static Scored score(SparkSession spark, Dataset<Row> purchases, LocalDate historyStart, LocalDate cutOff,
      ValueConfig v) {
    int unit = v.unitDays();
    Dataset<Row> summaries = BtydSummaries.summarise(
            purchases.select(ValueColumns.CUSTOMER_ID, ValueColumns.ORDER_DATE, ValueColumns.NET_AMOUNT),
            historyStart, cutOff, unit)
        .localCheckpoint();
    PurchaseSummaries rows = BtydSummaries.collectPurchases(BtydSummaries.compressPurchases(summaries),
        v.maxSummaryRows());
    FitResult bgFit = BgNbd.fit(rows);
    BgNbd bg = BgNbd.of(bgFit);
    List<FitResult> fits = new ArrayList<>(List.of(bgFit));
    LOG.info("BTYD at {} ({} distinct summary rows): {}", cutOff, rows.size(), bgFit.summary());

    double churnH = (double) v.churnHorizonDays() / unit;
    double ltvH = (double) v.ltvHorizonDays() / unit;
    int periods = Math.max(1, (int) Math.round(v.ltvHorizonDays() / (365.0 / 12)));
    double periodDays = (double) v.ltvHorizonDays() / periods;
    double rate = Clv.periodRate(v.annualDiscountRate(), periodDays);
    List<Row> perRow = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      double x = rows.x()[i];
      double tx = rows.tx()[i];
      double t = rows.t()[i];
      double ltvPurchases = bg.expectedPurchases(ltvH, x, tx, t);
      perRow.add(RowFactory.create((int) x, tx, t, bg.probabilityAlive(x, tx, t),
          bg.expectedPurchases(churnH, x, tx, t), bg.probabilityNoPurchases(churnH, x, tx, t), ltvPurchases,
          Clv.discountedPurchases(bg, x, tx, t, periods, periodDays / unit, rate)));
    }
    StructType schema = new StructType()
        .add("_x", DataTypes.IntegerType).add("_tx", DataTypes.DoubleType).add("_t", DataTypes.DoubleType)
        .add(Features.P_ALIVE, DataTypes.DoubleType)
        .add(Features.EXPECTED_PURCHASES_CHURN, DataTypes.DoubleType)
        .add(Features.P_NO_PURCHASE, DataTypes.DoubleType)
        .add(Features.EXPECTED_PURCHASES_LTV, DataTypes.DoubleType)
        .add("_discounted", DataTypes.DoubleType);
    Dataset<Row> predictions = spark.createDataFrame(perRow, schema);

    Column x = col(ValueColumns.FREQUENCY).cast("double");
    Column zbar = col(ValueColumns.MONETARY_VALUE).cast("double");
    Column orderValue = orderValue(spark, summaries, x, zbar, v, fits);
    Dataset<Row> scores = summaries
        .join(functions.broadcast(predictions),
            col(ValueColumns.FREQUENCY).equalTo(col("_x"))
                .and(col(ValueColumns.RECENCY).equalTo(col("_tx")))
                .and(col(ValueColumns.TENURE).equalTo(col("_t"))))
        .withColumn(Features.EXPECTED_ORDER_VALUE, orderValue)
        .select(
            col(ValueColumns.CUSTOMER_ID),
            x.as(Features.BTYD_FREQUENCY),
            col(ValueColumns.RECENCY).as(Features.BTYD_RECENCY),
            col(ValueColumns.TENURE).as(Features.BTYD_TENURE),
            col(Features.P_ALIVE),
            col(Features.EXPECTED_PURCHASES_CHURN),
            col(Features.P_NO_PURCHASE),
            col(Features.EXPECTED_PURCHASES_LTV),
            col(Features.EXPECTED_ORDER_VALUE),
            col(Features.EXPECTED_ORDER_VALUE).multiply(col(Features.EXPECTED_PURCHASES_LTV))
                .as(Features.BTYD_EXPECTED_VALUE),
            col(Features.EXPECTED_ORDER_VALUE).multiply(col("_discounted")).as(Features.BTYD_CLV));
    return new Scored(scores, fits);
  }

  /**
   * The expected value of a purchase day: Gamma-Gamma's conditional expectation p (γ + x z̄) /
   * (p x + q - 1), its population mean for x = 0 (or a non-positive z̄). When Gamma-Gamma cannot
   * be fitted or has no finite mean (q &le; 1), the mean value of all purchase days instead.
   */
  static Column orderValue(SparkSession spark, Dataset<Row> summaries, Column x, Column zbar, ValueConfig v,
      List<FitResult> fits) {
    try {
      // Mean values rounded to 3 significant digits (at most 0.05% off): distinct (x, z-bar) would
      // otherwise grow with the repeat customers (600,000 rows at a million customers); rounded,
      // they are bounded by the x values times ~900 mantissas per decade.
      Column rounded = roundSignificant(col(ValueColumns.MONETARY_VALUE).cast("double"), 3)
          .cast(ValueColumns.MONETARY_TYPE);
      SpendSummaries spend = BtydSummaries.collectSpend(BtydSummaries.compressSpend(
          summaries.withColumn(ValueColumns.MONETARY_VALUE, rounded)), v.maxSummaryRows());
      if (spend.size() > 0) {
        FitResult ggFit = GammaGamma.fit(spend);
        fits.add(ggFit);
        LOG.info("BTYD spend: {}", ggFit.summary());
        GammaGamma gg = GammaGamma.of(ggFit);
        if (gg.q() > 1) {
          double p = gg.p();
          return when(x.gt(0).and(zbar.gt(0)),
                  lit(p).multiply(lit(gg.gamma()).plus(x.multiply(zbar))).divide(x.multiply(p).plus(gg.q() - 1)))
              .otherwise(lit(gg.populationMeanValue()));
        }
        LOG.warn("Gamma-Gamma has no finite mean (q = {} <= 1): expected order value is the mean purchase day", gg.q());
      }
    } catch (IllegalStateException | IllegalArgumentException e) {
      LOG.warn("Gamma-Gamma not fitted ({}): expected order value is the mean purchase day", e.getMessage());
    }
    return lit(meanPurchaseDay(summaries));
  }

  /** {@code v} rounded to {@code digits} significant digits (positive values; others unchanged). */
  static Column roundSignificant(Column v, int digits) {
    Column scale = functions.pow(lit(10.0),
        functions.floor(functions.log10(v)).minus(digits - 1));
    return when(v.gt(0), functions.round(v.divide(scale)).multiply(scale)).otherwise(v);
  }

  private static double meanPurchaseDay(Dataset<Row> summaries) {
    // Mean over customers of their mean repeat purchase day value, or 0 with no repeat purchases.
    Row r = summaries.agg(functions.avg(col(ValueColumns.MONETARY_VALUE).cast("double")))
        .first();
    return r.isNullAt(0) ? 0.0 : r.getDouble(0);
  }
}
