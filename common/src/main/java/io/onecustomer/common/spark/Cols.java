package io.onecustomer.common.spark;

import java.util.Arrays;
import scala.collection.JavaConverters;
import scala.collection.immutable.Seq;

/** Small helpers for calling Spark's Scala-typed Dataset API from Java. */
public final class Cols {
  private Cols() {}

  /** Column names as the Scala {@code Seq} that {@code Dataset.join(other, usingColumns, type)} takes. */
  public static Seq<String> seq(String... cols) {
    return JavaConverters.asScalaBuffer(Arrays.asList(cols)).toList();
  }
}
