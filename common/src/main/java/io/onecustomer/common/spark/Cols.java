package io.onecustomer.common.spark;

import java.util.Arrays;

/** Small helpers for calling Spark's Scala-typed Dataset API from Java. */
public final class Cols {
  private Cols() {}

  /** Column names as the Scala {@code Seq} that {@code Dataset.join(other, usingColumns, type)} takes. */
  public static scala.collection.immutable.Seq<String> seq(String... cols) {
    return scala.collection.JavaConverters.asScalaBuffer(Arrays.asList(cols)).toList();
  }
}
