package io.onecustomer.jobs.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.TableId;
import io.onecustomer.common.config.AppConfig.MissingSourcePolicy;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.QualityException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
  }

  public SourceEntity entity() {
    return entity;
  }

  @Override
  public String id() {
    return entity.jobId();
  }

  @Override
  public TableId output() {
    return entity.table();
  }

  @Override
  public List<String> dependsOn() {
    return List.of();
  }

  @Override
  public JobResult run(JobContext ctx) {
    var spark = ctx.spark();
    String landing = ctx.config().paths().landing();
    List<LandingReader.DayFiles> days = LandingReader.list(spark, entity, landing, ctx.range());
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
                LandingReader.read(spark, entity, files, bytes),
                entity,
                ctx.config().timezone(),
                ctx.config().ingest().futureToleranceDays(),
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
      java.util.Set<String> seen = new java.util.HashSet<>();
      perFile.forEach(r -> seen.add(r.getString(1)));
      for (String f : files) {
        if (!seen.contains(f)) {
          auditRows.add(audit(LandingReader.dayOf(f), f, IngestAudit.STATUS_EMPTY, 0, 0, 0, ctx,
              "file has no data line"));
        }
      }
      if (present.isEmpty()) {
        LOG.warn("{}: nothing to ingest for {}", id(), ctx.range());
      } else {
        String where = inDays(LandingReader.RUN_DATE, present);
        long written = DeltaWriter.replace(spark, BronzeTransforms.accepted(validated, entity),
            entity.table(), ctx.warehouse(), where, entity.comment(), LandingReader.RUN_DATE);
        long rejectsWritten = DeltaWriter.replace(spark, BronzeTransforms.rejected(validated),
            entity.table().rejects(), ctx.warehouse(), where,
            "Rows of " + entity.table() + " that could not be parsed or typed, with the raw line, file, line number and reason.",
            LandingReader.RUN_DATE);
        if (written + rejectsWritten != read) {
          throw new QualityException("reconciliation failed for " + entity.table() + ": read " + read
              + " lines but wrote " + written + " accepted + " + rejectsWritten + " rejected");
        }
      }
      writeAudit(ctx, auditRows, days.stream().map(LandingReader.DayFiles::day).toList());
      long accepted = read - rejected;
      if (rejected > 0) {
        warnings.add(rejected + " row(s) rejected into " + entity.table().rejects());
      }
      return new JobResult(id(), entity.table(), ctx.range(), read, accepted, rejected, 0, warnings);
    } finally {
      validated.unpersist();
    }
  }

  private void writeAudit(JobContext ctx, List<Row> rows, List<LocalDate> days) {
    Dataset<Row> df = ctx.spark().createDataFrame(rows, IngestAudit.SCHEMA);
    String where = IngestAudit.TABLE_NAME + " = '" + entity.table().qualified() + "' AND "
        + inDays(IngestAudit.RUN_DATE, days);
    DeltaWriter.replace(ctx.spark(), df.coalesce(1), IngestAudit.TABLE, ctx.warehouse(), where,
        IngestAudit.COMMENT, IngestAudit.TABLE_NAME);
  }

  private Row audit(LocalDate day, String file, String status, long read, long ok, long rejected,
      JobContext ctx, String message) {
    return RowFactory.create(entity.table().qualified(), Date.valueOf(day), file, status, read, ok,
        rejected, ctx.runStartedTimestamp(), message);
  }

  static String inDays(String column, List<LocalDate> days) {
    return column + " IN (" + days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", ")) + ")";
  }
}
