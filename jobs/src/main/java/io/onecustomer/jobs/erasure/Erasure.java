package io.onecustomer.jobs.erasure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.CatalogSync;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spark.Cols;
import io.onecustomer.common.spec.TableWriter;
import io.onecustomer.common.spec.Types;
import io.onecustomer.jobs.Faults;
import io.onecustomer.jobs.HashKeys;
import io.onecustomer.jobs.bronze.LandingReader;
import io.onecustomer.jobs.bronze.SourceEntities;
import io.onecustomer.jobs.bronze.SourceEntity;
import io.onecustomer.jobs.identity.CustomerKeyed;
import io.onecustomer.jobs.identity.IdentityColumns;
import io.onecustomer.jobs.identity.IdentityTransforms;
import io.onecustomer.jobs.privacy.ErasureLog;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.Identifiers;
import io.onecustomer.jobs.silver.SilverColumns.IdentifierObs;
import io.onecustomer.jobs.silver.SilverColumns;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right to erasure: removes one person from every bronze, silver and gold table, records the
 * request in {@code ops.erasure_log}, and VACUUMs the touched tables so that, once the configured
 * retention has passed, the rows are gone from the tables' history too.
 *
 * <p>Who is erased: a {@code customer_id} (every identifier resolved to it in
 * gold.customer_identities), or one identifier {@code type:value} (normalised like silver does;
 * if it resolves to a customer, that whole customer). What is deleted:
 *
 * <ul>
 *   <li>silver: every row carrying one of the person's identifiers (keyed hashes compared, so the
 *       raw values never leave the executors); silver.identifiers by the records of those rows;
 *   <li>bronze: the rows those silver rows came from (file and line), plus any bronze or rejected
 *       row whose text contains one of the person's own identifier values (duplicates silver
 *       dropped, rows that failed typing); shared identifiers the guards blocked are never used
 *       for this search, so a family member's rows stay;
 *   <li>gold and ops: rows keyed by the customer id (customer_id, old_customer_id,
 *       new_customer_id) or by one of the person's identifier hashes (id_hash).
 * </ul>
 *
 * Delete commits keep the {@code userMetadata} tag of the version they modify, so jobs that find
 * "the version written for day D" by tag (identity history) read the erased version.
 */
public final class Erasure {
  private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

  public static final TableId OPS_ERASURE_LOG = ErasureLog.SPEC.id();
  /** Fault point (tests): after the bronze deletes, before silver's. */
  public static final String FAULT_AFTER_BRONZE = "erase_after_bronze";

  /** Identifier types that name a person (the weak masked phone does not). */
  public static final List<String> IDENTIFIER_TYPES = Identifiers.PERSONAL_TYPES;

  /** Who to erase: exactly one of customerId or (idType, idValue). */
  public record Request(String customerId, String idType, String idValue) {
    public static Request parse(String customerId, String identifier) {
      if ((customerId == null) == (identifier == null)) {
        throw new IllegalArgumentException("erase needs exactly one of --customer-id C... or --identifier type:value");
      }
      if (customerId != null) {
        return new Request(customerId.trim(), null, null);
      }
      int c = identifier.indexOf(':');
      if (c <= 0 || c == identifier.length() - 1) {
        // The value is not repeated: it is personal data, and error messages end up in logs.
        throw new IllegalArgumentException("the identifier to erase is type:value (for example phone:13812345678);"
            + " got " + identifier.length() + " characters without a type");
      }
      String type = identifier.substring(0, c).trim();
      if (!IDENTIFIER_TYPES.contains(type)) {
        throw new IllegalArgumentException("--identifier type '" + type + "' is not an identifier type");
      }
      return new Request(null, type, identifier.substring(c + 1));
    }

    String selector() {
      return customerId != null ? "customer_id" : "identifier:" + idType;
    }

    @Override
    public String toString() {
      return customerId != null ? "Request[customer_id=" + customerId + "]" : "Request[" + idType + ":***]";
    }
  }

