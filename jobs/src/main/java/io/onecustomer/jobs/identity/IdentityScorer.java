package io.onecustomer.jobs.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;

import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.common.spark.SessionFactory;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.Identifiers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores identity resolution against the generator's truth: every identifier of a true person
 * (people.csv, phone_changes.csv) is hashed with the same key and matched to its customer_id in
 * gold.customer_identities. Pairwise precision = pairs of identifiers put in one customer that
 * belong to one person / all pairs put in one customer; recall = such pairs / all pairs of one
 * person among the resolved identifiers. Identifiers that belong to several people (shared family
 * phones) are left out and counted, as are merges of different people ({@code falseMerges}: customers
 * holding identifiers of more than one person). Usable on any generated data set.
 */
public final class IdentityScorer {
  private IdentityScorer() {}

  public record Score(long scoredIdentifiers, long ambiguousIdentifiers, long predictedPairs, long truePairs,
      long truePositivePairs, long customers, long customersWithSeveralPeople, long reachablePairs,
      long reachableFoundPairs) {
    /** Recall over the true pairs that a chain of one person's strong identifiers connects in the data. */
    public double reachableRecall() {
      return reachablePairs == 0 ? 1.0 : (double) reachableFoundPairs / reachablePairs;
    }

    public double precision() {
      return predictedPairs == 0 ? 1.0 : (double) truePositivePairs / predictedPairs;
    }

    public double recall() {
      return truePairs == 0 ? 1.0 : (double) truePositivePairs / truePairs;
    }

    @Override
    public String toString() {
      return String.format("identifiers=%d ambiguous=%d customers=%d merged_people=%d pairs(pred=%d true=%d tp=%d)"
              + " precision=%.5f recall_all=%.5f recall_reachable=%.5f (reachable pairs=%d found=%d)",
          scoredIdentifiers, ambiguousIdentifiers, customers, customersWithSeveralPeople, predictedPairs, truePairs,
          truePositivePairs, precision(), recall(), reachableRecall(), reachablePairs, reachableFoundPairs);
    }
  }

