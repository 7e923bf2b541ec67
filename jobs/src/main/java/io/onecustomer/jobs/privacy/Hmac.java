package io.onecustomer.jobs.privacy;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.unhex;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.spark.sql.Column;

/**
 * HMAC-SHA256 (RFC 2104) as Spark column expressions, so identifiers are hashed inside the
 * executors without a UDF and without the key ever being part of the data: {@code
 * H((K ^ opad) || H((K ^ ipad) || m))} with the padded key bytes as literals.
 */
public final class Hmac {
  /** Used only where identity.hash-key-required = false (the local profile). */
  public static final String DEVELOPMENT_KEY = "onecustomer-local-development-key-not-secret";

  private final byte[] innerPad = new byte[64];
  private final byte[] outerPad = new byte[64];

  public Hmac(byte[] key) {
    byte[] k = key;
    if (k.length > 64) {
      try {
        k = MessageDigest.getInstance("SHA-256").digest(k);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    for (int i = 0; i < 64; i++) {
      byte b = i < k.length ? k[i] : 0;
      innerPad[i] = (byte) (b ^ 0x36);
      outerPad[i] = (byte) (b ^ 0x5c);
    }
  }

  /** The key from the environment variable named in config; a clear error when it is required. */
  public static Hmac fromConfig(AppConfig config) {
    String var = config.identity().hashKeyEnv();
    String key = System.getenv(var);
    if (key == null || key.isBlank()) {
      if (config.identity().hashKeyRequired()) {
        throw new ConfigException("environment variable " + var + " must hold the identifier hashing key (HMAC-SHA256)"
            + " in environment '" + config.env() + "'; only a local profile may run without it"
            + " (onecustomer.identity.hash-key-required = false)");
      }
      key = DEVELOPMENT_KEY;
    }
    return new Hmac(key.getBytes(StandardCharsets.UTF_8));
  }

  /** Lower-case hex HMAC-SHA256 of the UTF-8 bytes of {@code value}. */
  public Column hash(Column value) {
    Column inner = sha2(concat(lit(innerPad), value.cast("binary")), 256);
    return sha2(concat(lit(outerPad), unhex(inner)), 256);
  }
}
