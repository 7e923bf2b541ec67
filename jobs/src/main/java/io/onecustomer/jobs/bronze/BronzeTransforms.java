package io.onecustomer.jobs.bronze;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.spec.Types;
import io.onecustomer.jobs.bronze.SourceEntity.Field;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Pure transforms from raw lines to typed bronze rows and rejects. No I/O, no clock: the business
 * time zone and ingestion instant are parameters.
 */
public final class BronzeTransforms {
  private BronzeTransforms() {}

  public static final String REJECT_CODE = "reason_code";
  public static final String REJECT_REASON = "reason";
  public static final String INGESTED_AT = "_ingested_at";
  public static final DecimalType MONEY = Types.MONEY;

  public static final String NEGATIVE_QUANTITY = "negative_quantity";
  public static final String ZERO_QUANTITY = "zero_quantity";
  public static final String FUTURE_TIMESTAMP = "future_timestamp";
  public static final String MISSING_VALUE = "missing_value";
  public static final String IMPLAUSIBLE_TIMESTAMP = "implausible_timestamp";

  private static final String INT_RE = "^[+-]?[0-9]{1,9}$";
  private static final String LONG_RE = "^[+-]?[0-9]{1,18}$";
  private static final String DECIMAL_RE = "^[+-]?[0-9]{1,16}(\\.[0-9]+)?$";
  private static final String EPOCH_MILLIS_RE = "^[0-9]{10,14}$";