  /** {@code bin/identity-score <truth dir>}: scores gold.customer_identities of the configured warehouse. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: identity-score <generator output>/truth");
      System.exit(2);
    }
    var config = AppConfig.load(
        System.getenv().getOrDefault("ONECUSTOMER_ENV", "local"), null,
        AppConfig.confDir(), Map.of());
    SparkSession spark = SessionFactory.create(config, "onecustomer identity score");
    Dataset<Row> ids = DeltaWriter.read(spark, IdentityColumns.GOLD_CUSTOMER_IDENTITIES,
        config.paths().warehouse());
    Dataset<Row> obs = DeltaWriter.read(spark, Tables.SILVER_IDENTIFIERS,
        config.paths().warehouse());
    System.out.println(score(spark, ids, obs, Path.of(args[0]), Hmac.fromConfig(spark, config), config.identity().weakTypes()));
    System.exit(0);
  }

  static Dataset<Row> truthIdentifiers(SparkSession spark, Path truth) {
    StructType people = new StructType();
    for (String c : new String[] {"person_id", "phone", "email", "member_id", "card_no", "buyer_nick", "openid",
        "unionid", "device_ids", "region", "city", "segment", "first_active_date", "churn_date", "shared_phone_group"}) {
      people = people.add(c, DataTypes.StringType);
    }
    Dataset<Row> p = spark.read().option("header", "true").schema(people).csv(truth.resolve("people.csv").toString());
    Dataset<Row> out = null;
    for (String t : new String[] {Identifiers.PHONE, Identifiers.EMAIL, Identifiers.MEMBER_ID, Identifiers.CARD_NO,
        Identifiers.BUYER_NICK, Identifiers.OPENID, Identifiers.UNIONID}) {
      Dataset<Row> one = p.where(col(t).isNotNull()).select(col("person_id"), lit(t).alias("t"), col(t).alias("v"));
      out = out == null ? one : out.unionByName(one);
    }
    out = out.unionByName(p.where(col("device_ids").isNotNull())
        .select(col("person_id"), lit(Identifiers.DEVICE_ID).alias("t"), explode(split(col("device_ids"), "\\|")).alias("v")));
    StructType changes = new StructType().add("person_id", DataTypes.StringType).add("old_phone", DataTypes.StringType)
        .add("new_phone", DataTypes.StringType).add("change_date", DataTypes.StringType);
    Path pc = truth.resolve("phone_changes.csv");
    if (pc.toFile().isFile()) {
      Dataset<Row> c = spark.read().option("header", "true").schema(changes).csv(pc.toString());
      out = out.unionByName(c.select(col("person_id"), lit(Identifiers.PHONE).alias("t"), col("old_phone").alias("v")))
          .unionByName(c.select(col("person_id"), lit(Identifiers.PHONE).alias("t"), col("new_phone").alias("v")));
    }
    return out.where(col("v").isNotNull()).distinct();
  }

  /**
   * Scores {@code identities}; {@code observations} (silver.identifiers) tells which true pairs
   * are reachable: connected by a chain of records whose identifiers all belong to that person.
   */
  public static Score score(SparkSession spark, Dataset<Row> identities, Dataset<Row> observations, Path truth,
      Hmac hmac, List<String> weakTypes) {
    Dataset<Row> t = truthIdentifiers(spark, truth)
        .withColumn(IdentityColumns.ID_HASH, hmac.hash(IdentityTransforms.node(col("t"), col("v"))));
    Dataset<Row> owners = t.groupBy(col("t").alias(IdentityColumns.ID_TYPE), col(IdentityColumns.ID_HASH))
        .agg(countDistinct("person_id").alias("owners"), functions.min("person_id").alias("person_id"));
    Dataset<Row> joined = identities.select(IdentityColumns.ID_TYPE, IdentityColumns.ID_HASH, IdentityColumns.CUSTOMER_ID)
        .join(owners, Cols.seq(IdentityColumns.ID_TYPE, IdentityColumns.ID_HASH)).cache();
    long ambiguous = joined.where(col("owners").gt(1)).count();
    Dataset<Row> scored = joined.where(col("owners").equalTo(1));
    long n = scored.count();
    long pred = pairs(scored.groupBy(IdentityColumns.CUSTOMER_ID).agg(count(lit(1)).alias("n")));
    long tru = pairs(scored.groupBy("person_id").agg(count(lit(1)).alias("n")));
    long tp = pairs(scored.groupBy(IdentityColumns.CUSTOMER_ID, "person_id").agg(count(lit(1)).alias("n")));
    // Reachable pairs: components of the graph of records restricted to one person's identifiers.
    Dataset<Row> personOf = owners.where(col("owners").equalTo(1)).select(IdentityColumns.ID_TYPE, IdentityColumns.ID_HASH, "person_id");
    Dataset<Row> nodes = IdentityTransforms.identifierStats(observations)
        .where(col(IdentityColumns.ID_TYPE).isin(weakTypes.toArray()).unary_$bang())
        .withColumn(IdentityColumns.ID_HASH, hmac.hash(IdentityTransforms.node(col(IdentityColumns.ID_TYPE), col(IdentityColumns.ID_VALUE))))
        .join(personOf, Cols.seq(IdentityColumns.ID_TYPE, IdentityColumns.ID_HASH))
        .withColumn(IdentityTransforms.NODE, IdentityTransforms.node(col(IdentityColumns.ID_TYPE), col(IdentityColumns.ID_VALUE)))
        .cache();
    Dataset<Row> rawEdges = IdentityTransforms.edges(observations, nodes);
    Dataset<Row> np = nodes.select(IdentityTransforms.NODE, "person_id");
    Dataset<Row> samePerson = rawEdges
        .join(np.withColumnRenamed(IdentityTransforms.NODE, "src").withColumnRenamed("person_id", "p1"), "src")
        .join(np.withColumnRenamed(IdentityTransforms.NODE, "dst").withColumnRenamed("person_id", "p2"), "dst")
        .where(col("p1").equalTo(col("p2"))).select("src", "dst");
    Dataset<Row> comp = IdentityTransforms.connectedComponents(nodes.select(IdentityTransforms.NODE), samePerson, 100).labels()
        .join(nodes.select(IdentityTransforms.NODE, IdentityColumns.ID_TYPE, IdentityColumns.ID_HASH), IdentityTransforms.NODE)
        .join(scored.select(IdentityColumns.ID_TYPE, IdentityColumns.ID_HASH, IdentityColumns.CUSTOMER_ID),
            Cols.seq(IdentityColumns.ID_TYPE, IdentityColumns.ID_HASH));
    long reachable = pairs(comp.groupBy(IdentityTransforms.LABEL).agg(count(lit(1)).alias("n")));
    long reachableFound = pairs(comp.groupBy(IdentityTransforms.LABEL, IdentityColumns.CUSTOMER_ID).agg(count(lit(1)).alias("n")));
    nodes.unpersist();
    long customers = scored.select(IdentityColumns.CUSTOMER_ID).distinct().count();
    long multi = scored.groupBy(IdentityColumns.CUSTOMER_ID).agg(countDistinct("person_id").alias("p"))
        .where(col("p").gt(1)).count();
    joined.unpersist();
    return new Score(n, ambiguous, pred, tru, tp, customers, multi, reachable, reachableFound);
  }

  private static long pairs(Dataset<Row> counts) {
    Row r = counts.agg(sum(col("n").multiply(col("n").minus(1)).divide(2).cast("long"))).first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }
}
