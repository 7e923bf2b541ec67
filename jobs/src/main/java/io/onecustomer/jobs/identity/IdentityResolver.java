package io.onecustomer.jobs.identity;

import static io.onecustomer.common.spark.Cols.seq;
import static io.onecustomer.jobs.identity.IdentityColumns.*;
import static io.onecustomer.jobs.identity.IdentityTransforms.LABEL;
import static io.onecustomer.jobs.identity.IdentityTransforms.NODE;
import static org.apache.spark.sql.functions.col;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.SilverColumns.IdentifierObs;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Full and incremental identity resolution and guards, as functions of Datasets (no I/O).
 *
 * <p>Incremental is exact: the customers whose identifiers the new observations touch (or whose
 * identifiers a guard newly blocked) are re-resolved from every observation of every record that
 * carries one of their identifiers; all other customers are carried over unchanged. A component of
 * the full graph either contains a touched identifier (then all of it is re-resolved, since
 * yesterday's customers are whole components and today's new edges all come from touched records)
 * or is yesterday's component unchanged. Ids are a function of each component alone (its
 * earliest-seen identifier), so an incremental night yields the assignment a full rebuild yields
 * ({@code PipelineIT} checks this on generated data).
 */
public final class IdentityResolver {
  private IdentityResolver() {}

  /** Rows of gold.customer_identities (without snapshot_date) and the rounds CC needed. */
  public record Resolved(Dataset<Row> identities, int iterations) {}

  private static Column hashOf(Hmac hmac) {
    return hmac.hash(IdentityTransforms.node(col(ID_TYPE), col(ID_VALUE)));
  }

  private static Column notWeak(AppConfig.Identity cfg) {
    return col(ID_TYPE).isin(cfg.weakTypes().toArray()).unary_$bang();
  }

  /**
   * Resolves every identifier of {@code obs}. {@code blocked} has (id_type, id_hash) of audited
   * identifiers; {@code previous} (id_type, id_hash, customer_id, first_seen_ts) the last run's
   * customers, or null (see {@link IdentityTransforms#assignCustomerIds}).
   */
  public static Resolved full(Dataset<Row> obs, Dataset<Row> blocked, Dataset<Row> previous, Hmac hmac,
      AppConfig.Identity cfg) {
    return resolve(obs, null, blocked, previous, hmac, cfg);
  }

  private static Resolved resolve(Dataset<Row> obs, Dataset<Row> onlyValues, Dataset<Row> blocked,
      Dataset<Row> previous, Hmac hmac, AppConfig.Identity cfg) {
    Dataset<Row> stats = IdentityTransforms.identifierStats(obs).where(notWeak(cfg));
    if (onlyValues != null) {
      stats = stats.join(onlyValues.select(ID_TYPE, ID_VALUE), seq(ID_TYPE, ID_VALUE), "left_semi");
    }
    Dataset<Row> allowed = stats.withColumn(ID_HASH, hashOf(hmac))
        .join(blocked.select(ID_TYPE, ID_HASH), seq(ID_TYPE, ID_HASH), "left_anti")
        .withColumn(NODE, IdentityTransforms.node(col(ID_TYPE), col(ID_VALUE)))
        .localCheckpoint();
    Dataset<Row> edges = IdentityTransforms.edges(obs, allowed);
    IdentityTransforms.Components cc =
        IdentityTransforms.connectedComponents(allowed.select(NODE), edges, cfg.maxIterations());
    Dataset<Row> members = allowed.join(cc.labels(), NODE);
    Dataset<Row> ids = IdentityTransforms.assignCustomerIds(
        members.select(LABEL, ID_TYPE, ID_HASH, FIRST_SEEN_TS), previous);
    Dataset<Row> out = members.join(ids, LABEL)
        .select(col(ID_TYPE), col(ID_HASH), IdentityTransforms.masked(col(ID_TYPE), col(ID_VALUE)).alias(ID_MASKED),
            col(CUSTOMER_ID), col(FIRST_SEEN_TS), col(LAST_SEEN_TS), col(SOURCES), col(RECORDS));
    return new Resolved(out, cc.iterations());
  }

  /** The distinct identifiers (id_type, id_value) of some observations. */
  static Dataset<Row> identifiersOf(Dataset<Row> obs) {
    return obs.select(IdentifierObs.ID_TYPE, IdentifierObs.ID_VALUE).distinct();
  }

