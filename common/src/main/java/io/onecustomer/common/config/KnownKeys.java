package io.onecustomer.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Rejects settings under {@code onecustomer} that reference.conf does not define: without this a
 * typo in an environment file or a {@code --conf} ({@code ingest.missing-sourc = error}) is merged
 * in, never read, and the default silently applies.
 *
 * <p>Every layer is checked on its own, before the merge, so the error can say where the key was
 * written (file and line, or {@code --conf}).
 */
final class KnownKeys {
  /**
   * The free-form sections: maps whose keys are data (store ids, identifier types, Spark settings),
   * not settings. Every key under them is accepted; their parsers check the values. This is the
   * only list of them: a new map-valued setting in reference.conf goes here (KnownKeysTest fails
   * for an empty map in reference.conf that is missing).
   *
   * <p>Lists are not looked into at all (analytics.customer.rfm.segments, quality.overrides,
   * analytics.customer.cross-sell.levels, ...): the parsers of list entries reject unknown keys.
   */
  static final List<String> FREE_FORM = List.of(
      "onecustomer.spark",                                 // pass-through to Spark: anything goes
      "onecustomer.geo.regions",                           // region -> its cities
      "onecustomer.geo.store-cities",                      // store id -> city
      "onecustomer.identity.max-records-per-identifier",   // identifier type (or default) -> limit
      "onecustomer.identity.max-linked-values",            // identifier type -> limit
      "onecustomer.attribution.lookback-days-by-channel",  // conversion type -> days
      "onecustomer.analytics.channel.spend-channels",      // media or traffic channel -> sales channel
      "onecustomer.analytics.alerts.distributor-regions"); // distributor id -> authorised region

  private static final String ROOT = "onecustomer";

  private final ConfigObject reference;
  private final List<String> candidates = new ArrayList<>();

  /** {@code reference}: the merged reference config (its {@code onecustomer} object is the schema). */
  KnownKeys(Config reference) {
    this.reference = reference.getObject(ROOT);
    collect(this.reference, List.of(ROOT));
  }

  /**
   * Throws a {@link ConfigException} naming every key of {@code layer} under {@code onecustomer}
   * that is not known; {@code where} names the layer when the key's origin has no file or line.
   */
  void check(Config layer, String where) {
    List<String> errors = new ArrayList<>();
    if (layer.root().get(ROOT) instanceof ConfigObject o) {
      walk(o, reference, List.of(ROOT), where, errors);
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(String.join("\n", errors));
    }
  }

  private void walk(ConfigObject layer, ConfigObject ref, List<String> path, String where, List<String> errors) {
    for (String key : new TreeSet<>(layer.keySet())) {
      List<String> p = append(path, key);
      ConfigValue v = layer.get(key);
      ConfigValue r = ref == null ? null : ref.get(key);
      if (r == null) {
        errors.add(unknown(p, v.origin(), where));
      } else if (v instanceof ConfigObject vo && !FREE_FORM.contains(ConfigUtil.joinPath(p))) {
        // A setting (a leaf in reference.conf) written as an object: its keys are unknown too.
        try {
          walk(vo, r instanceof ConfigObject ro ? ro : null, p, where, errors);
        } catch (com.typesafe.config.ConfigException.NotResolved e) {
          // An object merged with a substitution (a = ${b} { ... }): its keys are known only after
          // the merge, and the typed parse checks what it reads.
        }
      }
    }
  }

  private String unknown(List<String> path, ConfigOrigin origin, String where) {
    String key = ConfigUtil.joinPath(path);
    String suggestion = suggest(key);
    return "unknown setting " + key + " (" + origin(origin, where) + ")"
        + (suggestion == null ? "" : "; did you mean " + suggestion + "?");
  }

  /** "conf/local.conf line 12", "classpath conf/prod.conf line 3", or the layer's name. */
  private static String origin(ConfigOrigin o, String where) {
    String file = o.filename() != null ? o.filename() : o.resource() != null ? "classpath " + o.resource() : null;
    if (file == null) {
      return where;
    }
    return o.lineNumber() > 0 ? file + " line " + o.lineNumber() : file;
  }

  /**
   * The known key closest by edit distance, if that is at most 2 or half the length of the known
   * key's last segment (a likely typo or a key one level off), else null.
   */
  String suggest(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(key, c);
      String cLast = c.substring(c.lastIndexOf('.') + 1);
      if (d < bestDistance && d <= Math.max(2, cLast.length() / 2)) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  private void collect(ConfigObject o, List<String> path) {
    for (String key : new TreeSet<>(o.keySet())) {
      List<String> p = append(path, key);
      String joined = ConfigUtil.joinPath(p);
      candidates.add(joined);
      if (o.get(key) instanceof ConfigObject child && !FREE_FORM.contains(joined)) {
        collect(child, p);
      }
    }
  }

  private static List<String> append(List<String> path, String key) {
    List<String> out = new ArrayList<>(path);
    out.add(key);
    return out;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
