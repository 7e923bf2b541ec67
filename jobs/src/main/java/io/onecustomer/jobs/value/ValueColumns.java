package io.onecustomer.jobs.value;

import io.onecustomer.jobs.silver.SilverColumns;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Column names and types of the customer-value inputs and summaries. The model notation is in
 * brackets: x (frequency), t_x (recency), T (tenure), z̄ (monetary value).
 */
public final class ValueColumns {
  private ValueColumns() {}

  // Transactions (input): one row per order or order line; same-day rows are merged.
  public static final String CUSTOMER_ID = "customer_id";
  public static final String ORDER_DATE = SilverColumns.Orders.ORDER_DATE;
  public static final String NET_AMOUNT = SilverColumns.Orders.NET_AMOUNT;

  // Per-customer calibration summaries.
  public static final String FIRST_PURCHASE_DATE = "first_purchase_date";
  public static final String FREQUENCY = "frequency";
  public static final String RECENCY = "recency";
  public static final String TENURE = "tenure";
  public static final String MONETARY_VALUE = "monetary_value";

  // Compressed (weighted) summaries.
  public static final String WEIGHT = "weight";

  /** Type of the mean repeat-purchase value: money, with 6 decimals so the mean is not rounded to cents. */
  public static final DecimalType MONETARY_TYPE = DataTypes.createDecimalType(24, 6);

  /** Columns of {@link BtydSummaries#summarise}, one row per customer. */
  public static final Map<String, String> SUMMARY_COLUMNS = SilverColumns.ordered(
      CUSTOMER_ID, "Customer",
      FIRST_PURCHASE_DATE, "First purchase day in the calibration period",
      FREQUENCY, "x: repeat purchase days in the calibration period (first purchase day excluded)",
      RECENCY, "t_x: time from the first to the last calibration purchase, in time units (0 when x = 0)",
      TENURE, "T: time from the first purchase to the end of calibration, in time units",
      MONETARY_VALUE, "z-bar: mean value of the repeat purchase days (first excluded); null when x = 0");

  /** Columns of {@link BtydSummaries#compressPurchases}, one row per distinct (x, t_x, T). */
  public static final Map<String, String> PURCHASE_ROW_COLUMNS = SilverColumns.ordered(
      FREQUENCY, "x",
      RECENCY, "t_x, in time units",
      TENURE, "T, in time units",
      WEIGHT, "Customers with this (x, t_x, T)");

  /** Columns of {@link BtydSummaries#compressSpend}, one row per distinct (x, z-bar), x &gt; 0. */
  public static final Map<String, String> SPEND_ROW_COLUMNS = SilverColumns.ordered(
      FREQUENCY, "x, at least 1",
      MONETARY_VALUE, "z-bar, greater than 0",
      WEIGHT, "Customers with this (x, z-bar)");
}
