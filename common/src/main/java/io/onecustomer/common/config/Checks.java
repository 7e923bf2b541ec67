package io.onecustomer.common.config;

import com.typesafe.config.Config;
import java.util.List;

/** Validation shared by the config sections: every error names the full key and the bad value. */
final class Checks {
  private Checks() {}

  static int intIn(Config c, String prefix, String key, int min, int max) {
    int v = c.getInt(key);
    if (v < min || v > max) {
      throw new ConfigException(prefix + key + " must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  static double doubleIn(Config c, String prefix, String key, double min, double max) {
    double v = c.getDouble(key);
    if (!(v >= min && v <= max)) {
      throw new ConfigException(prefix + key + " must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  static List<String> nonEmptyList(Config c, String prefix, String key) {
    List<String> v = List.copyOf(c.getStringList(key));
    if (v.isEmpty()) {
      throw new ConfigException(prefix + key + " must list at least one value");
    }
    return v;
  }
}