  /** Outcome: rows deleted per table (tables with none are left out). */
  public record Report(String customerId, int identifiers, Map<String, Long> deleted, boolean vacuumed) {
    public long total() {
      return deleted.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final SparkSession spark;
  private final AppConfig config;
  private final Hmac hmac;

  /** Hashing with the keys from the environment {@code config} names (tests, tools). */
  public Erasure(SparkSession spark, AppConfig config) {
    this(spark, config, HashKeys.fromEnvironment(config, System.getenv()));
  }

  /** Hashing with {@code keys}, read and checked by the entry point. */
  public Erasure(SparkSession spark, AppConfig config, HashKeys keys) {
    this.spark = spark;
    this.config = config;
    this.hmac = Hmac.of(spark, keys);
  }

  private String warehouse() {
    return config.paths().warehouse();
  }

  public Report erase(Request req, Instant requestedAt) {
    // 1. The person's identifiers: (type, hash) pairs, and the customer id they resolve to.
    String customerId = req.customerId();
    Dataset<Row> identities = DeltaWriter.exists(spark, IdentityColumns.GOLD_CUSTOMER_IDENTITIES, warehouse())
        ? DeltaWriter.read(spark, IdentityColumns.GOLD_CUSTOMER_IDENTITIES, warehouse())
        : null;
    Set<String> nodeHashes = new LinkedHashSet<>(); // "type:hash"
    if (customerId == null) {
      Row one = spark.range(1).select(normalised(req.idType(), lit(req.idValue())).alias("v")).first();
      if (one.isNullAt(0)) {
        throw new IllegalArgumentException("the " + req.idType() + " to erase is empty after normalisation");
      }
      String value = one.getString(0);
      String hash = spark.range(1).select(hmac.hash(lit(req.idType() + ":" + value))).first().getString(0);
      refuseShared(req, hash);
      nodeHashes.add(req.idType() + ":" + hash);
      if (identities != null) {
        List<Row> owner = identities.where(col(IdentityColumns.ID_TYPE).equalTo(req.idType())
            .and(col(IdentityColumns.ID_HASH).equalTo(hash))).select(IdentityColumns.CUSTOMER_ID).collectAsList();
        customerId = owner.isEmpty() ? null : owner.get(0).getString(0);
      }
    }
    if (customerId != null && identities != null) {
      identities.where(col(IdentityColumns.CUSTOMER_ID).equalTo(customerId))
          .select(IdentityColumns.ID_TYPE, IdentityColumns.ID_HASH).collectAsList()
          .forEach(r -> nodeHashes.add(r.getString(0) + ":" + r.getString(1)));
    }
    Pending resumed = pending().stream().filter(p -> p.matches(req.customerId(), nodeHashes)).findFirst().orElse(null);
    if (resumed != null) {
      return complete(resumed, customerId, nodeHashes);
    }
    if (nodeHashes.isEmpty()) {
      if (alreadyErased(customerId)) {
        LOG.info("customer {} was erased before; nothing left to delete", customerId);
        return writeLog(req.selector(), customerId, nodeHashes, new LinkedHashMap<>(), Set.of(), false, requestedAt,
            ErasureLog.DONE);
      }
      throw new IllegalArgumentException("customer_id " + customerId + " is not in "
          + IdentityColumns.GOLD_CUSTOMER_IDENTITIES + " (nor in " + OPS_ERASURE_LOG + ")");
    }
    return run(req.selector(), customerId, nodeHashes, requestedAt, false);
  }

  /** An erasure logged as pending without its done row: interrupted. */
  record Pending(Instant requestedAt, String selector, String customerId, Set<String> nodeHashes) {
    boolean matches(String customer, Set<String> hashes) {
      return (customer != null && customer.equals(customerId)) || hashes.stream().anyMatch(nodeHashes::contains);
    }
  }

  /** Interrupted erasures, oldest first (none without a log). */
  List<Pending> pending() {
    if (!DeltaWriter.exists(spark, OPS_ERASURE_LOG, warehouse())) {
      return List.of();
    }
    Dataset<Row> log = DeltaWriter.read(spark, OPS_ERASURE_LOG, warehouse());
    if (!List.of(log.columns()).contains(ErasureLog.STATUS)) {
      return List.of();
    }
    Dataset<Row> done = log.where(col(ErasureLog.STATUS).equalTo(ErasureLog.DONE)).select(ErasureLog.REQUESTED_AT);
    List<Pending> out = new ArrayList<>();
    for (Row r : log.where(col(ErasureLog.STATUS).equalTo(ErasureLog.PENDING))
        .join(done, Cols.seq(ErasureLog.REQUESTED_AT), "left_anti").orderBy(ErasureLog.REQUESTED_AT).collectAsList()) {
      out.add(new Pending(r.getTimestamp(r.fieldIndex(ErasureLog.REQUESTED_AT)).toInstant(),
          r.getString(r.fieldIndex(ErasureLog.SELECTOR)), r.getString(r.fieldIndex(ErasureLog.CUSTOMER_ID)),
          new LinkedHashSet<>(r.<String>getList(r.fieldIndex(ErasureLog.IDENTIFIER_HASHES)))));
    }
    return out;
  }

  /**
   * Completes every interrupted erasure (a run killed between its pending row and its done row):
   * what the entry point does before any other command, so a person half erased is never read.
   */
  public List<Report> completePending() {
    List<Report> out = new ArrayList<>();
    for (Pending p : pending()) {
      out.add(complete(p, null, Set.of()));
    }
    return out;
  }

  /** Runs an interrupted erasure again from its pending row (plus what a rerun of the command resolved). */
  private Report complete(Pending p, String customerId, Set<String> nodeHashes) {
    LOG.warn("erasure requested at {} was interrupted: completing it", p.requestedAt());
    Set<String> all = new LinkedHashSet<>(p.nodeHashes());
    all.addAll(nodeHashes);
    return run(p.selector(), p.customerId() != null ? p.customerId() : customerId, all, p.requestedAt(), true);
  }

  /**
   * Deletes the person: logs the request as pending first (unless resuming one), then bronze (while
   * silver still has the lineage and the raw values that find the person's bronze rows), then
   * silver, then gold and ops, VACUUMs, and logs it done. Every step can be repeated, so an erasure
   * interrupted anywhere is completed by running it again from its pending row.
   */
  private Report run(String selector, String customerId, Set<String> nodeHashes, Instant requestedAt, boolean resumed) {
    if (!resumed) {
      writeLog(selector, customerId, nodeHashes, new LinkedHashMap<>(), Set.of(), false, requestedAt, ErasureLog.PENDING);
    }
    LOG.info("erasing customer {} ({} identifiers)", customerId, nodeHashes.size());

    // 2. Silver rows carrying them; remember lineage and the person's own raw values first.
    Map<String, Long> deleted = new LinkedHashMap<>();
    Set<List<Object>> lineage = new LinkedHashSet<>(); // [bronze table, file, line]
    Set<String> recordKeys = new LinkedHashSet<>();
    Map<String, Set<String>> rawValues = new LinkedHashMap<>();
    Map<TableId, List<String>> silver = new LinkedHashMap<>();
    silver.put(Tables.SILVER_ORDERS, CustomerKeyed.ORDER_IDS);
    silver.put(Tables.SILVER_TOUCHPOINTS, CustomerKeyed.TOUCHPOINT_IDS);
    silver.put(Tables.SILVER_MEMBERS, CustomerKeyed.MEMBER_IDS);
    silver.put(Tables.SILVER_SERVICE_TICKETS, CustomerKeyed.TICKET_IDS);
    Map<TableId, Column> silverConditions = new LinkedHashMap<>();
    for (Map.Entry<TableId, List<String>> e : silver.entrySet()) {
      if (!DeltaWriter.exists(spark, e.getKey(), warehouse())) {
        continue;
      }
      Column cond = ErasureLog.carriesAny(e.getValue(), nodeHashes, hmac);
      silverConditions.put(e.getKey(), cond);
      Dataset<Row> rows = DeltaWriter.read(spark, e.getKey(), warehouse()).where(cond);
      Column src = List.of(rows.columns()).contains(SilverColumns.SOURCE_TABLE) ? col(SilverColumns.SOURCE_TABLE)
          : lit(bronzeOf(e.getKey()));
      // One pass over the person's rows: lineage, and each identifier value that is theirs (not a
      // blocked shared one that happens to sit on their row).
      List<Column> sel = new ArrayList<>(List.of(src, col(SilverColumns.SOURCE_FILE), col(SilverColumns.SOURCE_LINE)));
      for (String t : e.getValue()) {
        sel.add(functions.when(ErasureLog.nodeHashOf(t, hmac).isin(nodeHashes.toArray()), col(t)));
      }
      for (Row r : rows.select(sel.toArray(new Column[0])).collectAsList()) {
        lineage.add(List.of(r.getString(0), r.getString(1), r.getLong(2)));
        for (int i = 0; i < e.getValue().size(); i++) {
          if (!r.isNullAt(3 + i)) {
            rawValues.computeIfAbsent(e.getValue().get(i), k -> new LinkedHashSet<>()).add(r.getString(3 + i));
          }
        }
      }
    }
    if (DeltaWriter.exists(spark, Tables.SILVER_IDENTIFIERS, warehouse())) {
      DeltaWriter.read(spark, Tables.SILVER_IDENTIFIERS, warehouse())
          .where(nodeHash().isin((Object[]) nodeHashes.toArray(new String[0])))
          .select(IdentifierObs.RECORD_KEY).distinct().collectAsList().forEach(r -> recordKeys.add(r.getString(0)));
    }
    LOG.info("customer {}: {} silver rows, {} identity records, {} raw identifier values", customerId, lineage.size(),
        recordKeys.size(), rawValues.values().stream().mapToInt(Set::size).sum());

    // 3. Delete: bronze and rejects (found through silver), then silver, then gold and ops.
    List<Pattern> patterns = rawPatterns(rawValues);
    for (SourceEntity entity : SourceEntities.ALL) {
      TableId table = entity.table();
      Column byLine = lineageCondition(table, lineage);
      if (DeltaWriter.exists(spark, table, warehouse()) && (byLine != null || !patterns.isEmpty())) {
        Column byText = textMatches(rowText(DeltaWriter.read(spark, table, warehouse())), patterns);
        delete(table, byLine == null ? byText : byLine.or(byText), deleted);
      }
      if (DeltaWriter.exists(spark, table.rejects(), warehouse()) && !patterns.isEmpty()) {
        delete(table.rejects(), textMatches(col(LandingReader.RAW_LINE), patterns), deleted);
      }
    }
    Faults.at(FAULT_AFTER_BRONZE);
    for (Map.Entry<TableId, Column> e : silverConditions.entrySet()) {
      delete(e.getKey(), e.getValue(), deleted);
    }
    if (!recordKeys.isEmpty()) {
      delete(Tables.SILVER_IDENTIFIERS, col(IdentifierObs.RECORD_KEY).isin(recordKeys.toArray())
          .or(nodeHash().isin((Object[]) nodeHashes.toArray(new String[0]))), deleted);
    }
    for (TableId t : tablesIn(Tables.GOLD, Tables.OPS)) {
      if (t.equals(OPS_ERASURE_LOG)) {
        continue;
      }
      List<String> cols = List.of(DeltaWriter.read(spark, t, warehouse()).columns());
      Column cond = lit(false);
      if (customerId != null) {
        for (String c : List.of(IdentityColumns.CUSTOMER_ID, IdentityColumns.OLD_CUSTOMER_ID,
            IdentityColumns.NEW_CUSTOMER_ID)) {
          if (cols.contains(c)) {
            cond = cond.or(col(c).equalTo(customerId));
          }
        }
      }
      if (cols.contains(IdentityColumns.ID_HASH) && cols.contains(IdentityColumns.ID_TYPE)) {
        cond = cond.or(concat(col(IdentityColumns.ID_TYPE), lit(":"), col(IdentityColumns.ID_HASH))
            .isin((Object[]) nodeHashes.toArray(new String[0])));
      }
      delete(t, cond, deleted);
    }

    // 4. VACUUM what was touched (when completing an interrupted erasure, also what the interrupted
    // run deleted from: its DELETE commits since the request), then log the request.
    Set<String> touched = new TreeSet<>(deleted.keySet());
    if (resumed) {
      touched.addAll(deletedSince(requestedAt));
    }
    int hours = config.erasure().vacuumRetentionHours();
    boolean vacuumed = !touched.isEmpty();
    if (vacuumed) {
      if (hours < 168) {
        spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
      }
      // VACUUM lists the table's folders with this many tasks (default 10,000: minutes of empty
      // tasks on a small cluster or locally for a handful of folders).
      String listing = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
      if (!spark.conf().contains(listing) || spark.conf().get(listing).equals("10000")) {
        spark.conf().set(listing, String.valueOf(Math.max(8, 4 * spark.sparkContext().defaultParallelism())));
      }
      for (String t : touched) {
        LOG.info("VACUUM {} RETAIN {} HOURS", t, hours);
        DeltaTable.forPath(spark, TableId.parse(t).path(warehouse())).vacuum(hours);
      }
    }
    Set<String> landingFiles = new TreeSet<>();
    lineage.forEach(l -> landingFiles.add((String) l.get(1)));
    return writeLog(selector, customerId, nodeHashes, deleted, landingFiles, vacuumed, requestedAt, ErasureLog.DONE);
  }

  /**
   * An identifier the guards found shared by several people (a family or store phone) names no one
   * person: erasing every row that carries it would erase the others too.
   */
  private void refuseShared(Request req, String hash) {
    if (!DeltaWriter.exists(spark, IdentityColumns.OPS_IDENTITY_AUDIT, warehouse())) {
      return;
    }
    List<Row> shared = DeltaWriter.read(spark, IdentityColumns.OPS_IDENTITY_AUDIT, warehouse())
        .where(col(IdentityColumns.ID_TYPE).equalTo(req.idType()).and(col(IdentityColumns.ID_HASH).equalTo(hash))
            .and(col(IdentityColumns.REASON_CODE).isin(IdentityColumns.SHARED_BY_RECORDS,
                IdentityColumns.LINKED_TO_MANY)))
        .select(IdentityColumns.REASON).limit(1).collectAsList();
    if (!shared.isEmpty()) {
      throw new IllegalArgumentException("--identifier " + req.idType() + " is shared by several people ("
          + IdentityColumns.OPS_IDENTITY_AUDIT + ": " + shared.get(0).getString(0)
          + "); erase the person by --customer-id instead");
    }
  }

  private Column nodeHash() {
    return concat(col(IdentifierObs.ID_TYPE), lit(":"),
        hmac.hash(IdentityTransforms.node(col(IdentifierObs.ID_TYPE), col(IdentifierObs.ID_VALUE))));
  }

  /** "type:HMAC" of the identifier in the column named by its type (phone, email, ...). */
  static Column normalised(String type, Column raw) {
    return switch (type) {
      case Identifiers.PHONE -> Identifiers.normalisePhone(raw);
      case Identifiers.EMAIL -> Identifiers.normaliseEmail(raw);
      case Identifiers.MEMBER_ID, Identifiers.CARD_NO -> Identifiers.normaliseCode(raw);
      default -> Identifiers.normaliseOpaque(raw);
    };
  }

  private static String bronzeOf(TableId silverTable) {
    if (silverTable.equals(Tables.SILVER_MEMBERS)) {
      return Tables.BRONZE_CRM_MEMBERS.qualified();
    }
    if (silverTable.equals(Tables.SILVER_SERVICE_TICKETS)) {
      return Tables.BRONZE_SERVICE_TICKETS.qualified();
    }
    return null;
  }

  private static Column lineageCondition(TableId bronze, Set<List<Object>> lineage) {
    Column any = null;
    Map<String, List<Long>> byFile = new LinkedHashMap<>();
    for (List<Object> l : lineage) {
      if (bronze.qualified().equals(l.get(0))) {
        byFile.computeIfAbsent((String) l.get(1), k -> new ArrayList<>()).add((Long) l.get(2));
      }
    }
    for (Map.Entry<String, List<Long>> e : byFile.entrySet()) {
      Column c = col(LandingReader.SOURCE_FILE).equalTo(e.getKey())
          .and(col(LandingReader.LINE_NO).isin(e.getValue().toArray()));
      any = any == null ? c : any.or(c);
    }
    return any;
  }

  /**
   * Patterns that find the person's own identifier values in raw text, whatever the channel's
   * spelling: a phone's 11 digits with optional separators and country prefix, an email or id as
   * a whole token, case-insensitive.
   */
  static List<Pattern> rawPatterns(Map<String, Set<String>> rawValues) {
    List<Pattern> out = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : rawValues.entrySet()) {
      for (String v : e.getValue()) {
        if (e.getKey().equals(Identifiers.PHONE)) {
          String digits = v.replaceAll("[^0-9]", "");
          if (digits.length() < 11) {
            continue;
          }
          String local = digits.substring(digits.length() - 11);
          StringBuilder sb = new StringBuilder("(?<![0-9])");
          for (int i = 0; i < local.length(); i++) {
            sb.append(i == 0 ? "" : "[ .()-]{0,2}").append(local.charAt(i));
          }
          out.add(Pattern.compile(sb.append("(?![0-9])").toString()));
        } else if (v.length() >= 3) {
          out.add(Pattern.compile("(?i)(?<![A-Za-z0-9_.@+-])" + Pattern.quote(v) + "(?![A-Za-z0-9_@-])"));
        }
      }
    }
    return out;
  }

