package io.onecustomer.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigOptionsTest {
  /** Reads argv the way the commands do: ours are taken, the rest collected. */
  static List<String> parse(ConfigOptions o, String... argv) {
    List<String> rest = new java.util.ArrayList<>();
    for (int i = 0; i < argv.length; i++) {
      if (ConfigOptions.isOption(argv[i])) {
        i = o.take(argv, i);
      } else {
        rest.add(argv[i]);
      }
    }
    return rest;
  }

  @Test
  void theEnvironmentDefaultsFromONECUSTOMER_ENVAndTheOptionsWinInOrder() {
    assertEquals("local", new ConfigOptions(Map.of()).env());
    ConfigOptions o = new ConfigOptions(Map.of("ONECUSTOMER_ENV", "prod"));
    assertEquals("prod", o.env());
    assertNull(o.configFile());
    List<String> rest = parse(o, "SELECT 1", "--env", "local", "--config", "site.conf", "--conf", " runner.parallelism =2",
        "--conf", "spark.x=a=b", "--conf", "runner.parallelism=3");
    assertEquals(List.of("SELECT 1"), rest);
    assertEquals("local", o.env());
    assertEquals(new File("site.conf"), o.configFile());
    // Keys trimmed, values kept whole (a value may hold '='), the last of a repeated key wins.
    assertEquals(Map.of("runner.parallelism", "3", "spark.x", "a=b"), o.overrides());
    assertEquals(List.of("runner.parallelism", "spark.x"), List.copyOf(o.overrides().keySet()));
  }

  @Test
  void aMissingOrMalformedValueNamesTheOptionAndTheValue() {
    ConfigOptions o = new ConfigOptions(Map.of());
    assertEquals("--env needs a value",
        assertThrows(ConfigException.class, () -> parse(o, "--env")).getMessage());
    assertEquals("--conf takes key=value, got 'spark.master'",
        assertThrows(ConfigException.class, () -> parse(o, "--conf", "spark.master")).getMessage());
    assertEquals("--conf takes key=value, got '=x'",
        assertThrows(ConfigException.class, () -> parse(o, "--conf", "=x")).getMessage());
    assertEquals("--limit must be a whole number between 1 and 9, got 'ten'",
        assertThrows(ConfigException.class, () -> ConfigOptions.number("ten", "--limit", 1, 9)).getMessage());
    assertEquals("--limit must be a whole number between 1 and 9, got '10'",
        assertThrows(ConfigException.class, () -> ConfigOptions.number("10", "--limit", 1, 9)).getMessage());
    assertEquals(9, ConfigOptions.number("9", "--limit", 1, 9));
    assertTrue(ConfigOptions.isOption("--conf"));
    assertFalse(ConfigOptions.isOption("--job"));
  }

  @Test
  void aSettingTheCommandAddsEitherWinsOrLetsTheUsersWin() {
    ConfigOptions o = new ConfigOptions(Map.of());
    parse(o, "--conf", "catalog.type=hive", "--conf", "spark.sql.shuffle.partitions=3");
    o.set("catalog.type", "in-memory", false).set("spark.sql.shuffle.partitions", "8", true)
        .set("spark.ui.enabled", "false", true);
    assertEquals(Map.of("catalog.type", "in-memory", "spark.sql.shuffle.partitions", "3", "spark.ui.enabled", "false"),
        o.overrides());
  }

  @Test
  void theOptionsLoadTheirFileWithTheirSettingsAndAnUnknownKeyFailsNamingTheCommandLine(@TempDir Path tmp)
      throws IOException {
    Path file = Files.writeString(tmp.resolve("site.conf"),
        "onecustomer.paths { landing = \"/tmp/l\", warehouse = \"/tmp/w-file\" }\n");
    ConfigOptions o = new ConfigOptions(Map.of());
    parse(o, "--config", file.toString(), "--conf", "paths.warehouse=/tmp/w-cli");
    assertEquals("/tmp/w-cli", o.load().paths().warehouse());
    assertEquals("/tmp/l", o.load().paths().landing());
    parse(o, "--conf", "runner.no-such-key=1");
    ConfigException e = assertThrows(ConfigException.class, o::load);
    assertTrue(e.getMessage().contains("runner.no-such-key") && e.getMessage().contains("--conf"), e.getMessage());
  }
}
