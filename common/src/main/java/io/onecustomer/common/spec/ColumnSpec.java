package io.onecustomer.common.spec;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/** One column of a table: name, type, whether it may be null, and the comment stored in the catalog. */
public record ColumnSpec(String name, DataType type, boolean nullable, String comment) {
  public ColumnSpec {
    if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("column names are snake_case, got '" + name + "'");
    }
    if (comment == null || comment.isBlank()) {
      throw new IllegalArgumentException("column " + name + " needs a comment");
    }
  }

  public StructField field() {
    Metadata m = new MetadataBuilder().putString("comment", comment).build();
    return new StructField(name, type, nullable, m);
  }
}