  /** The Spark type a declared field is stored as in bronze. */
  public static DataType sparkType(FieldType t) {
    return switch (t) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DECIMAL -> MONEY;
      case DATE -> DataTypes.DateType;
      case LOCAL_TIMESTAMP, ISO_TIMESTAMP, EPOCH_MILLIS -> DataTypes.TimestampType;
      case FLAG_YN -> DataTypes.BooleanType;
    };
  }

  /** The schema of an accepted bronze table: declared fields, then ingestion metadata. */
  public static StructType acceptedSchema(SourceEntity entity) {
    List<StructField> out = new ArrayList<>();
    for (Field f : entity.fields()) {
      out.add(new StructField(f.name(), sparkType(f.type()), true, comment(f.comment())));
    }
    // A JSON object rather than a map: comparable, groupable, and readable by any BI tool or notebook.
    out.add(new StructField(LandingReader.EXTRA_FIELDS, DataTypes.StringType, true, comment("Fields the landing file"
        + " had beyond the declared ones (schema drift, recorded in ops.schema_drift) as a JSON object of name to text,"
        + " e.g. {\"coupon_code\":\"SPRING10\"}; null when none")));
    out.add(new StructField(LandingReader.SOURCE_FILE, DataTypes.StringType, false,
        comment("Landing file the row came from")));
    out.add(new StructField(LandingReader.LINE_NO, DataTypes.LongType, false,
        comment("Physical line number in the file (1-based, CSV header is line 1)")));
    out.add(new StructField(INGESTED_AT, DataTypes.TimestampType, false,
        comment("When the ingest run started (metadata only)")));
    out.add(new StructField(LandingReader.RUN_DATE, DataTypes.DateType, false,
        comment("Business day of the landing folder (dt=); partition column")));
    return new StructType(out.toArray(new StructField[0]));
  }

  public static Metadata comment(String text) {
    return new MetadataBuilder().putString("comment", text).build();
  }

  /** Null for an empty or blank field; otherwise the trimmed text. */
  private static Column present(Column raw) {
    return when(trim(raw).equalTo(lit("")), lit(null).cast("string")).otherwise(trim(raw));
  }

  /** The typed value of one field (null when absent or not typeable). */
  static Column typed(Field f, Column raw, ZoneId zone) {
    Column v = present(raw);
    return switch (f.type()) {
      case STRING -> when(trim(raw).equalTo(lit("")), lit(null).cast("string")).otherwise(raw);
      case INT -> when(v.rlike(INT_RE), v.cast(DataTypes.IntegerType));
      case LONG -> when(v.rlike(LONG_RE), v.cast(DataTypes.LongType));
      case DECIMAL -> when(v.rlike(DECIMAL_RE), v.cast(MONEY));
      case DATE -> to_date(v, f.pattern());
      case LOCAL_TIMESTAMP -> to_utc_timestamp(to_timestamp(v, f.pattern()), zone.getId());
      case ISO_TIMESTAMP ->
          when(v.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})$"),
              v.cast(DataTypes.TimestampType));
      case EPOCH_MILLIS ->
          when(v.rlike(EPOCH_MILLIS_RE),
              functions.timestamp_millis(v.cast(DataTypes.LongType)));
      case FLAG_YN -> when(v.equalTo(lit("Y")), lit(true)).when(v.equalTo(lit("N")), lit(false));
    };
  }

  /**
   * Types every declared field and decides, per line, the first reason it must be rejected (null
   * when it is good). Rules in order: the line-level parse result, then each field in file order
   * (missing required value, value that cannot be typed), then negative quantity, then event time
   * before {@code earliest} (in the brand zone) or later than the end of the business day plus
   * {@code futureToleranceDays}.
   */
  public static Dataset<Row> typeAndValidate(Dataset<Row> raw, SourceEntity entity, ZoneId zone,
      int futureToleranceDays, LocalDate earliest, Timestamp ingestedAt) {
    List<Column> select = new ArrayList<>();
    List<Column> codes = new ArrayList<>();
    List<Column> reasons = new ArrayList<>();
    codes.add(col(LandingReader.PARSE_CODE));
    reasons.add(col(LandingReader.PARSE_REASON));
    Column fields = col(LandingReader.FIELDS);
    List<Field> fs = entity.fields();
    for (int i = 0; i < fs.size(); i++) {
      Field f = fs.get(i);
      Column rawValue = fields.getItem(i);
      Column value = typed(f, rawValue, zone);
      select.add(value.alias(f.name()));
      Column isAbsent = present(rawValue).isNull();
      if (f.required()) {
        codes.add(when(isAbsent, lit(MISSING_VALUE)));
        reasons.add(when(isAbsent, lit(MISSING_VALUE + ": " + f.name() + " is empty")));
      }
      Column badType = isAbsent.equalTo(lit(false)).and(value.isNull());
      codes.add(when(badType, lit(f.type().reasonCode())));
      reasons.add(when(badType,
          concat(lit(f.type().reasonCode() + ": " + f.name() + "='"), rawValue, lit("'"
              + (f.pattern() == null ? "" : " (expected " + f.pattern() + ")")))));
    }
    if (entity.quantityField() != null) {
      Field q = fs.get(entity.fieldNames().indexOf(entity.quantityField()));
      Column qty = typed(q, fields.getItem(entity.fieldNames().indexOf(q.name())), zone);
      codes.add(when(qty.lt(0), lit(NEGATIVE_QUANTITY)).when(qty.equalTo(0), lit(ZERO_QUANTITY)));
      reasons.add(when(qty.lt(0), concat(lit(NEGATIVE_QUANTITY + ": " + q.name() + "="), qty.cast("string")))
          .when(qty.equalTo(0), lit(ZERO_QUANTITY + ": " + q.name() + "=0")));
    }
    if (entity.eventTimeField() != null) {
      int idx = entity.fieldNames().indexOf(entity.eventTimeField());
      Field t = fs.get(idx);
      Column ts = typed(t, fields.getItem(idx), zone);
      // End of the business day in the brand zone, plus the tolerance, as an instant.
      Column limit = to_utc_timestamp(
          date_add(col(LandingReader.RUN_DATE), 1 + futureToleranceDays).cast(DataTypes.TimestampType),
          zone.getId());
      Column future = ts.gt(limit);
      Column past = ts.lt(to_utc_timestamp(lit(java.sql.Timestamp.valueOf(earliest.atStartOfDay())), zone.getId()));
      codes.add(when(past, lit(IMPLAUSIBLE_TIMESTAMP)));
      reasons.add(when(past, concat(lit(IMPLAUSIBLE_TIMESTAMP + ": " + t.name() + "='"), fields.getItem(idx),
          lit("' is before ingest.earliest-event-date " + earliest))));
      codes.add(when(future, lit(FUTURE_TIMESTAMP)));
      reasons.add(when(future, concat(lit(FUTURE_TIMESTAMP + ": " + t.name() + "='"), fields.getItem(idx),
          lit("' is after the end of business day "), col(LandingReader.RUN_DATE).cast("string"),
          lit(" + " + futureToleranceDays + "d"))));
    }
    select.add(when(col(LandingReader.EXTRA_FIELDS).isNotNull(), to_json(col(LandingReader.EXTRA_FIELDS)))
        .alias(LandingReader.EXTRA_FIELDS));
    select.add(col(LandingReader.DRIFT));
    select.add(col(LandingReader.SOURCE_FILE));
    select.add(col(LandingReader.LINE_NO));
    select.add(lit(ingestedAt).alias(INGESTED_AT));
    select.add(col(LandingReader.RUN_DATE));
    select.add(col(LandingReader.RAW_LINE));
    select.add(col(LandingReader.RAW_BASE64));
    select.add(coalesce(codes.toArray(new Column[0])).alias(REJECT_CODE));
    select.add(coalesce(reasons.toArray(new Column[0])).alias(REJECT_REASON));
    return raw.select(select.toArray(new Column[0]));
  }

  /** Good rows in the bronze table's schema. */
  public static Dataset<Row> accepted(Dataset<Row> validated, SourceEntity entity) {
    StructType schema = acceptedSchema(entity);
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      cols.add(col(f.name()).as(f.name(), f.metadata()));
    }
    return validated.where(col(REJECT_CODE).isNull()).select(cols.toArray(new Column[0]));
  }

  public static final StructType REJECTS_SCHEMA =
      new StructType()
          .add(LandingReader.SOURCE_FILE, DataTypes.StringType, false, "Landing file of the line")
          .add(LandingReader.LINE_NO, DataTypes.LongType, false, "Physical line number (1-based)")
          .add(LandingReader.RAW_LINE, DataTypes.StringType, true, "The line as text (invalid bytes replaced)")
          .add(LandingReader.RAW_BASE64, DataTypes.StringType, true, "Exact bytes, base64, when the line is not UTF-8")
          .add(REJECT_CODE, DataTypes.StringType, false, "Reason code, e.g. malformed_json")
          .add(REJECT_REASON, DataTypes.StringType, false, "Reason with the offending column and value")
          .add(INGESTED_AT, DataTypes.TimestampType, false, "When the ingest run started")
          .add(LandingReader.RUN_DATE, DataTypes.DateType, false, "Business day of the landing folder; partition column");

  /** Bad rows with the raw text, where they came from, and why. */
  public static Dataset<Row> rejected(Dataset<Row> validated) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : REJECTS_SCHEMA.fields()) {
      cols.add(col(f.name()).as(f.name(), f.metadata()));
    }
    return validated.where(col(REJECT_CODE).isNotNull()).select(cols.toArray(new Column[0]));
  }
}
