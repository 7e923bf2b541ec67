package io.onecustomer.jobs.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every form in which a hashing key could show up in a plan, a log or a file: the key itself and
 * the HMAC pads (key XOR 0x36, key XOR 0x5c, zero-padded to 64 bytes), each raw, as hex (both
 * cases), base64 and as a list of decimal bytes (how Spark prints a binary literal).
 */
public final class KeyMaterial {
  private final Map<String, byte[]> needles = new LinkedHashMap<>();

  private KeyMaterial() {}

  public static KeyMaterial of(byte[] key) {
    KeyMaterial m = new KeyMaterial();
    byte[] k = key;
    if (k.length > 64) {
      try {
        k = MessageDigest.getInstance("SHA-256").digest(k);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    byte[] ipad = new byte[64];
    byte[] opad = new byte[64];
    for (int i = 0; i < 64; i++) {
      byte b = i < k.length ? k[i] : 0;
      ipad[i] = (byte) (b ^ 0x36);
      opad[i] = (byte) (b ^ 0x5c);
    }
    m.add("key", key);
    m.add("inner pad", ipad);
    m.add("outer pad", opad);
    return m;
  }

  /** Secrets that are not HMAC keys (cloud credentials): each raw, as hex and base64. */
  public static KeyMaterial secrets(Map<String, String> named) {
    KeyMaterial m = new KeyMaterial();
    named.forEach((name, value) -> m.add(name, value.getBytes(StandardCharsets.UTF_8)));
    return m;
  }

  private void add(String name, byte[] bytes) {
    needles.put(name + " (raw)", bytes);
    String hex = HexFormat.of().formatHex(bytes);
    needles.put(name + " (hex)", hex.getBytes(StandardCharsets.US_ASCII));
    needles.put(name + " (HEX)", hex.toUpperCase().getBytes(StandardCharsets.US_ASCII));
    needles.put(name + " (base64)", Base64.getEncoder().encodeToString(bytes).getBytes(StandardCharsets.US_ASCII));
    StringBuilder dec = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, 8); i++) {
      dec.append(i == 0 ? "" : ", ").append(bytes[i]);
    }
    needles.put(name + " (decimal bytes)", dec.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** The names of the forms found in {@code haystack}; empty when none is. */
  public List<String> foundIn(byte[] haystack) {
    List<String> found = new ArrayList<>();
    needles.forEach((name, needle) -> {
      if (indexOf(haystack, needle) >= 0) {
        found.add(name);
      }
    });
    return found;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