  private static Column textMatches(Column text, List<Pattern> patterns) {
    Column any = lit(false);
    for (Pattern p : patterns) {
      any = any.or(text.rlike(p.pattern()));
    }
    return any;
  }

  /** All columns of a bronze row as one text, for the raw-value search. */
  private static Column rowText(Dataset<Row> table) {
    List<Column> cols = new ArrayList<>();
    for (String c : table.columns()) {
      cols.add(col("`" + c + "`").cast("string"));
    }
    return concat_ws("\u0001", cols.toArray(new Column[0]));
  }

  private void delete(TableId table, Column condition, Map<String, Long> deleted) {
    String path = table.path(warehouse());
    DeltaTable delta = DeltaTable.forPath(spark, path);
    Row last = delta.history(1).select("version", "userMetadata").first();
    long before = last.getLong(0);
    String key = "spark.databricks.delta.commitInfo.userMetadata";
    if (!last.isNullAt(1)) {
      spark.conf().set(key, last.getString(1));
    }
    try {
      delta.delete(condition);
      Row h = delta.history(1).select("version", "operationMetrics").first();
      if (h.getLong(0) == before) {
        return;
      }
      Map<String, String> m = h.getJavaMap(1);
      long n = m == null || m.get("numDeletedRows") == null ? 0 : Long.parseLong(m.get("numDeletedRows"));
      if (n > 0) {
        deleted.put(table.qualified(), n);
        LOG.info("erasure: deleted {} row(s) from {}", n, table);
      }
    } finally {
      spark.conf().unset(key);
    }
  }

