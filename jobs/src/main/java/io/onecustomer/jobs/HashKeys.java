package io.onecustomer.jobs;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The identifier-hashing keys as the environment gives them, resolved once when a run starts
 * (before any Spark session or write), so that a missing key is a configuration error (exit 2)
 * rather than a failure in the first job that hashes.
 *
 * <p>A chain, oldest first: after {@code --job rotate-hash-key} the stored hashes are
 * {@code HMAC(k2, HMAC(k1, x))}, so hashing a raw identifier applies every key in turn. The
 * retired keys ({@code identity.retired-hash-keys-env}, separated by commas or white space) lose
 * their secrecy's importance once the outer key is new: whoever holds only them cannot compute a
 * stored hash. Rotation has to work this way because the warehouse deliberately keeps no raw value
 * of an erased identifier, only its hash (ops.erasure_log), and that hash must keep matching.
 */
public record HashKeys(List<byte[]> chain) {
  /** Used only where identity.hash-key-required = false (the local profile). */
  public static final String DEVELOPMENT_KEY = "onecustomer-local-development-key-not-secret";

  public HashKeys {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a key chain needs at least one key");
    }
    chain = List.copyOf(chain);
  }

  public static HashKeys of(String... keys) {
    List<byte[]> chain = new ArrayList<>();
    for (String k : keys) {
      chain.add(k.getBytes(StandardCharsets.UTF_8));
    }
    return new HashKeys(chain);
  }

  /** The chain from the environment variables config names; a clear error when a required key is missing. */
  public static HashKeys fromEnvironment(AppConfig config, Map<String, String> env) {
    AppConfig.Identity id = config.identity();
    String key = env.get(id.hashKeyEnv());
    List<byte[]> chain = new ArrayList<>();
    for (String retired : split(env.get(id.retiredHashKeysEnv()))) {
      chain.add(retired.getBytes(StandardCharsets.UTF_8));
    }
    if (key == null || key.isBlank()) {
      if (id.hashKeyRequired() || !chain.isEmpty()) {
        throw new ConfigException("environment variable " + id.hashKeyEnv() + " must hold the identifier hashing key"
            + " (HMAC-SHA256) in environment '" + config.env() + "'; only a local profile may run without it"
            + " (onecustomer.identity.hash-key-required = false)");
      }
      key = DEVELOPMENT_KEY;
    }
    chain.add(key.getBytes(StandardCharsets.UTF_8));
    return new HashKeys(chain);
  }

  /** The key a rotation moves to, from {@code identity.new-hash-key-env}. */
  public static byte[] newKeyFromEnvironment(AppConfig config, Map<String, String> env) {
    String var = config.identity().newHashKeyEnv();
    String key = env.get(var);
    if (key == null || key.isBlank()) {
      throw new ConfigException("environment variable " + var + " must hold the new identifier hashing key for"
          + " --job rotate-hash-key");
    }
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> split(String keys) {
    List<String> out = new ArrayList<>();
    if (keys != null) {
      for (String k : keys.split("[,\\s]+")) {
        if (!k.isEmpty()) {
          out.add(k);
        }
      }
    }
    return out;
  }

  /** The chain with {@code next} as its new outermost key. */
  public HashKeys then(byte[] next) {
    List<byte[]> longer = new ArrayList<>(chain);
    longer.add(next);
    return new HashKeys(longer);
  }

  /**
   * A short public name of each key, oldest first: HMAC(key, "onecustomer key fingerprint"),
   * 16 hex digits. It identifies a key in logs and in ops.hash_key_rotations without revealing it.
   */
  public List<String> fingerprints() {
    List<String> out = new ArrayList<>();
    for (byte[] k : chain) {
      out.add(fingerprint(k));
    }
    return out;
  }

  public static String fingerprint(byte[] key) {
    return HexFormat.of().formatHex(mac(key).doFinal("onecustomer key fingerprint".getBytes(StandardCharsets.UTF_8)))
        .substring(0, 16);
  }

  public static Mac mac(byte[] key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "HashKeys" + fingerprints(); // never the keys
  }
}
