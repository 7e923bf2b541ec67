package io.onecustomer.jobs.tools;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Renders a small result as an aligned text table (bounded by a row limit). */
public final class TableFormat {
  private TableFormat() {}

  public static String render(Dataset<Row> df, int limit) {
    String[] cols = df.columns();
    List<Row> rows = df.limit(limit + 1).collectAsList();
    boolean more = rows.size() > limit;
    if (more) {
      rows = rows.subList(0, limit);
    }
    List<String[]> cells = new ArrayList<>();
    int[] w = new int[cols.length];
    for (int i = 0; i < cols.length; i++) {
      w[i] = cols[i].length();
    }
    for (Row r : rows) {
      String[] c = new String[cols.length];
      for (int i = 0; i < cols.length; i++) {
        String v = r.isNullAt(i) ? "NULL" : String.valueOf(r.get(i));
        if (v.length() > 80) {
          v = v.substring(0, 77) + "...";
        }
        c[i] = v;
        w[i] = Math.max(w[i], v.length());
      }
      cells.add(c);
    }
    StringBuilder sb = new StringBuilder();
    line(sb, w);
    row(sb, cols, w);
    line(sb, w);
    for (String[] c : cells) {
      row(sb, c, w);
    }
    line(sb, w);
    sb.append(rows.size()).append(rows.size() == 1 ? " row" : " rows")
        .append(more ? " (first " + limit + " shown; use --limit)" : "").append('\n');
    return sb.toString();
  }

  private static void line(StringBuilder sb, int[] w) {
    sb.append('+');
    for (int x : w) {
      sb.append("-".repeat(x + 2)).append('+');
    }
    sb.append('\n');
  }

  private static void row(StringBuilder sb, String[] c, int[] w) {
    sb.append('|');
    for (int i = 0; i < c.length; i++) {
      sb.append(' ').append(c[i]).append(" ".repeat(w[i] - c[i].length())).append(" |");
    }
    sb.append('\n');
  }
}
