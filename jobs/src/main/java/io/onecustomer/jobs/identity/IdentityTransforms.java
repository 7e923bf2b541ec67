package io.onecustomer.jobs.identity;

import static io.onecustomer.jobs.identity.IdentityColumns.*;
import static io.onecustomer.common.spark.Cols.seq;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bool_and;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.jobs.silver.Identifiers;
import io.onecustomer.jobs.silver.SilverColumns.IdentifierObs;
import io.onecustomer.jobs.silver.SilverColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity resolution as pure Dataset transforms: guards that keep shared and placeholder
 * identifiers out of the graph, connected components over the remaining identifiers, and stable
 * customer ids.
 */
public final class IdentityTransforms {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityTransforms.class);

  private IdentityTransforms() {}

  static final String NODE = "node";
  static final String LABEL = "label";

  /** One row per identifier: records carrying it, first/last seen, sources, validity. */
  public static Dataset<Row> identifierStats(Dataset<Row> observations) {
    return observations.groupBy(col(IdentifierObs.ID_TYPE).alias(ID_TYPE), col(IdentifierObs.ID_VALUE).alias(ID_VALUE))
        .agg(countDistinct(IdentifierObs.RECORD_KEY).alias(RECORDS),
            min(IdentifierObs.FIRST_SEEN_TS).alias(FIRST_SEEN_TS),
            max(IdentifierObs.LAST_SEEN_TS).alias(LAST_SEEN_TS),
            array_sort(collect_set(SilverColumns.SOURCE_TABLE)).alias(SOURCES),
            bool_and(col(IdentifierObs.IS_VALID)).alias(IdentifierObs.IS_VALID));
  }

  /**
   * Identifiers the guards keep out of the graph, with the first guard that applies: invalid
   * format, blocklisted value, blocklisted pattern, carried by too many records, or seen with too
   * many distinct values of an identifier type. Weak types are not nodes at all and are not listed.
   */
  public static Dataset<Row> blocked(Dataset<Row> observations, Dataset<Row> stats, AppConfig.Identity cfg) {
    Column type = col(ID_TYPE);
    Column value = col(ID_VALUE);
    List<Column> codes = new ArrayList<>();
    List<Column> reasons = new ArrayList<>();
    Column invalid = col(IdentifierObs.IS_VALID).equalTo(false);
    codes.add(when(invalid, lit(INVALID_FORMAT)));
    reasons.add(when(invalid, concat(lit("not a well-formed "), type)));
    for (String v : cfg.blockedValues()) {
      int c = v.indexOf(':');
      Column hit = type.equalTo(v.substring(0, c)).and(value.equalTo(v.substring(c + 1)));
      codes.add(when(hit, lit(BLOCKLISTED_VALUE)));
      reasons.add(when(hit, lit("on identity.blocklist.values")));
    }
    for (String p : cfg.blockedPatterns()) {
      int c = p.indexOf(':');
      String regex = p.substring(c + 1);
      Column hit = type.equalTo(p.substring(0, c)).and(value.rlike(regex));
      codes.add(when(hit, lit(BLOCKLISTED_PATTERN)));
      reasons.add(when(hit, lit("matches identity.blocklist.patterns " + regex)));
    }
    Column limit = lit(cfg.maxRecordsPerIdentifier().get("default"));
    for (Map.Entry<String, Integer> e : cfg.maxRecordsPerIdentifier().entrySet()) {
      if (!e.getKey().equals("default")) {
        limit = when(type.equalTo(e.getKey()), lit(e.getValue())).otherwise(limit);
      }
    }
    Column tooMany = col(RECORDS).gt(limit);
    codes.add(when(tooMany, lit(SHARED_BY_RECORDS)));
    reasons.add(when(tooMany, concat(lit("carried by "), col(RECORDS).cast("string"), lit(" records (limit "),
        limit.cast("string"), lit(")"))));
    Dataset<Row> firstPass = stats.where(type.isin(cfg.weakTypes().toArray()).unary_$bang())
        .select(col(ID_TYPE), col(ID_VALUE), col(RECORDS),
            coalesce(codes.toArray(new Column[0])).alias(REASON_CODE),
            coalesce(reasons.toArray(new Column[0])).alias(REASON));
    Dataset<Row> blockedFirst = firstPass.where(col(REASON_CODE).isNotNull());

    // Linked to too many: among identifiers that passed, count distinct co-occurring values per type.
    Dataset<Row> passing = firstPass.where(col(REASON_CODE).isNull()).select(ID_TYPE, ID_VALUE);
    Dataset<Row> obs = observations.select(col(IdentifierObs.ID_TYPE).alias(ID_TYPE),
            col(IdentifierObs.ID_VALUE).alias(ID_VALUE), col(IdentifierObs.RECORD_KEY).alias("rk"))
        .join(passing, seq(ID_TYPE, ID_VALUE), "left_semi").distinct();
    Dataset<Row> pairs = obs.as("a").join(obs.as("b"),
            col("a.rk").equalTo(col("b.rk")).and(col("a." + ID_TYPE).notEqual(col("b." + ID_TYPE))))
        .select(col("a." + ID_TYPE).alias(ID_TYPE), col("a." + ID_VALUE).alias(ID_VALUE),
            col("b." + ID_TYPE).alias("other_type"), col("b." + ID_VALUE).alias("other_value"))
        .distinct()
        .groupBy(ID_TYPE, ID_VALUE, "other_type").agg(count(lit(1)).alias("n"));
    Column linkLimit = lit(null).cast("int");
    for (Map.Entry<String, Integer> e : cfg.maxLinkedValues().entrySet()) {
      linkLimit = when(col("other_type").equalTo(e.getKey()), lit(e.getValue())).otherwise(linkLimit);
    }
    Dataset<Row> linked = pairs.withColumn("lim", linkLimit).where(col("n").gt(col("lim")))
        .withColumn("_rn", row_number().over(Window.partitionBy(ID_TYPE, ID_VALUE)
            .orderBy(col("n").minus(col("lim")).desc(), col("other_type"))))
        .where(col("_rn").equalTo(1))
        .select(col(ID_TYPE), col(ID_VALUE), lit(LINKED_TO_MANY).alias(REASON_CODE),
            concat(lit("seen with "), col("n").cast("string"), lit(" distinct "), col("other_type"),
                lit(" values (limit "), col("lim").cast("string"), lit(")")).alias(REASON))
        .join(stats.select(ID_TYPE, ID_VALUE, RECORDS), seq(ID_TYPE, ID_VALUE));
    return blockedFirst.unionByName(linked);
  }

  /**
   * Graph edges: within each record, every allowed identifier is linked to the record's smallest
   * allowed identifier (a star per record, so a record with k identifiers adds k-1 edges).
   */
  public static Dataset<Row> edges(Dataset<Row> observations, Dataset<Row> allowed) {
    Dataset<Row> obs = observations.select(col(IdentifierObs.ID_TYPE).alias(ID_TYPE),
            col(IdentifierObs.ID_VALUE).alias(ID_VALUE), col(IdentifierObs.RECORD_KEY).alias("rk"))
        .join(allowed.select(ID_TYPE, ID_VALUE), seq(ID_TYPE, ID_VALUE), "left_semi")
        .select(node(col(ID_TYPE), col(ID_VALUE)).alias(NODE), col("rk")).distinct();
    Dataset<Row> anchor = obs.groupBy("rk").agg(min(NODE).alias("anchor"));
    return obs.join(anchor, "rk").where(col(NODE).notEqual(col("anchor")))
        .select(col(NODE).alias("src"), col("anchor").alias("dst")).distinct();
  }

  public static Column node(Column type, Column value) {
    return concat(type, lit(":"), value);
  }

  /** Result of connected components: a label (the component's smallest node) per node. */
  public record Components(Dataset<Row> labels, int iterations) {}

  /**
   * Connected components by min-label propagation with pointer jumping, entirely in Spark: each
   * round gives every node the smallest label among itself and its neighbours, then replaces each
   * label by its own label's label (path halving), so chains collapse in O(log d) rounds. Every
   * round is two joins over the edges and a count; lineage is cut with a local checkpoint. Stops
   * when no label changes, or fails after {@code maxIterations}.
   */
  public static Components connectedComponents(Dataset<Row> nodes, Dataset<Row> edges, int maxIterations) {
    Dataset<Row> undirected = edges.select(col("src").alias("a"), col("dst").alias("b"))
        .union(edges.select(col("dst").alias("a"), col("src").alias("b")))
        .localCheckpoint();
    Dataset<Row> labels = nodes.select(col(NODE), col(NODE).alias(LABEL)).localCheckpoint();
    for (int i = 1; i <= maxIterations; i++) {
      Dataset<Row> fromNeighbours = undirected.join(labels, undirected.col("b").equalTo(labels.col(NODE)))
          .select(col("a").alias(NODE), col(LABEL));
      Dataset<Row> propagated = labels.union(fromNeighbours).groupBy(NODE).agg(min(LABEL).alias(LABEL));
      Dataset<Row> jumped = propagated.as("x")
          .join(propagated.as("y"), col("x." + LABEL).equalTo(col("y." + NODE)), "left")
          .select(col("x." + NODE).alias(NODE),
              least(col("x." + LABEL), coalesce(col("y." + LABEL), col("x." + LABEL))).alias(LABEL))
          .localCheckpoint();
      long changed = jumped.as("n").join(labels.as("o"), col("n." + NODE).equalTo(col("o." + NODE)))
          .where(col("n." + LABEL).notEqual(col("o." + LABEL))).count();
      labels = jumped;
      LOG.info("connected components: round {} changed {} labels", i, changed);
      if (changed == 0) {
        return new Components(labels, i);
      }
    }
    throw new IllegalStateException("connected components did not converge in " + maxIterations
        + " rounds (onecustomer.identity.max-iterations)");
  }

  /** Display form that hides most of the value: 138****5678, l***@example.com, ab***yz. */
  public static Column masked(Column type, Column value) {
    Column local = regexp_extract(value, "^\\+86([0-9]{11})$", 1);
    Column email = split(value, "@");
    return when(type.equalTo(Identifiers.PHONE).and(length(local).equalTo(11)),
            concat(substring(local, 1, 3), lit("****"), substring(local, 8, 4)))
        .when(type.equalTo(Identifiers.EMAIL), concat(substring(value, 1, 1), lit("***@"), element_at(email, 2)))
        .when(type.equalTo(Identifiers.PHONE_MASKED), value)
        .when(length(value).gt(6), concat(substring(value, 1, 2), lit("***"), substring(value, -2, 2)))
        .otherwise(lit("***"));
  }

  /**
   * The order in which a component's identifiers claim its name: the earliest seen first (event
   * time of the observations, so it does not depend on when or in which order days were run), ties
   * (identifiers of one record) by type, then hash. The first is the component's <em>anchor</em>.
   */
  static Column[] anchorOrder() {
    return new Column[] {col(FIRST_SEEN_TS).asc_nulls_last(), col(ID_TYPE), col(ID_HASH)};
  }

  /** The anchor (its id_hash, as {@code as}) of each group of {@code rows} by {@code group}. */
  private static Dataset<Row> anchors(Dataset<Row> rows, String group, String as) {
    return rows.withColumn("_rank", row_number().over(Window.partitionBy(group).orderBy(anchorOrder())))
        .where(col("_rank").equalTo(1)).select(col(group), col(ID_HASH).alias(as));
  }

  /**
   * Stable customer ids, as a function of each component alone. {@code members} has (label,
   * id_type, id_hash, first_seen_ts); {@code previous} the same columns with customer_id instead
   * of label, from the last run (may be null). A component is named after its anchor ({@link
   * #anchorOrder}: its earliest-seen identifier): {@code C} + the first 16 hex digits of the
   * anchor's hash. A component whose anchor was also the anchor of a previous customer keeps that
   * customer's id, which is the same name unless the hashing key was rotated since (stored hashes
   * change, ids do not).
   *
   * <p>So a new identifier joining a known person keeps their id (it is seen later than the
   * anchor); when customers merge, the earliest-seen survives; on a split, the side holding the
   * anchor keeps the id. And since the name depends only on the component's identifiers and when
   * they were first seen, not on the previous state, re-running days in any order, a backfill
   * after later nights, an incremental night and a full rebuild all name every customer alike.
   * (The rule before, "the id most of the component's identifiers held", made the names depend on
   * the order observations arrived in.)
   */
  public static Dataset<Row> assignCustomerIds(Dataset<Row> members, Dataset<Row> previous) {
    Dataset<Row> anchor = anchors(members, LABEL, "_anchor");
    Dataset<Row> fresh = anchor.select(col(LABEL), col("_anchor"),
        concat(lit("C"), substring(col("_anchor"), 1, 16)).alias("_fresh_id"));
    if (previous == null) {
      return fresh.select(col(LABEL), col("_fresh_id").alias(CUSTOMER_ID));
    }
    Dataset<Row> kept = anchors(previous, CUSTOMER_ID, "_anchor").select(col("_anchor"), col(CUSTOMER_ID).alias("_prev"));
    Dataset<Row> named = fresh.join(kept, seq("_anchor"), "left");
    // A carried id need not be its anchor's name (one given under the earlier rule, or before a key
    // rotation), so it can equal the name another component's anchor gives: that one then takes the
    // next 16 hex digits of its anchor's hash, and no two customers share an id.
    Dataset<Row> taken = named.where(col("_prev").isNotNull()).select(col("_prev").alias("_taken"));
    return named.join(taken, named.col("_fresh_id").equalTo(taken.col("_taken")), "left")
        .select(col(LABEL), coalesce(col("_prev"), when(col("_taken").isNotNull(),
            concat(lit("C"), substring(col("_anchor"), 17, 16))).otherwise(col("_fresh_id"))).alias(CUSTOMER_ID));
  }

  /**
   * Customer id changes between two assignments (id_type, id_hash, customer_id): one row per (old
   * id, new id) with the number of identifiers that moved; {@code merge} when the old id no longer
   * exists, {@code split} when it still does.
   */
  public static Dataset<Row> idChanges(Dataset<Row> previous, Dataset<Row> current) {
    Dataset<Row> moved = previous.select(col(ID_TYPE), col(ID_HASH), col(CUSTOMER_ID).alias(OLD_CUSTOMER_ID))
        .join(current.select(col(ID_TYPE), col(ID_HASH), col(CUSTOMER_ID).alias(NEW_CUSTOMER_ID)),
            seq(ID_TYPE, ID_HASH))
        .where(col(OLD_CUSTOMER_ID).notEqual(col(NEW_CUSTOMER_ID)))
        .groupBy(OLD_CUSTOMER_ID, NEW_CUSTOMER_ID).agg(count(lit(1)).alias(IDENTIFIERS_MOVED));
    Dataset<Row> stillThere = current.select(col(CUSTOMER_ID).alias(OLD_CUSTOMER_ID)).distinct()
        .withColumn("_alive", lit(true));
    return moved.join(stillThere, seq(OLD_CUSTOMER_ID), "left")
        .withColumn(REASON_CODE, when(col("_alive").isNull(), lit(MERGE)).otherwise(lit(SPLIT)))
        .drop("_alive");
  }
}
