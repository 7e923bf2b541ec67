package io.onecustomer.common.config;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options by which every command line finds its configuration: {@code --env NAME} (default
 * {@code $ONECUSTOMER_ENV}, else {@code local}), {@code --config FILE} and {@code --conf key=value}
 * (repeatable). One parser for the jobs' entry point, bin/sql and bin/serve, so that they read the
 * options alike and report a bad one alike: a {@link ConfigException} naming the option and the
 * value, which each command turns into exit code 2.
 */
public final class ConfigOptions {
  /** The options' lines of a command's help. */
  public static final String HELP =
      "  --env NAME     conf/NAME.conf from $ONECUSTOMER_HOME/conf or ./conf, else from inside the jar"
      + " (local: embedded default; prod: s3a and the cluster, see docs/operations.md)\n"
      + "  --config FILE  an environment file read by the driver instead (e.g. include classpath(\"conf/prod.conf\")"
      + " plus the deployment's settings)\n"
      + "  --conf K=V     any key of docs/configuration.md, or a spark.* setting\n";

  private String env;
  private File configFile;
  private final Map<String, String> overrides = new LinkedHashMap<>();

  /** Defaults from {@code environment} (the process environment in production, a map in tests). */
  public ConfigOptions(Map<String, String> environment) {
    this.env = environment.getOrDefault("ONECUSTOMER_ENV", "local");
  }

  public static ConfigOptions fromEnvironment() {
    return new ConfigOptions(System.getenv());
  }

  /** Whether {@code option} is one of ours (each takes a value). */
  public static boolean isOption(String option) {
    return option.equals("--env") || option.equals("--config") || option.equals("--conf");
  }

  /**
   * Takes {@code argv[i]}, one of ours, and its value {@code argv[i + 1]}; returns the index of the
   * value. Throws {@link ConfigException} when the value is missing or malformed.
   */
  public int take(String[] argv, int i) {
    String option = argv[i];
    String v = value(argv, i + 1, option);
    switch (option) {
      case "--env" -> env = v;
      case "--config" -> configFile = new File(v);
      case "--conf" -> {
        int eq = v.indexOf('=');
        if (eq <= 0) {
          throw new ConfigException("--conf takes key=value, got '" + v + "'");
        }
        overrides.put(v.substring(0, eq).trim(), v.substring(eq + 1));
      }
      default -> throw new IllegalArgumentException(option + " is not a configuration option");
    }
    return i + 1;
  }

  /** {@code argv[i]}, the value of {@code option}; a {@link ConfigException} when the command line ends first. */
  public static String value(String[] argv, int i, String option) {
    if (i >= argv.length) {
      throw new ConfigException(option + " needs a value");
    }
    return argv[i];
  }

  /** {@code s} as a whole number in [min, max], else a {@link ConfigException} naming {@code option} and {@code s}. */
  public static int number(String s, String option, int min, int max) {
    try {
      int n = Integer.parseInt(s);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(option + " must be a whole number between " + min + " and " + max + ", got '" + s + "'");
  }

  /** A setting the command itself adds (or, with {@code ifAbsent}, lets the user's {@code --conf} win over). */
  public ConfigOptions set(String key, String value, boolean ifAbsent) {
    if (ifAbsent) {
      overrides.putIfAbsent(key, value);
    } else {
      overrides.put(key, value);
    }
    return this;
  }

  public String env() {
    return env;
  }

  public File configFile() {
    return configFile;
  }

  /** The {@code --conf} settings in the order given (a copy). */
  public Map<String, String> overrides() {
    return new LinkedHashMap<>(overrides);
  }

  /** The configuration these options name (see {@link AppConfig#load}). */
  public AppConfig load() {
    return AppConfig.load(env, configFile, AppConfig.confDir(), overrides);
  }
}
