package io.onecustomer.jobs.identity;

import static io.onecustomer.common.spark.Cols.seq;
import static io.onecustomer.jobs.identity.IdentityColumns.CUSTOMER_ID;
import static io.onecustomer.jobs.identity.IdentityColumns.ID_HASH;
import static io.onecustomer.jobs.identity.IdentityColumns.ID_TYPE;
import static io.onecustomer.jobs.identity.IdentityColumns.ID_VALUE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.onecustomer.jobs.privacy.Hmac;
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
   * With a small identity table (at most {@link #BROADCAST_LIMIT} rows) every row's identifiers
   * are hashed and looked up in broadcast maps; with a larger one each distinct identifier value is
   * hashed once and the rows are joined by sort-merge.
   *
   * @param rowKey a column unique per row of {@code rows}
   * @param idColumns identifier columns named by their type (phone, member_id, ...)
   */
  public static Dataset<Row> withCustomerId(Dataset<Row> rows, String rowKey, Dataset<Row> identities, Hmac hmac,
      List<String> idColumns) {
    return withCustomerId(rows, rowKey, identities, hmac, idColumns, fitsBroadcast(identities, BROADCAST_LIMIT));
  }

  /**
   * Identifier tables up to this many rows are broadcast and each identifier column is looked up
   * with a map-side join: no shuffle and no sort of the rows (the general path sorts them three
   * times by string keys). Larger tables take the general path.
   */
  public static final long BROADCAST_LIMIT = 1_000_000;

  /**
   * As {@link #withCustomerId(Dataset, String, Dataset, Hmac, List)}, choosing the broadcast path
   * when {@code identities} has at most {@code broadcastLimit} rows (one count of it). Both paths
   * give the same rows.
   */
  static Dataset<Row> withCustomerId(Dataset<Row> rows, String rowKey, Dataset<Row> identities, Hmac hmac,
      List<String> idColumns, long broadcastLimit) {
    return withCustomerId(rows, rowKey, identities, hmac, idColumns, fitsBroadcast(identities, broadcastLimit));
  }

  /**
   * As {@link #withCustomerId(Dataset, String, Dataset, Hmac, List)} with the path already chosen
   * ({@link #fitsBroadcast}), for callers that key several tables against the same identities.
   */
  public static Dataset<Row> withCustomerId(Dataset<Row> rows, String rowKey, Dataset<Row> identities, Hmac hmac,
      List<String> idColumns, boolean broadcast) {
    Dataset<Row> ids = identities.select(ID_TYPE, ID_HASH, CUSTOMER_ID);
    return broadcast ? byBroadcast(rows, ids, hmac, idColumns) : bySortMerge(rows, rowKey, ids, hmac, idColumns);
  }

  /** Whether {@code identities} has at most {@code limit} rows (counts at most limit + 1 of them). */
  public static boolean fitsBroadcast(Dataset<Row> identities, long limit) {
    return identities.limit((int) Math.min(Integer.MAX_VALUE, limit + 1)).count() <= limit;
  }

  /** One broadcast left join per identifier column; the first that resolves (priority order) wins. */
  private static Dataset<Row> byBroadcast(Dataset<Row> rows, Dataset<Row> identities, Hmac hmac,
      List<String> idColumns) {
    Dataset<Row> out = rows;
    List<Column> found = new ArrayList<>();
    List<String> helpers = new ArrayList<>();
    for (int i = 0; i < idColumns.size(); i++) {
      String t = idColumns.get(i);
      String hash = "_h" + i;
      String customer = "_c" + i;
      Dataset<Row> ofType = broadcast(identities.where(col(ID_TYPE).equalTo(lit(t)))
          .select(col(ID_HASH).alias(hash), col(CUSTOMER_ID).alias(customer)));
      Column key = hmac.hash(IdentityTransforms.node(lit(t), col(t).cast("string")));
      out = out.join(ofType, key.equalTo(col(hash)), "left").drop(hash);
      found.add(col(customer));
      helpers.add(customer);
    }
    return out.withColumn(CUSTOMER_ID, coalesce(found.toArray(new Column[0])))
        .drop(helpers.toArray(new String[0]));
  }

  private static Dataset<Row> bySortMerge(Dataset<Row> rows, String rowKey, Dataset<Row> identities, Hmac hmac,
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
