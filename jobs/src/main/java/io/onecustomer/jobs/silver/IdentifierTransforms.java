package io.onecustomer.jobs.silver;

import static io.onecustomer.jobs.silver.SilverColumns.IdentifierObs.*;
import static io.onecustomer.jobs.silver.SilverColumns.RUN_DATE;
import static io.onecustomer.jobs.silver.SilverColumns.SOURCE_TABLE;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha1;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Unpivots the identifiers carried by orders, touchpoints and member profiles into one
 * observation per (identifier, record, business day). Identifiers that share a record key were
 * seen together and are linked by the identity graph.
 */
public final class IdentifierTransforms {
  private IdentifierTransforms() {}

  static final String TS = "_ts";

  /** Orders: one record per order (all lines of an order carry the same buyer). */
  public static Dataset<Row> fromOrders(Dataset<Row> orders) {
    Column key = concat_ws(":", lit("order"), col(SilverColumns.Orders.CHANNEL), col(SilverColumns.Orders.ORDER_ID));
    return unpivot(orders, Tables.SILVER_ORDERS.qualified(), key, col(SilverColumns.Orders.ORDER_TS),
        Identifiers.PHONE, Identifiers.PHONE_MASKED, Identifiers.EMAIL, Identifiers.MEMBER_ID,
        Identifiers.CARD_NO, Identifiers.BUYER_NICK, Identifiers.OPENID, Identifiers.UNIONID);
  }

  /**
   * Touchpoints: events carrying the same set of identifiers form one record (a hash of the set),
   * so millions of clicks of one device collapse into a few observations with first/last seen.
   */
  public static Dataset<Row> fromTouchpoints(Dataset<Row> tp) {
    String[] types = {Identifiers.DEVICE_ID, Identifiers.ANONYMOUS_ID, Identifiers.MEMBER_ID,
        Identifiers.OPENID, Identifiers.UNIONID, Identifiers.PHONE, Identifiers.EMAIL};
    List<Column> parts = new ArrayList<>();
    parts.add(col(SilverColumns.Touchpoints.CHANNEL));
    for (String t : types) {
      parts.add(coalesce(col(t), lit("")));
    }
    Column key = concat(lit("touch:"), sha1(concat_ws("|", parts.toArray(new Column[0])).cast("binary")));
    return unpivot(tp, Tables.SILVER_TOUCHPOINTS.qualified(), key, col(SilverColumns.Touchpoints.EVENT_TS), types);
  }

  /** Member profiles: one record per member. */
  public static Dataset<Row> fromMembers(Dataset<Row> members) {
    Column key = concat_ws(":", lit("member"), col(Identifiers.MEMBER_ID));
    return unpivot(members, Tables.SILVER_MEMBERS.qualified(), key, col(SilverColumns.Members.UPDATED_TS),
        Identifiers.MEMBER_ID, Identifiers.CARD_NO, Identifiers.PHONE, Identifiers.EMAIL);
  }

  static Dataset<Row> unpivot(Dataset<Row> rows, String sourceTable, Column recordKey, Column ts, String... types) {
    List<Column> sel = new ArrayList<>(List.of(recordKey.alias(RECORD_KEY), ts.alias(TS), col(RUN_DATE)));
    for (String t : types) {
      sel.add(col(t));
    }
    // Spark's own unpivot reads the input once and emits a row per type; a union of one filtered
    // select per type (as before) planned one scan per type, each with its own not-null filter, and
    // Delta listed the table's files for each (8 times for silver.orders).
    Dataset<Row> out = rows.select(sel.toArray(new Column[0]))
        .unpivot(new Column[] {col(RECORD_KEY), col(TS), col(RUN_DATE)},
            java.util.Arrays.stream(types).map(t -> col(t)).toArray(Column[]::new), ID_TYPE, ID_VALUE)
        .where(col(ID_VALUE).isNotNull());
    return out
        .groupBy(col(RUN_DATE), col(ID_TYPE), col(ID_VALUE), col(RECORD_KEY))
        .agg(min(TS).alias(FIRST_SEEN_TS), max(TS).alias(LAST_SEEN_TS), count(lit(1)).alias(OBSERVATIONS))
        .withColumn(SOURCE_TABLE, lit(sourceTable))
        .withColumn(IS_VALID, isValid(col(ID_TYPE), col(ID_VALUE)));
  }

  /** Well-formedness by type; guards against placeholders belong to identity resolution. */
  public static Column isValid(Column type, Column value) {
    return when(type.equalTo(Identifiers.PHONE), value.rlike(Identifiers.CANONICAL_PHONE))
        .when(type.equalTo(Identifiers.EMAIL), value.rlike(Identifiers.VALID_EMAIL))
        .otherwise(length(value).geq(3));
  }
}