  /** Tables with a DELETE commit at or after {@code since}: what an interrupted erasure already changed. */
  private Set<String> deletedSince(Instant since) {
    Set<String> out = new TreeSet<>();
    for (TableId t : tablesIn(Tables.BRONZE, Tables.SILVER, Tables.GOLD, Tables.OPS)) {
      if (!DeltaTable.forPath(spark, t.path(warehouse())).history()
          .where(col("operation").equalTo("DELETE").and(col("timestamp").geq(lit(Timestamp.from(since))))).isEmpty()) {
        out.add(t.qualified());
      }
    }
    return out;
  }

  /** Delta tables of the given layers in the warehouse (local or s3a, through Hadoop's file system). */
  private List<TableId> tablesIn(String... layers) {
    List<String> wanted = List.of(layers);
    return CatalogSync.discover(spark, warehouse()).stream().filter(t -> wanted.contains(t.layer())).toList();
  }

  private boolean alreadyErased(String customerId) {
    return customerId != null && DeltaWriter.exists(spark, OPS_ERASURE_LOG, warehouse())
        && !DeltaWriter.read(spark, OPS_ERASURE_LOG, warehouse())
            .where(col(ErasureLog.CUSTOMER_ID).equalTo(customerId)).isEmpty();
  }

  private Report writeLog(String selector, String customerId, Set<String> nodeHashes, Map<String, Long> deleted,
      Set<String> landingFiles, boolean vacuumed, Instant requestedAt, String status) {
    Report report = new Report(customerId, nodeHashes.size(), deleted, vacuumed);
    // An audit log of events: each request is a new row (pending, then done), so the spec's mode is append.
    TableWriter.publishEvent(spark, warehouse(), ErasureLog.SPEC, RowFactory.create(Timestamp.from(requestedAt),
        selector, customerId, List.copyOf(nodeHashes).toArray(new String[0]), Types.tableRows(deleted),
        landingFiles.toArray(new String[0]), report.total(), config.erasure().vacuumRetentionHours(), vacuumed,
        status), requestedAt);
    LOG.info("erasure of {} {}: {} row(s) deleted in {} table(s)", customerId, status, report.total(), deleted.size());
    return report;
  }
}