  /** Every observation of every record that carries one of {@code values} (id_type, id_value). */
  static Dataset<Row> recordsCarrying(Dataset<Row> obs, Dataset<Row> values) {
    Dataset<Row> records = obs.select(IdentifierObs.ID_TYPE, IdentifierObs.ID_VALUE, IdentifierObs.RECORD_KEY)
        .join(values.select(ID_TYPE, ID_VALUE), seq(ID_TYPE, ID_VALUE), "left_semi")
        .select(IdentifierObs.RECORD_KEY).distinct();
    return obs.join(records, seq(IdentifierObs.RECORD_KEY), "left_semi");
  }

  /**
   * Re-resolves only what {@code newObs} (the observations since {@code base} was written)
   * touches. {@code base} is the previous gold.customer_identities (id_type, id_hash, customer_id
   * and the other columns); {@code newlyBlocked} (id_type, id_hash) the identifiers the guards
   * blocked since.
   */
  public static Resolved incremental(Dataset<Row> obs, Dataset<Row> newObs, Dataset<Row> blocked, Dataset<Row> base,
      Dataset<Row> newlyBlocked, Hmac hmac, AppConfig.Identity cfg) {
    Dataset<Row> hashed = identifiersOf(obs).where(notWeak(cfg)).withColumn(ID_HASH, hashOf(hmac)).localCheckpoint();
    Dataset<Row> touched = identifiersOf(newObs).join(hashed, seq(ID_TYPE, ID_VALUE)).select(ID_TYPE, ID_HASH);
    Dataset<Row> affectedCustomers = base.join(touched.union(newlyBlocked.select(ID_TYPE, ID_HASH)),
            seq(ID_TYPE, ID_HASH), "left_semi")
        .select(CUSTOMER_ID).distinct().localCheckpoint();
    Dataset<Row> affectedNodes = base.join(affectedCustomers, seq(CUSTOMER_ID), "left_semi")
        .select(ID_TYPE, ID_HASH).union(touched).distinct();
    Dataset<Row> affectedValues = hashed.join(affectedNodes, seq(ID_TYPE, ID_HASH), "left_semi")
        .select(ID_TYPE, ID_VALUE).localCheckpoint();
    // Materialised (and the plans cut) at each step: the inputs are used several times, and plans
    // that repeat them grow too large to even describe.
    Dataset<Row> sub = recordsCarrying(obs, affectedValues).localCheckpoint();
    Dataset<Row> previous = base.join(affectedCustomers, seq(CUSTOMER_ID), "left_semi")
        .select(ID_TYPE, ID_HASH, CUSTOMER_ID, FIRST_SEEN_TS);
    Resolved part = resolve(sub, affectedValues, blocked, previous, hmac, cfg);
    Dataset<Row> kept = base.join(affectedCustomers, seq(CUSTOMER_ID), "left_anti")
        .select(ID_TYPE, ID_HASH, ID_MASKED, CUSTOMER_ID, FIRST_SEEN_TS, LAST_SEEN_TS, SOURCES, RECORDS);
    return new Resolved(kept.unionByName(part.identities()), part.iterations());
  }

  /** Guards over every observation: the identifiers to keep out of the graph, with reasons. */
  public static Dataset<Row> guardsFull(Dataset<Row> obs, AppConfig.Identity cfg) {
    return IdentityTransforms.blocked(obs, IdentityTransforms.identifierStats(obs), cfg);
  }

  /**
   * Guards for the identifiers {@code newObs} touches; other identifiers keep yesterday's verdict
   * (counts only grow, so a verdict never flips back). Per-identifier counts come from every
   * observation (one aggregation); the costly co-occurrence check runs only on the records that
   * carry a touched identifier, which are all the records it can count. Returns (id_type,
   * id_value, records, reason_code, reason) for the touched identifiers that are blocked.
   */
  public static Dataset<Row> guardsTouched(Dataset<Row> obs, Dataset<Row> newObs, AppConfig.Identity cfg) {
    Dataset<Row> touched = identifiersOf(newObs);
    Dataset<Row> sub = recordsCarrying(obs, touched);
    return IdentityTransforms.blocked(sub, IdentityTransforms.identifierStats(obs), cfg)
        .join(touched, seq(ID_TYPE, ID_VALUE), "left_semi");
  }
}
