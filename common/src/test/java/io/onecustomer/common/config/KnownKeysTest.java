package io.onecustomer.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The list of free-form sections agrees with reference.conf; suggestions are typos, not guesses. */
class KnownKeysTest {
  static final Config REFERENCE = ConfigFactory.defaultReference(KnownKeysTest.class.getClassLoader());

  @Test
  void everyFreeFormSectionIsAMapInReferenceConf() {
    for (String path : KnownKeys.FREE_FORM) {
      assertTrue(REFERENCE.hasPath(path) && REFERENCE.getValue(path) instanceof ConfigObject, path);
    }
  }

  /** A map that is empty by default can only be meant for data keys: it must be listed as free-form. */
  @Test
  void everyEmptyMapInReferenceConfIsFreeForm() {
    List<String> empty = new ArrayList<>();
    emptyMaps(REFERENCE.getObject("onecustomer"), "onecustomer", empty);
    assertTrue(!empty.isEmpty(), "reference.conf has empty maps (geo.regions, ...)");
    for (String path : empty) {
      assertTrue(KnownKeys.FREE_FORM.contains(path), path + " is an empty map but not in KnownKeys.FREE_FORM");
    }
  }

  private static void emptyMaps(ConfigObject o, String path, List<String> out) {
    for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
      String p = path + "." + ConfigUtil.joinPath(e.getKey());
      if (e.getValue() instanceof ConfigObject child) {
        if (child.isEmpty()) {
          out.add(p);
        }
        emptyMaps(child, p, out);
      }
    }
  }

  @Test
  void suggestionsAreCloseKnownKeysOnly() {
    KnownKeys k = new KnownKeys(REFERENCE);
    assertEquals("onecustomer.ingest.missing-source", k.suggest("onecustomer.ingest.missing-sourc"));
    assertEquals("onecustomer.ingest.missing-source", k.suggest("onecustomer.missing-source"),
        "a key written one level too high");
    assertEquals("onecustomer.value.churn.horizon-days", k.suggest("onecustomer.value.churn.horizon"));
    assertNull(k.suggest("onecustomer.something-else-entirely"));
    assertNull(k.suggest("onecustomer.geo.regions.Nort"), "data keys of free-form maps are not suggested");
    assertEquals(3, KnownKeys.distance("kitten", "sitting"));
  }
}
