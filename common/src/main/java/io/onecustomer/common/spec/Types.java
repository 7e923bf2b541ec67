package io.onecustomer.common.spec;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/** The column types the specs use, with the one money type. */
public final class Types {
  private Types() {}

  /** Every amount of money (CNY): decimal(18,2), never double. */
  public static final DecimalType MONEY = DataTypes.createDecimalType(18, 2);
  /** Ratios kept exact (price gaps, drops): decimal(12,4). */
  public static final DecimalType RATIO = DataTypes.createDecimalType(12, 4);

  public static final DataType STRING = DataTypes.StringType;
  public static final DataType INT = DataTypes.IntegerType;
  public static final DataType LONG = DataTypes.LongType;
  public static final DataType DOUBLE = DataTypes.DoubleType;
  public static final DataType BOOLEAN = DataTypes.BooleanType;
  public static final DataType DATE = DataTypes.DateType;
  public static final DataType TIMESTAMP = DataTypes.TimestampType;
  public static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType);

  /** Tables with a number of rows each (what an erasure deleted, what a key rotation re-hashed). */
  public static final DataType TABLE_ROWS = DataTypes.createArrayType(new StructType()
      .add("table_name", DataTypes.StringType).add("rows", DataTypes.LongType));

  /** A value of {@link #TABLE_ROWS}, in the map's order. */
  public static Row[] tableRows(Map<String, Long> rows) {
    return rows.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toArray(Row[]::new);
  }

  public static DataType decimal(int precision, int scale) {
    return DataTypes.createDecimalType(precision, scale);
  }
}
