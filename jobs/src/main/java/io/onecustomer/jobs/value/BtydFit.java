package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.onecustomer.jobs.silver.SilverColumns.Orders;
import io.onecustomer.jobs.silver.Vocabulary;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The three BTYD fits on one set of transactions: summaries in Spark, compression to weighted
 * distinct rows, bounded collect, then BG/NBD, Pareto/NBD and Gamma-Gamma on the driver. The same
 * steps the CDNOW reference test checks, applied to the brand's orders.
 */
public final class BtydFit {
  private BtydFit() {}

  /** Distinct summary rows accepted on the driver (see {@link BtydSummaries#collectPurchases}). */
  public static final int DEFAULT_MAX_ROWS = 200_000;

  /** Purchases from customer-keyed silver.orders lines: completed, not refunded, with a customer. */
  public static Dataset<Row> purchases(Dataset<Row> customerKeyedOrders) {
    return customerKeyedOrders
        .where(col(ValueColumns.CUSTOMER_ID).isNotNull()
            .and(col(Orders.STATUS).equalTo(lit(Vocabulary.COMPLETED)))
            .and(col(Orders.IS_REFUNDED).equalTo(false))
            .and(col(Orders.NET_AMOUNT).gt(0)))
        .select(ValueColumns.CUSTOMER_ID, ValueColumns.ORDER_DATE, ValueColumns.NET_AMOUNT);
  }

  /** Fits BG/NBD, Pareto/NBD and Gamma-Gamma (in that order) on the calibration window. */
  public static List<FitResult> fitAll(Dataset<Row> transactions, LocalDate calibrationStart, LocalDate calibrationEnd,
      int unitDays, int maxRows) {
    Dataset<Row> summaries = BtydSummaries.summarise(transactions, calibrationStart, calibrationEnd, unitDays)
        .localCheckpoint();
    PurchaseSummaries purchases = BtydSummaries.collectPurchases(BtydSummaries.compressPurchases(summaries), maxRows);
    SpendSummaries spend = BtydSummaries.collectSpend(BtydSummaries.compressSpend(summaries), maxRows);
    return List.of(BgNbd.fit(purchases), ParetoNbd.fit(purchases), GammaGamma.fit(spend));
  }
}
