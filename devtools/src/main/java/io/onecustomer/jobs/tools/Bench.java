package io.onecustomer.jobs.tools;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.when;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** What the synthetic benchmarks (ValueBench, PeerBench) share: their buyers and their output lines. */
final class Bench {
  private Bench() {}

  /**
   * Synthetic buyers, seeded: customer_id ("c" + n); 5% / 35% / 60% buy at 0.075 / 0.027 / 0.0085
   * purchase days a day (x 0.6-1.4, {@code rate}); a quarter stop at a uniform day ({@code end},
   * else {@code days}); each has a typical basket, log-normal around 600 CNY ({@code spend}: it
   * varies between customers, as Gamma-Gamma assumes). Columns u, f, c, cd are the draws behind
   * them, from rand(seed) .. rand(seed + 3); spend from randn(spendSeed).
   */
  static Dataset<Row> buyers(SparkSession spark, long customers, int days, long seed, long spendSeed) {
    return spark.range(0, customers, 1, (int) Math.max(2, customers / 250_000))
        .select(concat(lit("c"), col("id").cast("string")).as("customer_id"), rand(seed).as("u"),
            rand(seed + 1).as("f"), rand(seed + 2).as("c"), rand(seed + 3).as("cd"))
        .withColumn("rate", when(col("u").lt(0.05), 0.075).when(col("u").lt(0.40), 0.027).otherwise(0.0085)
            .multiply(col("f").multiply(0.8).plus(0.6)))
        .withColumn("end", when(col("c").lt(0.25), floor(col("cd").multiply(days))).otherwise(lit(days)))
        .withColumn("spend", functions.exp(functions.randn(spendSeed).multiply(0.8).plus(Math.log(600))));
  }

  /** One result line, "bench: ...", the lines bench/*.sh keep in bench/results/. */
  static void print(String format, Object... args) {
    System.out.println("bench: " + String.format(Locale.ROOT, format, args));
  }
}
