package io.onecustomer.jobs.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.bronze.BronzeTransforms;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Summaries from a dozen hand-made transactions, calibration 1997-01-01..1997-03-05, weeks. */
class BtydSummariesTest {
  private static final StructType TRANSACTIONS = new StructType()
      .add(ValueColumns.CUSTOMER_ID, DataTypes.StringType)
      .add(ValueColumns.ORDER_DATE, DataTypes.DateType)
      .add(ValueColumns.NET_AMOUNT, BronzeTransforms.MONEY);
  private static final LocalDate START = LocalDate.of(1997, 1, 1);
  private static final LocalDate END = LocalDate.of(1997, 3, 5);

  private static Dataset<Row> transactions;
  private static Dataset<Row> summaries;

  private static Row tx(String customer, String day, String amount) {
    return RowFactory.create(customer, Date.valueOf(day), new BigDecimal(amount));
  }

  @BeforeAll
  static void data() {
    SparkSession spark = TestSpark.session();
    transactions = spark.createDataFrame(List.of(
        tx("a", "1997-01-01", "10.00"), tx("a", "1997-01-01", "5.00"), // same day: one purchase of 15
        tx("a", "1997-01-15", "20.00"), tx("a", "1997-02-12", "30.00"),
        tx("b", "1997-01-08", "12.50"), tx("b", "1997-01-08", "7.50"),
        tx("c", "1996-12-31", "99.00"), tx("c", "1997-01-08", "3.00"), tx("c", "1997-03-06", "50.00"),
        tx("d", "1997-02-01", "10.00"), tx("d", "1997-02-02", "-10.00"),
        tx(null, "1997-01-10", "1.00"),
        tx("f", "1997-01-15", "5.00"), tx("f", "1997-01-22", "8.00"), tx("f", "1997-01-29", "8.00")), TRANSACTIONS);
    summaries = BtydSummaries.summarise(transactions, START, END, 7).cache();
  }

  private static Map<String, Row> byCustomer() {
    return summaries.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
  }

  @Test
  void sameDayTransactionsBecomeOnePurchase() {
    List<Row> a = BtydSummaries.mergeSameDay(transactions)
        .where("customer_id = 'a'").orderBy(ValueColumns.ORDER_DATE).collectAsList();
    assertEquals(3, a.size());
    assertEquals(0, new BigDecimal("15.00").compareTo(a.get(0).getDecimal(2)));
  }

  @Test
  void summariesHaveFrequencyRecencyTenureAndRepeatMeanValue() {
    assertArrayEquals(ValueColumns.SUMMARY_COLUMNS.keySet().toArray(), summaries.columns());
    Map<String, Row> s = byCustomer();
    assertEquals(5, s.size(), "a, b, c, d and f; the row without a customer id is dropped: " + s.keySet());
    Row a = s.get("a");
    assertEquals(Date.valueOf("1997-01-01"), a.getDate(1));
    assertEquals(2, a.getInt(2));
    assertEquals(42 / 7.0, a.getDouble(3), 0); // 1997-01-01 .. 1997-02-12
    assertEquals(63 / 7.0, a.getDouble(4), 0); // 1997-01-01 .. 1997-03-05
    assertEquals(0, new BigDecimal("25").compareTo(a.getDecimal(5)), "(20 + 30) / 2, first day's 15 left out");
    Row b = s.get("b");
    assertEquals(0, b.getInt(2));
    assertEquals(0, b.getDouble(3), 0);
    assertEquals(8, b.getDouble(4), 0);
    assertNull(b.get(5));
    Row c = s.get("c");
    assertEquals(Date.valueOf("1997-01-08"), c.getDate(1), "purchases outside the window are ignored");
    assertEquals(0, c.getInt(2));
    Row f = s.get("f");
    assertEquals(2, f.getInt(2));
    assertEquals(0, new BigDecimal("8").compareTo(f.getDecimal(5)));
  }

  @Test
  void compressionCountsCustomersWithIdenticalSummaries() {
    PurchaseSummaries p = BtydSummaries.collectPurchases(BtydSummaries.compressPurchases(summaries), 100);
    // Rows sorted by (x, t_x, T): b and c share (0, 0, 8).
    assertArrayEquals(new double[] {0, 1, 2, 2}, p.x());
    assertArrayEquals(new double[] {0, 1 / 7.0, 2, 6}, p.tx());
    assertArrayEquals(new double[] {8, 32 / 7.0, 7, 9}, p.t());
    assertArrayEquals(new double[] {2, 1, 1, 1}, p.weight());
  }

  @Test
  void spendRowsKeepRepeatCustomersWithPositiveMeanValue() {
    SpendSummaries s = BtydSummaries.collectSpend(BtydSummaries.compressSpend(summaries), 100);
    // d's repeat purchase is -10 (a refund): left out.
    assertArrayEquals(new double[] {2, 2}, s.x());
    assertArrayEquals(new double[] {8, 25}, s.zbar());
    assertArrayEquals(new double[] {1, 1}, s.weight());
  }

  @Test
  void collectingMoreRowsThanTheBoundFails() {
    assertThrows(IllegalStateException.class,
        () -> BtydSummaries.collectPurchases(BtydSummaries.compressPurchases(summaries), 3));
  }

  @Test
  void rejectsAnEmptyOrInvertedWindow() {
    assertThrows(IllegalArgumentException.class, () -> BtydSummaries.summarise(transactions, END, START, 7));
    assertThrows(IllegalArgumentException.class, () -> BtydSummaries.summarise(transactions, START, END, 0));
  }
}
