package io.onecustomer.common.spec;

/** Names of the columns that many tables carry; each table's other columns are named in its spec. */
public final class Columns {
  private Columns() {}

  public static final String CUSTOMER_ID = "customer_id";
  public static final String CHANNEL = "channel";
  public static final String RUN_DATE = "run_date";
  public static final String SNAPSHOT_DATE = "snapshot_date";
  public static final String SOURCE_TABLE = "source_table";
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_LINE = "source_line";
  public static final String NET_AMOUNT = "net_amount";
  public static final String GROSS_AMOUNT = "gross_amount";
  public static final String REVENUE = "revenue";
}
