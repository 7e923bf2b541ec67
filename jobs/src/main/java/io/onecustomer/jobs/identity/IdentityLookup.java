package io.onecustomer.jobs.identity;

import static io.onecustomer.jobs.identity.IdentityColumns.CUSTOMER_ID;
import static io.onecustomer.jobs.identity.IdentityColumns.ID_HASH;
import static io.onecustomer.jobs.identity.IdentityColumns.ID_TYPE;
import static io.onecustomer.jobs.identity.IdentityColumns.ID_VALUE;
import static io.onecustomer.common.spark.Cols.seq;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Finds the customer of any row that carries identifiers (an order line, a touchpoint, a ticket,
 * a member profile) through {@code gold.customer_identities}. Every downstream table keys its rows
 * this way, so that all of them agree on who a customer is.
 */
public final class IdentityLookup {
  private IdentityLookup() {}

  private static final String PRIORITY = "_priority";
  private static final String BEST = "_best";

  /**
   * Adds {@code customer_id} to {@code rows}: the customer of the first identifier column (in the
   * given priority order) whose value resolves in {@code identities} (id_type, id_hash,
   * customer_id). Rows whose identifiers are all unknown, weak or blocked get null; no row is
   * dropped or duplicated. Identifiers of one silver record are linked by the graph, so they all
   * resolve to the same customer; the priority only matters for rows outside the graph (tickets).
   * Each distinct identifier value is hashed once.
   *
   * @param rowKey a column unique per row of {@code rows}
   * @param idColumns identifier columns named by their type (phone, member_id, ...)
   */
  public static Dataset<Row> withCustomerId(Dataset<Row> rows, String rowKey, Dataset<Row> identities, Hmac hmac,
      List<String> idColumns) {
    List<Column> candidates = new ArrayList<>();
    for (int i = 0; i < idColumns.size(); i++) {
      String t = idColumns.get(i);
      candidates.add(struct(lit(i).alias(PRIORITY), lit(t).alias(ID_TYPE), col(t).cast("string").alias(ID_VALUE)));
    }
    Dataset<Row> keyed = rows.select(col(rowKey), explode(array(candidates.toArray(new Column[0]))).alias("_c"))
        .select(col(rowKey), col("_c." + PRIORITY).alias(PRIORITY), col("_c." + ID_TYPE).alias(ID_TYPE),
            col("_c." + ID_VALUE).alias(ID_VALUE))
        .where(col(ID_VALUE).isNotNull());
    Dataset<Row> resolved = keyed.select(ID_TYPE, ID_VALUE).distinct()
        .withColumn(ID_HASH, hmac.hash(IdentityTransforms.node(col(ID_TYPE), col(ID_VALUE))))
        .join(identities.select(ID_TYPE, ID_HASH, CUSTOMER_ID), seq(ID_TYPE, ID_HASH))
        .select(ID_TYPE, ID_VALUE, CUSTOMER_ID);
    Dataset<Row> perRow = keyed.join(resolved, seq(ID_TYPE, ID_VALUE))
        .groupBy(rowKey).agg(min(struct(col(PRIORITY), col(CUSTOMER_ID))).alias(BEST))
        .select(col(rowKey), col(BEST + "." + CUSTOMER_ID).alias(CUSTOMER_ID));
    return rows.join(perRow, seq(rowKey), "left");
  }
}
