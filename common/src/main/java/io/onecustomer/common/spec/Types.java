package io.onecustomer.common.spec;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

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

  public static DataType decimal(int precision, int scale) {
    return DataTypes.createDecimalType(precision, scale);
  }
}
