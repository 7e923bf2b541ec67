package io.onecustomer.common.spec;

import io.onecustomer.common.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Everything the suite knows about one table, in one declaration (like a dbt model's schema.yml):
 * name, grain, typed columns with comments, partitioning, key, write mode, checks and the job that
 * writes it. The registry's outputs and dependencies, {@code docs/tables.md}, the catalog comments,
 * the Airflow task list and the conforming of a job's output are all derived from the specs.
 */
public final class TableSpec {
  private final TableId id;
  private final String grain;
  private final List<ColumnSpec> columns;
  private final List<String> partitionBy;
  private final String dayColumn;
  private final List<String> key;
  private final WriteMode mode;
  private final List<Check> checks;
  private final String jobId;
  private final List<String> keyedHashes;

  private TableSpec(Builder b) {
    this.id = b.id;
    this.grain = Objects.requireNonNull(b.grain, () -> b.id + " needs a grain");
    this.columns = List.copyOf(b.columns.values());
    this.partitionBy = List.copyOf(b.partitionBy);
    this.dayColumn = b.dayColumn;
    this.key = List.copyOf(b.key);
    this.mode = Objects.requireNonNull(b.mode, () -> b.id + " needs a write mode");
    this.jobId = b.jobId != null ? b.jobId : b.id.layer() + "_" + b.id.name();
    for (String c : partitionBy) {
      requireColumn(c, "partition");
    }
    for (String c : key) {
      requireColumn(c, "key");
    }
    this.keyedHashes = List.copyOf(b.keyedHashes);
    for (String c : keyedHashes) {
      requireColumn(c, "keyed-hash");
      DataType t = column(c).type();
      if (!t.equals(DataTypes.StringType) && !t.equals(DataTypes.createArrayType(DataTypes.StringType))) {
        throw new IllegalArgumentException(id + ": keyed-hash column " + c + " must be a string or an array of strings");
      }
    }
    if (mode == WriteMode.REPLACE_DAYS) {
      if (dayColumn == null) {
        throw new IllegalArgumentException(id + ": replace-days needs a day column");
      }
      if (!column(dayColumn).type().equals(DataTypes.DateType)) {
        throw new IllegalArgumentException(id + ": day column " + dayColumn + " must be a date");
      }
    }
    List<Check> all = new ArrayList<>();
    Map<String, Boolean> notNull = new LinkedHashMap<>();
    key.forEach(k -> notNull.put(k, true));
    columns.stream().filter(c -> !c.nullable()).forEach(c -> notNull.put(c.name(), true));
    notNull.keySet().forEach(c -> all.add(Check.notNull(c)));
    if (!key.isEmpty()) {
      all.add(Check.unique(key));
    }
    for (Check c : b.checks) {
      c.columns().forEach(col -> requireColumn(col, c.name()));
      all.add(c);
    }
    if (mode != WriteMode.APPEND && b.rowCountRatio > 0) {
      all.add(Check.rowCountChange(b.rowCountRatio));
    }
    Map<String, Check> byName = new LinkedHashMap<>();
    for (Check c : all) {
      if (byName.put(c.name(), c) != null) {
        throw new IllegalArgumentException(id + " declares check " + c.name() + " twice");
      }
    }
    this.checks = List.copyOf(all);
  }

  private void requireColumn(String c, String what) {
    if (columns.stream().noneMatch(x -> x.name().equals(c))) {
      throw new IllegalArgumentException(id + ": " + what + " column " + c + " is not declared");
    }
  }

  public static Builder table(String layer, String name) {
    return new Builder(new TableId(layer, name));
  }

  public static Builder table(TableId id) {
    return new Builder(id);
  }

  public TableId id() {
    return id;
  }

  public String qualified() {
    return id.qualified();
  }

  public String grain() {
    return grain;
  }

  public List<ColumnSpec> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  public ColumnSpec column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id + " has no column " + name));
  }

  public List<String> partitionBy() {
    return partitionBy;
  }

  /** The date column a run's days select (null for tables without one). */
  public String dayColumn() {
    return dayColumn;
  }

  /**
   * Columns holding keyed hashes of identifiers (lower-case hex, or arrays of "type:hex"): what a
   * key rotation re-hashes.
   */
  public List<String> keyedHashes() {
    return keyedHashes;
  }

  public List<String> key() {
    return key;
  }

  public WriteMode mode() {
    return mode;
  }

  public List<Check> checks() {
    return checks;
  }

  /** The id of the job that writes this table: {@code <layer>_<name>} unless the table is a side table. */
  public String jobId() {
    return jobId;
  }

  public StructType schema() {
    StructType s = new StructType();
    for (ColumnSpec c : columns) {
      s = s.add(c.field());
    }
    return s;
  }

  /** A copy of this spec for another table (the rejects table of each bronze table). */
  public Builder toBuilder(TableId other) {
    Builder b = new Builder(other).grain(grain);
    columns.forEach(c -> b.columns.put(c.name(), c));
    b.partitionBy.addAll(partitionBy);
    b.dayColumn = dayColumn;
    b.key.addAll(key);
    b.keyedHashes.addAll(keyedHashes);
    b.mode = mode;
    return b;
  }

  /**
   * The job's output in exactly the declared columns, order and types, each with its comment. A
   * missing or mistyped column is an error naming the table and the column; a column that is null
   * throughout (typed NullType) takes the declared type; extra columns are dropped.
   */
  public Dataset<Row> conform(Dataset<Row> data) {
    Map<String, DataType> actual = new LinkedHashMap<>();
    for (StructField f : data.schema().fields()) {
      actual.put(f.name(), f.dataType());
    }
    List<Column> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ColumnSpec c : columns) {
      DataType t = actual.get(c.name());
      if (t == null) {
        problems.add("column " + c.name() + " (" + c.type().simpleString() + ") is missing");
        continue;
      }
      Column v = functions.col(c.name());
      if (t instanceof NullType) {
        v = v.cast(c.type());
      } else if (!t.catalogString().equals(c.type().catalogString())) {
        problems.add("column " + c.name() + " is " + t.simpleString() + ", declared " + c.type().simpleString());
        continue;
      }
      out.add(v.as(c.name(), c.field().metadata()));
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("output of " + jobId + " does not match the spec of " + id + ": "
          + String.join("; ", problems));
    }
    return data.select(out.toArray(new Column[0]));
  }

  @Override
  public String toString() {
    return id.qualified();
  }

  /** Fluent declaration; {@link #build()} validates it. */
  public static final class Builder {
    private final TableId id;
    private String grain;
    private final Map<String, ColumnSpec> columns = new LinkedHashMap<>();
    private final List<String> partitionBy = new ArrayList<>();
    private String dayColumn;
    private final List<String> key = new ArrayList<>();
    private WriteMode mode;
    private final List<Check> checks = new ArrayList<>();
    private String jobId;
    private final List<String> keyedHashes = new ArrayList<>();
    private double rowCountRatio = DEFAULT_ROW_COUNT_RATIO;

    /** Rows per day may move by this factor from the preceding days before a warning. */
    public static final double DEFAULT_ROW_COUNT_RATIO = 10;

    private Builder(TableId id) {
      this.id = id;
    }

    /** One sentence: what one row is. */
    public Builder grain(String g) {
      this.grain = g;
      return this;
    }

    /** A nullable column. */
    public Builder column(String name, DataType type, String comment) {
      return add(new ColumnSpec(name, type, true, comment));
    }

    /** A column that is never null (checked before every write). */
    public Builder required(String name, DataType type, String comment) {
      return add(new ColumnSpec(name, type, false, comment));
    }

    public Builder add(ColumnSpec c) {
      if (columns.put(c.name(), c) != null) {
        throw new IllegalArgumentException(id + " declares column " + c.name() + " twice");
      }
      return this;
    }

    public Builder columns(List<ColumnSpec> cs) {
      cs.forEach(this::add);
      return this;
    }

    /** Partitioned by a date column that is also the day a run replaces. */
    public Builder partitionedByDay(String dateColumn) {
      partitionBy.add(dateColumn);
      dayColumn = dateColumn;
      return this;
    }

    public Builder partitionedBy(String... cols) {
      partitionBy.addAll(List.of(cols));
      return this;
    }

    /** The date column a run's days select, when it is not the partition column. */
    public Builder dayColumn(String c) {
      dayColumn = c;
      return this;
    }

    public Builder key(String... cols) {
      key.addAll(List.of(cols));
      return this;
    }

    /** Columns holding keyed hashes of identifiers (see {@link TableSpec#keyedHashes()}). */
    public Builder keyedHashes(String... cols) {
      keyedHashes.addAll(List.of(cols));
      return this;
    }

    public Builder mode(WriteMode m) {
      mode = m;
      return this;
    }

    public Builder replaceDays() {
      return mode(WriteMode.REPLACE_DAYS);
    }

    public Builder replaceAll() {
      return mode(WriteMode.REPLACE_ALL);
    }

    public Builder append() {
      return mode(WriteMode.APPEND);
    }

    public Builder check(Check c) {
      checks.add(c);
      return this;
    }

    /** The row-count-change ratio (0 turns the check off, e.g. for tables that legitimately jump). */
    public Builder rowCountRatio(double r) {
      rowCountRatio = r;
      return this;
    }

    /** For side tables written by another table's job (rejects, audits). */
    public Builder writtenBy(String job) {
      jobId = job;
      return this;
    }

    public TableSpec build() {
      return new TableSpec(this);
    }
  }
}
