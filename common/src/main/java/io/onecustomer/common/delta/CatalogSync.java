package io.onecustomer.common.delta;

import io.onecustomer.common.TableId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Finds every Delta table under {@code <warehouse>/<layer>/<table>} and makes sure the catalog
 * has it by name. The jobs register what they write; this repairs a catalog that was lost (a new
 * metastore, an in-memory session) so SQL users always see the whole warehouse.
 */
public final class CatalogSync {
  private CatalogSync() {}

  public static List<TableId> discover(SparkSession spark, String warehouse) {
    List<TableId> out = new ArrayList<>();
    Path root = new Path(warehouse);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return out;
      }
      for (FileStatus layer : fs.listStatus(root)) {
        String layerName = layer.getPath().getName();
        if (!layer.isDirectory() || !layerName.matches("[a-z][a-z0-9_]*")) {
          continue;
        }
        for (FileStatus table : fs.listStatus(layer.getPath())) {
          String name = table.getPath().getName();
          if (table.isDirectory() && name.matches("[a-z][a-z0-9_]*")
              && fs.exists(new Path(table.getPath(), "_delta_log"))) {
            out.add(new TableId(layerName, name));
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list warehouse " + warehouse + ": " + e.getMessage(), e);
    }
    out.sort((a, b) -> a.qualified().compareTo(b.qualified()));
    return out;
  }

  /** Registers every table found; returns them. */
  public static List<TableId> registerAll(SparkSession spark, String warehouse) {
    List<TableId> tables = discover(spark, warehouse);
    for (TableId t : tables) {
      DeltaWriter.register(spark, t, t.path(warehouse));
    }
    return tables;
  }
}
