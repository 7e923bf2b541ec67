package io.onecustomer.common;

import java.util.regex.Pattern;

/** A table's layer (catalog database) and name, and where it lives under the warehouse. */
public record TableId(String layer, String name) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public TableId {
    if (!NAME.matcher(layer).matches() || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("table names are snake_case, got " + layer + "." + name);
    }
  }

  public static TableId parse(String qualified) {
    int dot = qualified.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("expected layer.table, got '" + qualified + "'");
    }
    return new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  /** {@code layer.name}, as used in SQL. */
  public String qualified() {
    return layer + "." + name;
  }

  /** {@code <warehouse>/<layer>/<name>}. */
  public String path(String warehouse) {
    String root = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    return root + "/" + layer + "/" + name;
  }

  /** The rejects table that sits next to a bronze table. */
  public TableId rejects() {
    return new TableId(layer, name + "__rejects");
  }

  @Override
  public String toString() {
    return qualified();
  }
}
