package io.onecustomer.jobs.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig.MissingSourcePolicy;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.CheckResult;
import io.onecustomer.common.spec.Publish;
import io.onecustomer.common.spec.QualityGate;
import io.onecustomer.common.spec.QualityGateException;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.TableWriter;
import io.onecustomer.jobs.Faults;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.QualityException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one landing entity into {@code bronze.<source>_<entity>}, its rejects into {@code
 * bronze.<source>_<entity>__rejects}, and its reconciliation into {@code ops.ingest_audit}. Bad
 * rows never fail the run and are never dropped.
 *
 * <p>Idempotent by business day: the days that have a landing folder are replaced in all three
 * tables. A day whose folder is missing is left as it was (so a landing area with retention can be
 * backfilled safely) and recorded as {@code missing} in the audit.
 */
public final class BronzeIngestJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(BronzeIngestJob.class);

  private final SourceEntity entity;

  public BronzeIngestJob(SourceEntity entity) {
    this.entity = entity;
    this.spec = BronzeTables.accepted(entity);
    this.rejects = BronzeTables.rejects(entity);
  }

  private final TableSpec spec;
  private final TableSpec rejects;

  public SourceEntity entity() {
    return entity;
  }

  @Override
  public TableSpec spec() {
    return spec;
  }

  @Override
  public List<TableSpec> inputs() {
    return List.of();
  }

  @Override
  public List<TableSpec> sideOutputs() {
    return List.of(rejects, BronzeTables.INGEST_AUDIT, BronzeTables.SCHEMA_DRIFT);
  }

  @Override
  public JobResult run(JobContext ctx) {
    var spark = ctx.spark();
    String landing = ctx.config().paths().landing();
    List<LandingReader.DayFiles> days = new ArrayList<>(lateDays(ctx, landing));
    days.addAll(LandingReader.list(spark, entity, landing, ctx.range()));
    List<String> warnings = new ArrayList<>();
    List<Row> auditRows = new ArrayList<>();
    List<LocalDate> present = new ArrayList<>();
    List<String> files = new ArrayList<>();
    long bytes = 0;
    for (LandingReader.DayFiles d : days) {
      if (!d.folderExists()) {
        String msg = "no landing folder " + d.folder() + " for " + entity.table();
        warnings.add(msg);
        auditRows.add(audit(d.day(), null, IngestAudit.STATUS_MISSING, 0, 0, 0, ctx, msg));
      } else {
        present.add(d.day());
        files.addAll(d.files());
        bytes += d.bytes();
        if (d.files().isEmpty()) {
          String msg = "landing folder " + d.folder() + " has no non-empty " + entity.entity() + "-*."
              + entity.format().extension() + " file";
          warnings.add(msg);
          auditRows.add(audit(d.day(), null, IngestAudit.STATUS_EMPTY, 0, 0, 0, ctx, msg));
        }
      }
    }
    if (!warnings.isEmpty()) {
      warnings.forEach(w -> LOG.warn("{}: {}", id(), w));
      if (ctx.config().ingest().missingSource() == MissingSourcePolicy.ERROR) {
        throw new QualityException(
            warnings.size() + " missing or empty landing folder(s) and ingest.missing-source=error: "
                + String.join("; ", warnings));
      }
    }
    LOG.info("{}: {} file(s) for {} of {} day(s) under {}", id(), files.size(), present.size(),
        days.size(), landing);

    Dataset<Row> validated =
        BronzeTransforms.typeAndValidate(
                LandingReader.read(spark, entity, files, bytes, ctx.config().ingest().maxLineBytes()),
                entity,
                ctx.config().timezone(),
                ctx.config().ingest().futureToleranceDays(),
                ctx.config().ingest().earliestEventDate(),
                ctx.runStartedTimestamp())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // One small row per file: the reconciliation the audit records.
      List<Row> perFile =
          validated
              .groupBy(col(LandingReader.RUN_DATE), col(LandingReader.SOURCE_FILE))
              .agg(
                  count(lit(1)).alias("n"),
                  sum(when(col(BronzeTransforms.REJECT_CODE).isNull(), 1).otherwise(0)).alias("ok"))
              .collectAsList();
      long read = 0;
      long rejected = 0;
      for (Row r : perFile) {
        long n = r.getLong(2);
        long ok = r.getLong(3);
        read += n;
        rejected += n - ok;
        auditRows.add(audit(r.getDate(0).toLocalDate(), r.getString(1),
            n == ok ? IngestAudit.STATUS_OK : IngestAudit.STATUS_REJECTS, n, ok, n - ok, ctx, null));
      }
      // Files with no data line (a header only) still get their audit row.
      Set<String> seen = new HashSet<>();
      perFile.forEach(r -> seen.add(r.getString(1)));
      for (String f : files) {
        if (!seen.contains(f)) {
          auditRows.add(audit(LandingReader.dayOf(f), f, IngestAudit.STATUS_EMPTY, 0, 0, 0, ctx,
              "file has no data line"));
        }
      }
      if (!present.isEmpty()) {
        recordDrift(ctx, validated, present, perFile);
      }
      if (present.isEmpty()) {
        LOG.warn("{}: nothing to ingest for {}", id(), ctx.range());
        writeAudit(ctx, auditRows, days.stream().map(LandingReader.DayFiles::day).toList());
      } else {
        publish(ctx, validated, present, read, rejected, auditRows, days);
      }
      long accepted = read - rejected;
      if (rejected > 0) {
        warnings.add(rejected + " row(s) rejected into " + entity.table().rejects());
      }
      return new JobResult(id(), entity.table(), ctx.range(), read, accepted, rejected, 0, warnings);
    } finally {
      validated.unpersist();
    }
  }

  /**
   * Write-audit-publish over three tables. Both bronze tables are checked before either commits,
   * with the reconciliation (lines read = rows accepted + rows rejected, counted from the data about
   * to be written); then the table, the rejects and the shared audit commit in that order. A failure
   * after the first commit puts the tables this job owns back to their versions before the job, so
   * no reader is left with rows whose rejects or audit are missing.
   */
  private void publish(JobContext ctx, Dataset<Row> validated, List<LocalDate> present, long read, long rejected,
      List<Row> auditRows, List<LandingReader.DayFiles> days) {
    var spark = ctx.spark();
    Publish p = ctx.publish(id());
    DateRange span = new DateRange(present.get(0), present.get(present.size() - 1));
    String where = DateRange.sqlIn(LandingReader.RUN_DATE, present);
    TableWriter.Audited ok = TableWriter.audit(p, spec, BronzeTransforms.accepted(validated, entity), span,
        Map.of(BronzeTables.REJECT_SHARE, read == 0 ? 0.0 : rejected / (double) read));
    TableWriter.Audited bad;
    try {
      bad = TableWriter.audit(p, rejects, BronzeTransforms.rejected(validated), span, Map.of());
    } catch (RuntimeException e) {
      ok.discard();
      throw e;
    }
    long written = ok.outcome().rows() + bad.outcome().rows();
    CheckResult rec = QualityGate.observed(spec, p.rules().apply(spec), BronzeTables.RECONCILIATION, span,
        (double) Math.abs(read - written), "read " + read + " line(s), about to write " + ok.outcome().rows()
            + " accepted + " + bad.outcome().rows() + " rejected");
    p.results().accept(List.of(rec));
    if (rec.stopsTheJob()) {
      ok.discard();
      bad.discard();
      throw new QualityGateException(spec, List.of(rec));
    }
    long tableBefore = DeltaWriter.version(spark, spec.id(), ctx.warehouse());
    long rejectsBefore = DeltaWriter.version(spark, rejects.id(), ctx.warehouse());
    boolean tableCommitted = false;
    boolean rejectsCommitted = false;
    try {
      TableWriter.commit(p, spec, ok, where, null);
      tableCommitted = true;
      Faults.at("bronze_after_table");
      TableWriter.commit(p, rejects, bad, where, null);
      rejectsCommitted = true;
      Faults.at("bronze_after_rejects");
      writeAudit(ctx, auditRows, days.stream().map(LandingReader.DayFiles::day).toList());
    } catch (RuntimeException e) {
      ok.discard();
      bad.discard();
      if (rejectsCommitted) {
        DeltaWriter.restore(spark, rejects.id(), ctx.warehouse(), rejectsBefore);
      }
      if (tableCommitted) {
        DeltaWriter.restore(spark, spec.id(), ctx.warehouse(), tableBefore);
      }
      throw e;
    }
  }

  /**
   * Records the files' schema drift in ops.schema_drift (replacing this table's rows for the days),
   * then fails the job, before any bronze commit, when a file lacks a required column on every
   * line: a changed export that would otherwise turn a whole file into rejects.
   */
  private void recordDrift(JobContext ctx, Dataset<Row> validated, List<LocalDate> present, List<Row> perFile) {
    var spark = ctx.spark();
    List<Row> drift = validated.where(col(LandingReader.DRIFT).isNotNull())
        .select(col(LandingReader.RUN_DATE), col(LandingReader.SOURCE_FILE), explode(col(LandingReader.DRIFT)).alias("d"))
        .groupBy(LandingReader.RUN_DATE, LandingReader.SOURCE_FILE, "d").agg(count(lit(1)).alias("n"))
        .orderBy(LandingReader.SOURCE_FILE, "d").collectAsList();
    String where = BronzeTables.DRIFT_TABLE_NAME + " = '" + entity.table().qualified() + "' AND "
        + DateRange.sqlIn(BronzeTables.DRIFT_RUN_DATE, present);
    if (drift.isEmpty() && (!DeltaWriter.exists(spark, BronzeTables.SCHEMA_DRIFT.id(), ctx.warehouse())
        || DeltaWriter.read(spark, BronzeTables.SCHEMA_DRIFT.id(), ctx.warehouse()).where(where).isEmpty())) {
      return; // nothing drifted, nothing recorded earlier to replace
    }
    Map<String, Long> linesPerFile = new HashMap<>();
    perFile.forEach(r -> linesPerFile.put(r.getString(1), r.getLong(2)));
    List<Row> rows = new ArrayList<>();
    Map<String, List<String>> fatal = new java.util.TreeMap<>();
    for (Row r : drift) {
      String d = r.getString(2);
      int c = d.indexOf(':');
      String change = d.substring(0, c);
      String column = d.substring(c + 1);
      rows.add(RowFactory.create(entity.table().qualified(), r.getDate(0), r.getString(1), column, change, r.getLong(3),
          ctx.runStartedTimestamp()));
      if (change.equals(LineParser.MISSING_REQUIRED) && r.getLong(3) == linesPerFile.getOrDefault(r.getString(1), -1L)) {
        fatal.computeIfAbsent(r.getString(1), f -> new ArrayList<>()).add(column);
      }
    }
    rows.forEach(r -> LOG.warn("{}: schema drift in {}: {} {} ({} line(s))", id(), r.getString(2), r.getString(4),
            r.getString(3), r.getLong(5)));
    TableWriter.publish(ctx.publish(id()), BronzeTables.SCHEMA_DRIFT,
        spark.createDataFrame(rows, BronzeTables.SCHEMA_DRIFT.schema()).coalesce(1),
        new DateRange(present.get(0), present.get(present.size() - 1)), where, Map.of(), null);
    if (!fatal.isEmpty()) {
      List<String> why = new ArrayList<>();
      fatal.forEach((f, cols) -> why.add(f + " lacks required column(s) " + String.join(", ", cols) + " on all its "
          + linesPerFile.get(f) + " line(s)"));
      throw new QualityException(entity.source() + "/" + entity.entity() + ": " + String.join("; ", why)
          + ". The export changed: nothing was committed to " + entity.table() + " (the drift is in "
          + BronzeTables.SCHEMA_DRIFT.qualified() + "); fix the file, or the declaration in SourceEntities");
    }
  }

  private void writeAudit(JobContext ctx, List<Row> rows, List<LocalDate> days) {
    Dataset<Row> df = ctx.spark().createDataFrame(rows, BronzeTables.INGEST_AUDIT.schema());
    String where = IngestAudit.TABLE_NAME + " = '" + entity.table().qualified() + "' AND "
        + DateRange.sqlIn(IngestAudit.RUN_DATE, days);
    TableWriter.publish(ctx.publish(id()), BronzeTables.INGEST_AUDIT, df.coalesce(1),
        new DateRange(days.get(0), days.get(days.size() - 1)), where, Map.of(), null);
  }

  private Row audit(LocalDate day, String file, String status, long read, long ok, long rejected,
      JobContext ctx, String message) {
    return RowFactory.create(entity.table().qualified(), Date.valueOf(day), file, status, read, ok,
        rejected, ctx.runStartedTimestamp(), message, Date.valueOf(ctx.range().to()));
  }

  /**
   * Days of the reprocessing window before the run (ingest.reprocess-days) that were ingested
   * before and whose landing folder now holds a file the audit does not know: a file that arrived
   * late. Such a day is ingested again whole, exactly as a rerun of the day would; its downstream
   * days follow (the runner widens their range). A day never ingested is left to a
   * backfill.
   */
  private List<LandingReader.DayFiles> lateDays(JobContext ctx, String landing) {
    int window = ctx.config().ingest().reprocessDays();
    var spark = ctx.spark();
    if (window == 0 || !DeltaWriter.exists(spark, BronzeTables.INGEST_AUDIT.id(), ctx.warehouse())) {
      return List.of();
    }
    DateRange before = new DateRange(ctx.range().from().minusDays(window), ctx.range().from().minusDays(1));
    Map<LocalDate, Set<String>> known = new HashMap<>();
    DeltaWriter.read(spark, BronzeTables.INGEST_AUDIT.id(), ctx.warehouse())
        .where(col(IngestAudit.TABLE_NAME).equalTo(entity.table().qualified()))
        .where(before.sqlPredicate(IngestAudit.RUN_DATE))
        .select(IngestAudit.RUN_DATE, IngestAudit.SOURCE_FILE).collectAsList()
        .forEach(r -> {
          Set<String> files = known.computeIfAbsent(r.getDate(0).toLocalDate(), d -> new HashSet<>());
          if (!r.isNullAt(1)) {
            files.add(r.getString(1));
          }
        });
    List<LandingReader.DayFiles> late = new ArrayList<>();
    for (LandingReader.DayFiles d : LandingReader.list(spark, entity, landing, before)) {
      Set<String> files = known.get(d.day());
      if (files == null || !d.folderExists()) {
        continue;
      }
      List<String> arrived = d.files().stream().filter(f -> !files.contains(f)).toList();
      if (!arrived.isEmpty()) {
        LOG.warn("{}: {} file(s) arrived for {} after it was ingested ({}); ingesting {} again", id(), arrived.size(),
            d.day(), String.join(", ", arrived), d.day());
        late.add(d);
      }
    }
    return late;
  }
}
