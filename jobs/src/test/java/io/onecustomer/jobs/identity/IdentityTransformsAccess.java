package io.onecustomer.jobs.identity;

/** Test access to package-private helpers. */
public final class IdentityTransformsAccess {
  private IdentityTransformsAccess() {}

  public static scala.collection.immutable.Seq<String> seq(String... cols) {
    return IdentityTransforms.scalaSeq(cols);
  }
}
