package io.onecustomer.jobs.privacy;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.jobs.HashKeys;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * HMAC-SHA256 of identifiers, computed in the executors by {@code javax.crypto} inside a Java UDF
 * ({@code hmac_sha256} in plans). The keys travel as a Spark broadcast variable: no key, and no
 * byte derived from one, is ever part of a query plan, so {@code EXPLAIN}, the Spark UI, event
 * logs and the history server show only the function's name. (The column-expression form used
 * before, {@code sha2(concat(K ^ ipad, ...))}, put the padded key into every plan as a literal, and
 * one XOR gave the key back.) This is the one place the suite prefers a UDF to built-in functions:
 * no built-in takes a key without making it a literal.
 *
 * <p>With a chain of keys (after a rotation) the hash is {@code HMAC(kn, ... HMAC(k1, x))}, each
 * inner result as lower-case hex; see {@link HashKeys}.
 */
public final class Hmac {
  private final HashKeys keys;
  private final UserDefinedFunction full;
  private final UserDefinedFunction outermost;

  private Hmac(SparkSession spark, HashKeys keys) {
    this.keys = keys;
    Broadcast<byte[][]> all = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(keys.chain().toArray(new byte[0][]));
    this.full = functions.udf(new Chain(all, 0), DataTypes.StringType).withName("hmac_sha256");
    this.outermost = functions.udf(new Chain(all, keys.chain().size() - 1), DataTypes.StringType)
        .withName("hmac_sha256_rekey");
  }

  public static Hmac of(SparkSession spark, HashKeys keys) {
    return new Hmac(spark, keys);
  }

  /** The keys from the environment variables config names; see {@link HashKeys#fromEnvironment}. */
  public static Hmac fromConfig(SparkSession spark, AppConfig config) {
    return new Hmac(spark, HashKeys.fromEnvironment(config, System.getenv()));
  }

  /** Lower-case hex HMAC-SHA256 (through the whole key chain) of the UTF-8 bytes of {@code value}. */
  public Column hash(Column value) {
    return full.apply(value.cast("string"));
  }

  /**
   * The outermost key applied to a hash the chain without it produced: what a key rotation does
   * to every stored hash ({@code HMAC(k_new, stored)}).
   */
  public Column rehash(Column storedHash) {
    return outermost.apply(storedHash);
  }

  public HashKeys keys() {
    return keys;
  }

  public List<String> fingerprints() {
    return keys.fingerprints();
  }

  /** The function the UDF runs: keys from index {@code from} of the broadcast chain, in turn. */
  static final class Chain implements UDF1<String, String> {
    private static final HexFormat HEX = HexFormat.of();
    private final Broadcast<byte[][]> keys;
    private final int from;
    private transient ThreadLocal<Mac[]> macs;

    Chain(Broadcast<byte[][]> keys, int from) {
      this.keys = keys;
      this.from = from;
    }

    private synchronized ThreadLocal<Mac[]> macs() {
      if (macs == null) {
        macs = ThreadLocal.withInitial(() -> {
          byte[][] k = keys.value();
          Mac[] m = new Mac[k.length - from];
          for (int i = from; i < k.length; i++) {
            m[i - from] = HashKeys.mac(k[i]);
          }
          return m;
        });
      }
      return macs;
    }

    @Override
    public String call(String value) {
      if (value == null) {
        return null;
      }
      String out = value;
      for (Mac m : macs().get()) {
        out = HEX.formatHex(m.doFinal(out.getBytes(StandardCharsets.UTF_8)));
      }
      return out;
    }

    @Override
    public String toString() {
      return "hmac_sha256"; // a plan or a log that prints the function shows this, never the broadcast's content
    }
  }
}
