package io.onecustomer.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.Missing;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.onecustomer.common.spec.Level;
import io.onecustomer.common.spec.QualityRules;
import java.io.File;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The whole configuration, resolved once and validated into immutable typed values. Jobs receive
 * this object; nothing below the entry point reads Typesafe Config.
 *
 * <p>Load order (later wins): {@code reference.conf} on the classpath, the environment file
 * ({@code conf/<env>.conf} on disk, or the same name inside the jar), then {@code --conf
 * key=value} overrides. Environment files may use {@code ${?VAR}} to read secrets from the
 * environment; secrets are never logged ({@link #describe()} masks them). A key under {@code
 * onecustomer} that reference.conf does not define is an error in any layer, except under the
 * free-form maps ({@code KnownKeys.FREE_FORM}).
 */
public final class AppConfig {
  private static final String ROOT = "onecustomer";

  public enum CatalogType {
    HIVE,
    IN_MEMORY
  }

  public enum MissingSourcePolicy {
    WARN,
    ERROR
  }

  public record Paths(String landing, String warehouse) {}

  /**
   * Ingestion rules: a missing source's policy; event times later than the business day plus
   * {@code futureToleranceDays}, or before {@code earliestEventDate}, are rejected; a landing line
   * longer than {@code maxLineBytes} is rejected as line_too_long (its first bytes kept), and no
   * more of it is ever held in memory. A nightly run also looks back {@code reprocessDays} days for
   * landing files that arrived after their day was ingested, and recomputes the days they, and
   * corrected records, change.
   */
  public record Ingest(MissingSourcePolicy missingSource, int futureToleranceDays, java.time.LocalDate earliestEventDate,
      int maxLineBytes, int reprocessDays) {}

  /**
   * Identity-resolution guards. {@code blockedValues} and {@code blockedPatterns} are "type:value"
   * and "type:regex"; limits are per identifier type ({@code default} applies to unlisted types of
   * maxRecordsPerIdentifier).
   */
  public record Identity(
      List<String> weakTypes,
      List<String> blockedValues,
      List<String> blockedPatterns,
      Map<String, Integer> maxRecordsPerIdentifier,
      Map<String, Integer> maxLinkedValues,
      String hashKeyEnv,
      String retiredHashKeysEnv,
      String newHashKeyEnv,
      boolean hashKeyRequired,
      int maxIterations,
      boolean incremental) {}

  /**
   * Erasure ({@code --job erase}): after deleting a person's rows, VACUUM removes the files that
   * still hold them once they are older than {@code vacuumRetentionHours} (Delta's default is 168;
   * below that, time travel to older versions of the touched tables is lost).
   */
  public record Erasure(int vacuumRetentionHours) {}

  /**
   * The brand's geography, small reference data: {@code cityRegions} city to sales region, {@code
   * storeCities} store id to city. Used to give customers a region; empty maps leave it null.
   */
  public record Geo(Map<String, String> cityRegions, Map<String, String> storeCities) {}

  /** Attribution channels a touch can be named by: its traffic channel or its traffic source (media). */
  public enum ChannelLevel {
    TRAFFIC_CHANNEL,
    TRAFFIC_SOURCE
  }

  /**
   * Multi-touch attribution ({@code onecustomer.attribution}, see docs/attribution.md).
   *
   * @param lookbackDays touches this many days before a conversion count
   * @param lookbackDaysByChannel per conversion type (sales channel), overrides {@code lookbackDays}
   * @param fitWindowDays the data-driven models are fitted on the journeys of this many days up to the run's last day
   * @param conversionChannels sales channels whose orders are conversions
   * @param conversionEvents touchpoint types (silver.touchpoints) that are conversions too, of value 0
   * @param channelLevel what a touch's attribution channel is
   * @param excludedTouchTypes traffic channels whose touches are not part of paths (service by default)
   * @param noneChannel credited for a conversion without touches
   * @param directChannels channels last_non_direct skips and drop-direct removes
   * @param maxChannels most distinct channels the data-driven models accept
   * @param shapleyMaxExactChannels paths with up to this many distinct channels get exact Shapley values
   * @param shapleyMinJourneys journeys a channel set needs for its own conversion rate to count
   * @param shapleyPermutations random orders sampled per path beyond shapleyMaxExactChannels
   */
  public record Attribution(
      int lookbackDays,
      Map<String, Integer> lookbackDaysByChannel,
      int fitWindowDays,
      List<String> conversionChannels,
      List<String> conversionEvents,
      ChannelLevel channelLevel,
      List<String> excludedTouchTypes,
      String noneChannel,
      List<String> directChannels,
      double halfLifeDays,
      double positionFirst,
      double positionLast,
      boolean dropDirect,
      boolean collapseRepeats,
      int keepFirst,
      int keepLast,
      int maxChannels,
      int shapleyMaxExactChannels,
      double shapleyMinJourneys,
      int shapleyPermutations) {

    /** The longest lookback of any conversion type: how far back touches are read. */
    public int maxLookbackDays() {
      return Math.max(lookbackDays, lookbackDaysByChannel.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    }
  }

  private final String env;
  private final ZoneId timezone;
  private final Paths paths;
  private final CatalogType catalogType;
  private final Ingest ingest;
  private final Map<String, String> spark;
  private final Identity identity;
  private final Erasure erasure;
  private final Geo geo;
  private final Attribution attribution;
  private final Analytics analytics;
  private final ValueConfig value;
  private final int runnerParallelism;
  private final QualityRules quality;

  private AppConfig(
      String env,
      ZoneId timezone,
      Paths paths,
      CatalogType catalogType,
      Ingest ingest,
      Map<String, String> spark,
      Identity identity,
      Erasure erasure,
      Geo geo,
      Attribution attribution,
      Analytics analytics,
      ValueConfig value,
      int runnerParallelism,
      QualityRules quality) {
    this.env = env;
    this.timezone = timezone;
    this.paths = paths;
    this.catalogType = catalogType;
    this.ingest = ingest;
    this.spark = Collections.unmodifiableMap(new LinkedHashMap<>(spark));
    this.identity = identity;
    this.erasure = erasure;
    this.geo = geo;
    this.attribution = attribution;
    this.analytics = analytics;
    this.value = value;
    this.runnerParallelism = runnerParallelism;
    this.quality = quality;
  }

  /** The project's conf/ folder: {@code $ONECUSTOMER_HOME/conf}, else {@code conf} in the working directory. */
  public static File confDir() {
    String home = System.getenv("ONECUSTOMER_HOME");
    return home == null ? new File("conf") : new File(home, "conf");
  }

  /**
   * Loads the environment {@code env}: {@code configFile} if given, else {@code
   * <confDir>/<env>.conf} if it exists, else {@code conf/<env>.conf} from the classpath.
   */
  public static AppConfig load(
      String env, File configFile, File confDir, Map<String, String> overrides) {
    Config envConfig = envFile(env, configFile, confDir);
    try {
      Config reference = ConfigFactory.defaultReference(AppConfig.class.getClassLoader());
      Config commandLine = overrides(qualify(overrides));
      // A key reference.conf does not define would be merged in and never read: reject it, naming
      // the layer it came from. The schema is reference.conf itself (defaultReference also holds
      // -D system properties).
      KnownKeys known = new KnownKeys(ConfigFactory.parseResources(AppConfig.class.getClassLoader(), "reference.conf"));
      known.check(envConfig, configFile != null ? configFile.getPath() : "conf/" + env + ".conf");
      known.check(commandLine, "--conf");
      Config merged = commandLine.withFallback(envConfig).withFallback(reference).resolve();
      return fromConfig(merged);
    } catch (com.typesafe.config.ConfigException e) {
      // A value of the wrong type (a word where a list belongs, ...): a usage error naming the key.
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /**
   * {@code --conf} values as given, except that a value written as a list ({@code [a, b]}) or an
   * object ({@code {pos = 14}}) is read as one, so list and map settings can be overridden too.
   */
  private static Config overrides(Map<String, String> qualified) {
    Map<String, Object> plain = new LinkedHashMap<>();
    Config structured = ConfigFactory.empty();
    for (Map.Entry<String, String> e : qualified.entrySet()) {
      String v = e.getValue() == null ? "" : e.getValue().trim();
      if (v.startsWith("[") || v.startsWith("{")) {
        ConfigValue parsed = ConfigFactory.parseString("v = " + v,
            ConfigParseOptions.defaults().setOriginDescription("--conf " + e.getKey())).getValue("v");
        structured = structured.withValue(e.getKey(), parsed);
      } else {
        plain.put(e.getKey(), e.getValue());
      }
    }
    return structured.withFallback(ConfigFactory.parseMap(plain, "--conf"));
  }

  /** Builds from an already merged config (tests use this with small maps). */
  public static AppConfig fromConfig(Config merged) {
    Config c = merged.getConfig(ROOT);
    String env = string(c, "env");
    ZoneId zone;
    try {
      zone = ZoneId.of(string(c, "timezone"));
    } catch (DateTimeException e) {
      throw new ConfigException(
          "onecustomer.timezone must be a time-zone id like Asia/Shanghai, got '"
              + c.getString("timezone")
              + "'");
    }
    Paths paths =
        new Paths(
            absolute(string(c, "paths.landing")), absolute(string(c, "paths.warehouse")));
    CatalogType catalog =
        enumValue(CatalogType.class, "onecustomer.catalog.type", string(c, "catalog.type"));
    MissingSourcePolicy missing =
        enumValue(
            MissingSourcePolicy.class,
            "onecustomer.ingest.missing-source",
            string(c, "ingest.missing-source"));
    int tolerance = integer(c, "ingest.future-tolerance-days");
    if (tolerance < 0 || tolerance > 365) {
      throw new ConfigException(
          "onecustomer.ingest.future-tolerance-days must be between 0 and 365, got " + tolerance);
    }
    java.time.LocalDate earliest;
    try {
      earliest = java.time.LocalDate.parse(c.getString("ingest.earliest-event-date"));
    } catch (java.time.format.DateTimeParseException e) {
      throw new ConfigException("onecustomer.ingest.earliest-event-date must be a date like 2000-01-01, got '"
          + c.getString("ingest.earliest-event-date") + "'");
    }
    long maxLine = c.getBytes("ingest.max-line-bytes");
    if (maxLine < 1024 || maxLine > (256L << 20)) {
      throw new ConfigException("onecustomer.ingest.max-line-bytes must be between 1 KiB and 256 MiB, got " + maxLine);
    }
    int reprocess = integer(c, "ingest.reprocess-days");
    if (reprocess < 0 || reprocess > 90) {
      throw new ConfigException("onecustomer.ingest.reprocess-days must be between 0 and 90, got " + reprocess);
    }
    Map<String, String> spark = new TreeMap<>();
    if (c.hasPath("spark")) {
      for (Map.Entry<String, ConfigValue> e : c.getConfig("spark").entrySet()) {
        // "spark.master" = x (quoted, one segment) and spark.master = x (nested) mean the same.
        String key = String.join(".", ConfigUtil.splitPath(e.getKey()));
        spark.put(key, String.valueOf(e.getValue().unwrapped()));
      }
    }
    return new AppConfig(env, zone, paths, catalog, new Ingest(missing, tolerance, earliest, (int) maxLine, reprocess), spark, identity(c),
        erasure(c), geo(c), attribution(c), Analytics.parse(c),
        ValueConfig.parse(c.getConfig("value"), ROOT + ".value.", paths.warehouse()), runnerParallelism(c),
        quality(c));
  }

  /** onecustomer.quality: gates on or off, and per table and check a level and/or threshold. */
  private static QualityRules quality(Config c) {
    boolean enabled = c.getBoolean("quality.enabled");
    List<QualityRules.Override> list = new ArrayList<>();
    int i = 0;
    for (Config o : c.getConfigList("quality.overrides")) {
      String where = ROOT + ".quality.overrides[" + i++ + "]";
      if (!o.hasPath("table") || !o.hasPath("check")) {
        throw new ConfigException(where + " needs table and check, got " + o.root().render());
      }
      for (String k : o.root().keySet()) {
        if (!Set.of("table", "check", "level", "threshold").contains(k)) {
          throw new ConfigException(where + " has unknown key '" + k + "' (table, check, level, threshold)");
        }
      }
      Level level = o.hasPath("level")
          ? enumValue(Level.class, where + ".level", o.getString("level")) : null;
      Double threshold = o.hasPath("threshold") ? o.getDouble("threshold") : null;
      if (threshold != null && threshold < 0) {
        throw new ConfigException(where + ".threshold must be at least 0, got " + threshold);
      }
      list.add(new QualityRules.Override(o.getString("table"), o.getString("check"), level,
          threshold));
    }
    return new QualityRules(enabled, list);
  }

  private static int runnerParallelism(Config c) {
    int n = integer(c, "runner.parallelism");
    requireRange(ROOT + ".runner.parallelism", n, 1, 16);
    return n;
  }

  private static final int MAX_LOOKBACK_DAYS = 365;

  private static Attribution attribution(Config root) {
    String k = ROOT + ".attribution.";
    Config a = root.getConfig("attribution");
    int lookback = a.getInt("lookback-days");
    requireRange(k + "lookback-days", lookback, 1, MAX_LOOKBACK_DAYS);
    Map<String, Integer> byChannel = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : a.getConfig("lookback-days-by-channel").entrySet()) {
      Object v = e.getValue().unwrapped();
      if (!(v instanceof Number n) || n.doubleValue() != n.intValue()) {
        throw new ConfigException(k + "lookback-days-by-channel." + e.getKey() + " must be a whole number, got '" + v
            + "'");
      }
      requireRange(k + "lookback-days-by-channel." + e.getKey(), n.intValue(), 1, MAX_LOOKBACK_DAYS);
      byChannel.put(e.getKey(), n.intValue());
    }
    int window = a.getInt("fit-window-days");
    requireRange(k + "fit-window-days", window, 1, 3660);
    List<String> conversionChannels = List.copyOf(a.getStringList("conversion-channels"));
    List<String> conversionEvents = List.copyOf(a.getStringList("conversion-events"));
    if (conversionChannels.isEmpty() && conversionEvents.isEmpty()) {
      throw new ConfigException(k + "conversion-channels must name at least one sales channel (or conversion-events"
          + " a touchpoint type)");
    }
    for (String ch : byChannel.keySet()) {
      if (!conversionChannels.contains(ch) && !conversionEvents.contains(ch)) {
        throw new ConfigException(k + "lookback-days-by-channel names '" + ch + "', which is not one of the"
            + " conversion-channels " + conversionChannels + " nor of the conversion-events " + conversionEvents);
      }
    }
    ChannelLevel level = enumValue(ChannelLevel.class, k + "channel-level", a.getString("channel-level"));
    String none = a.getString("none-channel").trim();
    if (none.isEmpty()) {
      throw new ConfigException(k + "none-channel must not be empty");
    }
    double halfLife = a.getDouble("half-life-days");
    if (!(halfLife > 0 && halfLife <= MAX_LOOKBACK_DAYS)) {
      throw new ConfigException(k + "half-life-days must be > 0 and <= 365, got " + halfLife);
    }
    double first = a.getDouble("position-based.first");
    double last = a.getDouble("position-based.last");
    if (!(first >= 0 && last >= 0 && first + last > 0 && first + last <= 1 + 1e-12)) {
      throw new ConfigException(k + "position-based first and last must be >= 0 with 0 < first + last <= 1, got "
          + first + " and " + last);
    }
    int keepFirst = a.getInt("path.keep-first");
    int keepLast = a.getInt("path.keep-last");
    requireRange(k + "path.keep-first", keepFirst, 0, 10_000);
    requireRange(k + "path.keep-last", keepLast, 0, 10_000);
    if (keepFirst > 0 && keepLast > 0) {
      throw new ConfigException(k + "path.keep-first and path.keep-last exclude each other (0 means all), got "
          + keepFirst + " and " + keepLast);
    }
    int maxChannels = a.getInt("max-channels");
    requireRange(k + "max-channels", maxChannels, 1, 500);
    int maxExact = a.getInt("shapley.max-exact-channels");
    requireRange(k + "shapley.max-exact-channels", maxExact, 1, 20);
    double minJourneys = a.getDouble("shapley.min-journeys");
    if (!(minJourneys > 0 && minJourneys <= 1e12)) {
      throw new ConfigException(k + "shapley.min-journeys must be positive, got " + minJourneys);
    }
    int permutations = a.getInt("shapley.permutations");
    requireRange(k + "shapley.permutations", permutations, 100, 10_000_000);
    return new Attribution(lookback, Collections.unmodifiableMap(byChannel), window, conversionChannels,
        conversionEvents, level,
        List.copyOf(a.getStringList("excluded-touch-types")), none,
        List.copyOf(a.getStringList("direct-channels")), halfLife, first, last,
        a.getBoolean("path.drop-direct"), a.getBoolean("path.collapse-repeats"), keepFirst, keepLast, maxChannels,
        maxExact, minJourneys, permutations);
  }

  private static void requireRange(String key, int v, int min, int max) {
    if (v < min || v > max) {
      throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + v);
    }
  }

  private static Geo geo(Config c) {
    Map<String, String> cityRegions = new TreeMap<>();
    Config regions = c.getConfig("geo.regions");
    for (String region : regions.root().keySet()) {
      for (String city : regions.getStringList(ConfigUtil.joinPath(region))) {
        String before = cityRegions.put(city, region);
        if (before != null && !before.equals(region)) {
          throw new ConfigException("onecustomer.geo.regions lists city '" + city + "' in both " + before + " and "
              + region);
        }
      }
    }
    Map<String, String> storeCities = new TreeMap<>();
    Config stores = c.getConfig("geo.store-cities");
    for (String store : stores.root().keySet()) {
      storeCities.put(store, stores.getString(ConfigUtil.joinPath(store)));
    }
    return new Geo(Collections.unmodifiableMap(cityRegions), Collections.unmodifiableMap(storeCities));
  }

  private static Erasure erasure(Config c) {
    int hours = integer(c, "erasure.vacuum-retention-hours");
    if (hours < 0 || hours > 24 * 365) {
      throw new ConfigException("onecustomer.erasure.vacuum-retention-hours must be between 0 and 8760, got " + hours);
    }
    return new Erasure(hours);
  }

  private static Identity identity(Config c) {
    Config i = c.getConfig("identity");
    List<String> values = i.getStringList("blocklist.values");
    List<String> patterns = i.getStringList("blocklist.patterns");
    for (String v : values) {
      typed("onecustomer.identity.blocklist.values", v);
    }
    for (String p : patterns) {
      String regex = typed("onecustomer.identity.blocklist.patterns", p)[1];
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new ConfigException("onecustomer.identity.blocklist.patterns has an invalid regex '" + regex + "': "
            + e.getDescription());
      }
    }
    Map<String, Integer> maxRecords = limits(i, "max-records-per-identifier");
    if (!maxRecords.containsKey("default")) {
      throw new ConfigException("onecustomer.identity.max-records-per-identifier.default is required but not set");
    }
    int iterations = i.getInt("max-iterations");
    if (iterations < 1 || iterations > 1000) {
      throw new ConfigException("onecustomer.identity.max-iterations must be between 1 and 1000, got " + iterations);
    }
    return new Identity(List.copyOf(i.getStringList("weak-types")), List.copyOf(values),
        List.copyOf(patterns), maxRecords, limits(i, "max-linked-values"),
        i.getString("hash-key-env"), i.getString("retired-hash-keys-env"), i.getString("new-hash-key-env"),
        i.getBoolean("hash-key-required"), iterations, incremental(i));
  }

  /** onecustomer.identity.mode (the record keeps it as a flag: incremental or not). */
  private enum IdentityMode {
    INCREMENTAL,
    FULL
  }

  private static boolean incremental(Config i) {
    return enumValue(IdentityMode.class, "onecustomer.identity.mode", i.getString("mode")) == IdentityMode.INCREMENTAL;
  }

  private static String[] typed(String key, String v) {
    int colon = v.indexOf(':');
    if (colon <= 0 || colon == v.length() - 1) {
      throw new ConfigException(key + " entries look like type:value, got '" + v + "'");
    }
    return new String[] {v.substring(0, colon), v.substring(colon + 1)};
  }

  private static Map<String, Integer> limits(Config i, String key) {
    Map<String, Integer> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : i.getConfig(key).entrySet()) {
      Object v = e.getValue().unwrapped();
      if (!(v instanceof Number n) || n.intValue() < 1) {
        throw new ConfigException("onecustomer.identity." + key + "." + e.getKey()
            + " must be a whole number >= 1, got '" + v + "'");
      }
      out.put(e.getKey(), n.intValue());
    }
    return Collections.unmodifiableMap(out);
  }

  private static Config envFile(String env, File configFile, File confDir) {
    if (env == null || !env.matches("[a-z][a-z0-9_-]*")) {
      throw new ConfigException(
          "environment name must be lower-case letters, digits, '-' or '_', got '" + env + "'");
    }
    ConfigParseOptions strict = ConfigParseOptions.defaults().setAllowMissing(false);
    if (configFile != null) {
      if (!configFile.isFile()) {
        throw new ConfigException("config file " + configFile + " does not exist");
      }
      return ConfigFactory.parseFile(configFile, strict);
    }
    File onDisk = new File(confDir == null ? new File("conf") : confDir, env + ".conf");
    if (onDisk.isFile()) {
      return ConfigFactory.parseFile(onDisk, strict);
    }
    String resource = "conf/" + env + ".conf";
    if (AppConfig.class.getClassLoader().getResource(resource) != null) {
      return ConfigFactory.parseResources(AppConfig.class.getClassLoader(), resource, strict);
    }
    throw new ConfigException(
        "unknown environment '"
            + env
            + "': neither "
            + onDisk.getAbsolutePath()
            + " nor classpath resource "
            + resource
            + " exists");
  }

  /** Lets users write {@code --conf paths.warehouse=...} as well as the full key. */
  private static Map<String, String> qualify(Map<String, String> overrides) {
    Map<String, String> out = new LinkedHashMap<>();
    if (overrides != null) {
      overrides.forEach(
          (k, v) -> {
            if (k.startsWith("spark.")) {
              // A Spark setting: keep its dots inside one key of the spark block.
              out.put(ROOT + ".spark." + ConfigUtil.quoteString(k), v);
            } else {
              out.put(k.startsWith(ROOT + ".") ? k : ROOT + "." + k, v);
            }
          });
    }
    return out;
  }

  private static String string(Config c, String key) {
    try {
      String v = c.getString(key);
      if (v.isBlank()) {
        throw new ConfigException(ROOT + "." + key + " must not be empty");
      }
      return v;
    } catch (Missing e) {
      throw new ConfigException(ROOT + "." + key + " is required but not set", e);
    } catch (com.typesafe.config.ConfigException.WrongType e) {
      throw new ConfigException(ROOT + "." + key + " must be a string: " + e.getMessage(), e);
    }
  }

  private static int integer(Config c, String key) {
    try {
      return c.getInt(key);
    } catch (Missing e) {
      throw new ConfigException(ROOT + "." + key + " is required but not set", e);
    } catch (com.typesafe.config.ConfigException.WrongType e) {
      throw new ConfigException(
          ROOT + "." + key + " must be a whole number, got '" + c.getValue(key).unwrapped() + "'",
          e);
    }
  }

  /**
   * The constant of {@code type} that {@code raw} names (case-insensitive, '-' for '_'), else a
   * {@link ConfigException} naming {@code key}, the allowed values and the bad one.
   */
  static <E extends Enum<E>> E enumValue(Class<E> type, String key, String raw) {
    String norm = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(norm)) {
        return e;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new ConfigException(key + " must be one of " + allowed + ", got '" + raw + "'");
  }

  /** Local paths without a scheme are made absolute so every process sees the same folder. */
  static String absolute(String path) {
    if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || path.startsWith("file:")) {
      return path;
    }
    return Path.of(path).toAbsolutePath().normalize().toString();
  }

  public String env() {
    return env;
  }

  public ZoneId timezone() {
    return timezone;
  }

  public Paths paths() {
    return paths;
  }

  public CatalogType catalogType() {
    return catalogType;
  }

  public Ingest ingest() {
    return ingest;
  }

  public Identity identity() {
    return identity;
  }

  public Erasure erasure() {
    return erasure;
  }

  public Geo geo() {
    return geo;
  }

  public Attribution attribution() {
    return attribution;
  }

  public Analytics analytics() {
    return analytics;
  }

  /** Customer-value models (onecustomer.value). */
  public ValueConfig value() {
    return value;
  }

  /** How many independent jobs a nightly run or backfill runs at once in its Spark session. */
  public int runnerParallelism() {
    return runnerParallelism;
  }

  /** Quality gates ({@code onecustomer.quality}). */
  public QualityRules quality() {
    return quality;
  }

  /** Spark settings to apply to the session, as given. */
  public Map<String, String> spark() {
    return spark;
  }

  /** One-line description for logs, with anything that looks like a secret masked. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("env=").append(env)
        .append(" timezone=").append(timezone)
        .append(" landing=").append(paths.landing())
        .append(" warehouse=").append(paths.warehouse())
        .append(" catalog=").append(catalogType.name().toLowerCase())
        .append(" missing-source=").append(ingest.missingSource().name().toLowerCase());
    spark.forEach(
        (k, v) -> {
          if (k.equals("spark.master")) {
            sb.append(" spark.master=").append(v);
          }
        });
    long secrets = spark.keySet().stream().filter(AppConfig::isSecretKey).count();
    if (secrets > 0) {
      sb.append(" (").append(secrets).append(" secret settings masked)");
    }
    return sb.toString();
  }

  public static boolean isSecretKey(String key) {
    String k = key.toLowerCase();
    return k.contains("secret") || k.contains("password") || k.contains("access.key")
        || k.contains("token") || k.contains("credential");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AppConfig other)) {
      return false;
    }
    return env.equals(other.env) && timezone.equals(other.timezone) && paths.equals(other.paths)
        && catalogType == other.catalogType && ingest.equals(other.ingest)
        && spark.equals(other.spark) && identity.equals(other.identity) && erasure.equals(other.erasure)
        && geo.equals(other.geo) && attribution.equals(other.attribution)
        && runnerParallelism == other.runnerParallelism;
  }

  @Override
  public int hashCode() {
    return Objects.hash(env, timezone, paths, catalogType, ingest, spark, identity, erasure, geo, attribution,
        runnerParallelism);
  }
}
