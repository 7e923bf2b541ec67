package io.onecustomer.jobs.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.QualityException;
import io.onecustomer.jobs.TestSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BronzeIngestJobTest {
  private static SparkSession spark;
  private static final LocalDate DAY = LocalDate.of(2026, 5, 1);
  private static final String HEADER = SourceEntities.POS_SALES.csvHeader();
  /** spark-testing-base's DataFrame comparisons, used as a plain helper (no JUnit 4 runner). */
  private static final JavaDataFrameSuiteBase FRAMES = new JavaDataFrameSuiteBase();

  @TempDir Path tmp;

  @BeforeAll
  static void session() {
    spark = TestSpark.session();
  }

  private Path write(Path landing, String source, LocalDate day, String file, byte[] content) throws IOException {
    Path dir = landing.resolve(source).resolve("dt=" + day);
    Files.createDirectories(dir);
    Path f = dir.resolve(file);
    Files.write(f, content);
    return f;
  }

  private static byte[] utf8(String... lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private JobResult run(AppConfig cfg, DateRange range) {
    return new BronzeIngestJob(SourceEntities.POS_SALES)
        .run(new JobContext(spark, cfg, range, Instant.parse("2026-05-02T01:00:00Z")));
  }

  private void writePosDay(Path landing) throws IOException {
    byte[] gbk = "R9,1,S01,2026/05/01 10:00,,,ST-000001,1,10.00,0,10.00,现金".getBytes(Charset.forName("GBK"));
    byte[] good = utf8(
        HEADER,
        "R1,1,S01,2026/05/01 10:00,MC00000001,138-1234-5678,ST-000001,2,10.00,1.00,19.00,CASH",
        "R1,2,S01,2026/05/01 10:00,MC00000001,,ST-000002,1,5.50,,5.50,CASH",
        "R2,1,S01,2026/05/01 23:59,,,ST-000001,-1,10.00,0,10.00,CARD",
        "R3,1,S01,2026/05/01 11:00,,,ST-000001,two,10.00,0,10.00,CARD",
        "",
        "R4,1,S01,2026/13/45 11:00,,,ST-000001,1,10.00,0,10.00,CARD",
        "R5,1,S01,2026/06/20 11:00,,,ST-000001,1,10.00,0,10.00,CARD",
        "R6,1,S01,2026/05/01 11:00,,,ST-000001,1,10.00,0,10.00");
    byte[] all = new byte[good.length + gbk.length + 1];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(gbk, 0, all, good.length, gbk.length);
    all[all.length - 1] = '\n';
    write(landing, "pos", DAY, "sales-00000.csv", all);
  }

  @Test
  void everyLineIsAcceptedOrRejectedWithItsReasonAndLine() throws IOException {
    Path landing = tmp.resolve("landing");
    writePosDay(landing);
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));

    JobResult r = run(cfg, DateRange.of(DAY));

    assertEquals(8, r.rowsRead());
    assertEquals(2, r.rowsWritten());
    assertEquals(6, r.rowsRejected());
    var rejects = DeltaWriter.read(spark, SourceEntities.POS_SALES.table().rejects(), cfg.paths().warehouse());
    Dataset<Row> byLine = rejects.select("_line_no", "reason_code");
    assertSameRows("rejects by line", spark.createDataFrame(List.of(
        RowFactory.create(4L, "negative_quantity"),
        RowFactory.create(5L, "unparseable_number"),
        RowFactory.create(7L, "unparseable_timestamp"),
        RowFactory.create(8L, "future_timestamp"),
        RowFactory.create(9L, "wrong_column_count"),
        RowFactory.create(10L, "invalid_encoding")), byLine.schema()), byLine);
    Row bad = rejects.where("_line_no = 5").first();
    assertEquals("unparseable_number: qty='two'", bad.getString(bad.fieldIndex("reason")));
    assertTrue(bad.getString(bad.fieldIndex("_source_file")).endsWith("pos/dt=2026-05-01/sales-00000.csv"));

    var accepted = DeltaWriter.read(spark, SourceEntities.POS_SALES.table(), cfg.paths().warehouse())
        .orderBy("_line_no").collectAsList();
    Row first = accepted.get(0);
    assertEquals(2, first.getInt(first.fieldIndex("qty")));
    assertEquals(new BigDecimal("19.00"), first.getDecimal(first.fieldIndex("line_amount")));
    // 10:00 in Shanghai is 02:00 UTC.
    assertEquals(Instant.parse("2026-05-01T02:00:00Z"), first.getTimestamp(first.fieldIndex("sale_time")).toInstant());
    assertEquals("138-1234-5678", first.getString(first.fieldIndex("phone")));
    Row second = accepted.get(1);
    assertEquals(null, second.get(second.fieldIndex("discount")));

    var audit = DeltaWriter.read(spark, IngestAudit.TABLE, cfg.paths().warehouse()).collectAsList();
    assertEquals(1, audit.size());
    Row a = audit.get(0);
    assertEquals(8L, a.getLong(a.fieldIndex("rows_read")));
    assertEquals(a.getLong(a.fieldIndex("rows_read")),
        a.getLong(a.fieldIndex("rows_accepted")) + a.getLong(a.fieldIndex("rows_rejected")));
    assertEquals("has_rejects", a.getString(a.fieldIndex("status")));
  }

  @Test
  void filesShareTasksUpTo128MegabytesButNeverFewerThanFourPerCore() {
    assertEquals(5, LandingReader.tasks(5, 1L << 40, 2), "no more tasks than files");
    assertEquals(8, LandingReader.tasks(179, 30L << 20, 2), "small files: 4 per core");
    assertEquals(80, LandingReader.tasks(179, 10L << 30, 2), "10 GB: 128 MB a task");
    assertEquals(179, LandingReader.tasks(179, 1L << 40, 2), "files larger than a task: one each");
    assertEquals(400, LandingReader.tasks(1000, 1L << 20, 100), "a cluster of 100 cores");
  }

  @Test
  void aBackfillOfManySmallFilesSharesTasksAndKeepsEveryFilesLineNumbersAndAudit() throws IOException {
    // 20 daily files, two per day: more files than the 4 x 2 cores below which each file gets a task.
    Path landing = tmp.resolve("landing");
    int days = 10;
    for (int d = 0; d < days; d++) {
      LocalDate day = DAY.plusDays(d);
      String ts = day.toString().replace('-', '/') + " 10:00";
      for (int f = 0; f < 2; f++) {
        String bad = "R" + d + f + "X,1,S01," + ts + ",,,ST-000001,x" + d + f + ",10.00,0,10.00,CARD";
        String good = "R" + d + f + ",1,S01," + ts + ",,,ST-000001,1,10.00,0,10.00,CARD";
        // the bad line sits at line 2 + d + f, after d + f good ones
        String[] lines = new String[2 + d + f];
        lines[0] = HEADER;
        for (int k = 1; k <= d + f; k++) {
          lines[k] = good.replace("R" + d + f + ",", "R" + d + f + "-" + k + ",");
        }
        lines[1 + d + f] = bad;
        write(landing, "pos", day, "sales-0000" + f + ".csv", utf8(lines));
      }
    }
    List<LandingReader.DayFiles> listed = LandingReader.list(spark, SourceEntities.POS_SALES, landing.toString(),
        new DateRange(DAY, DAY.plusDays(days - 1)));
    List<String> files = listed.stream().flatMap(x -> x.files().stream()).toList();
    long bytes = listed.stream().mapToLong(LandingReader.DayFiles::bytes).sum();
    assertEquals(20, files.size());
    long onDisk = 0;
    for (String f : files) {
      onDisk += Files.size(Path.of(java.net.URI.create(f)));
    }
    assertEquals(onDisk, bytes, "the listing sums the files' sizes");
    assertEquals(8, LandingReader.read(spark, SourceEntities.POS_SALES, files, bytes,
        LandingLineInputFormat.DEFAULT_MAX_LINE_BYTES).rdd().getNumPartitions(),
        "20 small files on 2 cores share 8 tasks");

    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));
    JobResult r = run(cfg, new DateRange(DAY, DAY.plusDays(days - 1)));
    int good = 0;
    for (int d = 0; d < days; d++) {
      good += 2 * d + 1;
    }
    assertEquals(good + 20, r.rowsRead());
    assertEquals(20, r.rowsRejected());
    var rejects = DeltaWriter.read(spark, SourceEntities.POS_SALES.table().rejects(), cfg.paths().warehouse())
        .collectAsList();
    assertEquals(20, rejects.size());
    for (Row x : rejects) {
      String file = x.getString(x.fieldIndex("_source_file"));
      int d = Integer.parseInt(file.replaceAll(".*dt=2026-05-(\\d\\d).*", "$1")) - 1;
      int f = file.endsWith("sales-00001.csv") ? 1 : 0;
      assertEquals(2L + d + f, x.getLong(x.fieldIndex("_line_no")), file);
    }
    var audit = DeltaWriter.read(spark, IngestAudit.TABLE, cfg.paths().warehouse()).collectAsList();
    assertEquals(20, audit.size(), "one audit row per file");
    for (Row a : audit) {
      assertEquals(1L, a.getLong(a.fieldIndex("rows_rejected")), a.toString());
    }
  }

  @Test
  void rerunningSameDateReplacesInsteadOfAppending() throws IOException {
    Path landing = tmp.resolve("landing");
    writePosDay(landing);
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));
    run(cfg, DateRange.of(DAY));
    Dataset<Row> before = snapshot(withoutIngestTime(SourceEntities.POS_SALES.table(), cfg.paths().warehouse()));

    run(cfg, DateRange.of(DAY));

    assertSameRows("bronze table after the rerun", before,
        withoutIngestTime(SourceEntities.POS_SALES.table(), cfg.paths().warehouse()));
    assertEquals(6, DeltaWriter.read(spark, SourceEntities.POS_SALES.table().rejects(), cfg.paths().warehouse()).count());
    assertEquals(1, DeltaWriter.read(spark, IngestAudit.TABLE, cfg.paths().warehouse()).count());
  }

  @Test
  void missingFolderIsAWarningByDefaultAndKeepsEarlierData() throws IOException {
    Path landing = tmp.resolve("landing");
    writePosDay(landing);
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));
    run(cfg, DateRange.of(DAY));

    JobResult r = run(cfg, new DateRange(DAY, DAY.plusDays(1)));

    assertEquals(1, r.warnings().stream().filter(w -> w.contains("no landing folder") && w.contains("dt=2026-05-02")).count());
    assertEquals(2, DeltaWriter.read(spark, SourceEntities.POS_SALES.table(), cfg.paths().warehouse()).count());
    Row missing = DeltaWriter.read(spark, IngestAudit.TABLE, cfg.paths().warehouse()).where("run_date = DATE'2026-05-02'").first();
    assertEquals("missing", missing.getString(missing.fieldIndex("status")));
  }

  @Test
  void missingFolderFailsWhenConfiguredAsError() {
    AppConfig cfg = TestSpark.config(tmp.resolve("landing"), tmp.resolve("wh"),
        Map.of("onecustomer.ingest.missing-source", "error"));
    QualityException e = assertThrows(QualityException.class, () -> run(cfg, DateRange.of(DAY)));
    assertTrue(e.getMessage().contains("pos/dt=2026-05-01"), e.getMessage());
    assertTrue(!DeltaWriter.exists(spark, SourceEntities.POS_SALES.table(), cfg.paths().warehouse()));
  }

  @Test
  void aFileWithoutARequiredColumnFailsTheJobBeforeAnyCommitAndTheDriftIsRecorded() throws IOException {
    Path landing = tmp.resolve("landing");
    write(landing, "pos", DAY, "sales-00000.csv", utf8(
        "receipt,line,store,time,card,phone,sku,qty,price,discount,amount,pay",
        "R1,1,S01,2026/05/01 10:00,,,ST-000001,2,10.00,1.00,19.00,CASH"));
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));
    QualityException e = assertThrows(QualityException.class, () -> run(cfg, DateRange.of(DAY)));
    assertTrue(e.getMessage().matches("pos/sales: file:\\S*/pos/dt=2026-05-01/sales-00000\\.csv lacks required column\\(s\\)"
        + " line_amount, line_no, receipt_no, sale_time, store_id, store_sku, unit_price on all its 1 line\\(s\\)\\. The export"
        + " changed: nothing was committed to bronze\\.pos_sales \\(the drift is in ops\\.schema_drift\\); fix the"
        + " file, or the declaration in SourceEntities"), e.getMessage());
    assertTrue(!DeltaWriter.exists(spark, SourceEntities.POS_SALES.table(), cfg.paths().warehouse()));
    assertTrue(!DeltaWriter.exists(spark, SourceEntities.POS_SALES.table().rejects(), cfg.paths().warehouse()));
    List<Row> drift = DeltaWriter.read(spark, BronzeTables.SCHEMA_DRIFT.id(), cfg.paths().warehouse())
        .where("change = 'added'").orderBy("column_name").collectAsList();
    assertEquals(List.of("amount", "card", "line", "pay", "price", "receipt", "sku", "store", "time"),
        drift.stream().map(r -> r.getString(r.fieldIndex("column_name"))).toList());
  }

  /**
   * A reordered header reads by name, an added column is kept in the row and recorded, a missing
   * optional column reads as null; a rerun of the day without drift clears the day's record.
   */
  @Test
  void csvColumnsAreReadByNameAndAddedOrMissingOptionalColumnsAreRecordedNotLost() throws IOException {
    Path landing = tmp.resolve("landing");
    write(landing, "pos", DAY, "sales-00000.csv", utf8(
        "line_no,receipt_no,store_id,sale_time,member_card,store_sku,qty,unit_price,discount,line_amount,pay_type,coupon_code",
        "1,R1,S01,2026/05/01 10:00,MC00000001,ST-000001,2,10.00,1.00,19.00,CASH,SPRING10",
        "2,R1,S01,2026/05/01 10:00,MC00000001,ST-000002,1,5.50,,5.50,CASH,",
        "1,R2,S01,2026/05/01 11:00,,ST-000001,x,10.00,0,10.00,CARD,Q1"));
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));
    JobResult r = run(cfg, DateRange.of(DAY));
    assertEquals(3, r.rowsRead());
    assertEquals(1, r.rowsRejected());
    String wh = cfg.paths().warehouse();
    List<Row> rows = DeltaWriter.read(spark, SourceEntities.POS_SALES.table(), wh).orderBy("line_no").collectAsList();
    assertEquals(List.of("R1", "R1"), rows.stream().map(x -> x.getString(x.fieldIndex("receipt_no"))).toList());
    assertEquals(List.of(2, 1), rows.stream().map(x -> x.getInt(x.fieldIndex("qty"))).toList());
    assertEquals(null, rows.get(0).get(rows.get(0).fieldIndex("phone")));
    assertEquals("{\"coupon_code\":\"SPRING10\"}", rows.get(0).getString(rows.get(0).fieldIndex("_extra_fields")));
    assertTrue(rows.get(1).isNullAt(rows.get(1).fieldIndex("_extra_fields")), "an empty extra value is not kept");
    Row rej = DeltaWriter.read(spark, SourceEntities.POS_SALES.table().rejects(), wh).first();
    assertEquals("unparseable_number: qty='x'", rej.getString(rej.fieldIndex("reason")));

    assertEquals(List.of("coupon_code added 3", "phone missing_optional 3"),
        DeltaWriter.read(spark, BronzeTables.SCHEMA_DRIFT.id(), wh).orderBy("column_name").collectAsList().stream()
            .map(x -> x.getString(x.fieldIndex("column_name")) + " " + x.getString(x.fieldIndex("change")) + " "
                + x.getLong(x.fieldIndex("lines"))).toList());

    write(landing, "pos", DAY, "sales-00000.csv", utf8(HEADER,
        "R1,1,S01,2026/05/01 10:00,MC00000001,,ST-000001,2,10.00,1.00,19.00,CASH"));
    run(cfg, DateRange.of(DAY));
    assertEquals(0, DeltaWriter.read(spark, BronzeTables.SCHEMA_DRIFT.id(), wh).count());
  }

  @Test
  void jsonFieldsBeyondTheDeclarationAreKeptAndARecordWithoutARequiredFieldIsRejectedNamingIt() throws IOException {
    Path landing = tmp.resolve("landing");
    write(landing, "miniprogram", DAY, "orders-00000.jsonl", utf8(
        "{\"order_no\":\"O1\",\"item_seq\":1,\"openid\":\"o1\",\"sku\":\"MP-1\",\"qty\":1,\"amount_fen\":990,"
            + "\"pay_time\":\"2026-05-01T10:00:00+08:00\",\"status\":\"PAID\",\"coupon\":{\"id\":\"C7\"}}",
        "{\"order_no\":\"O2\",\"item_seq\":1,\"openid\":\"o2\",\"qty\":1,\"amount_fen\":990,"
            + "\"pay_time\":\"2026-05-01T10:00:00+08:00\",\"status\":\"PAID\"}"));
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));
    JobResult r = new BronzeIngestJob(SourceEntities.MINIPROGRAM_ORDERS)
        .run(new JobContext(spark, cfg, DateRange.of(DAY), Instant.parse("2026-05-02T01:00:00Z")));
    assertEquals(1, r.rowsWritten());
    assertEquals(1, r.rowsRejected());
    String wh = cfg.paths().warehouse();
    Row ok = DeltaWriter.read(spark, SourceEntities.MINIPROGRAM_ORDERS.table(), wh).first();
    assertEquals("{\"coupon\":\"{\\\"id\\\":\\\"C7\\\"}\"}", ok.getString(ok.fieldIndex("_extra_fields")));
    Row rej = DeltaWriter.read(spark, SourceEntities.MINIPROGRAM_ORDERS.table().rejects(), wh).first();
    assertEquals("missing_column: the record has no field 'sku' (required)", rej.getString(rej.fieldIndex("reason")));
    assertEquals(2L, rej.getLong(rej.fieldIndex("_line_no")));
    assertEquals(List.of("coupon added 1", "sku missing_required 1"),
        DeltaWriter.read(spark, BronzeTables.SCHEMA_DRIFT.id(), wh).orderBy("column_name").collectAsList().stream()
            .map(x -> x.getString(x.fieldIndex("column_name")) + " " + x.getString(x.fieldIndex("change")) + " "
                + x.getLong(x.fieldIndex("lines"))).toList());
  }

  @Test
  void aLineLongerThanTheLimitIsRejectedWithItsFirstKibAndTheLinesAfterItKeepTheirNumbers() throws IOException {
    Path landing = tmp.resolve("landing");
    write(landing, "pos", DAY, "sales-00000.csv", utf8(HEADER,
        "R1,1,S01,2026/05/01 10:00,,,ST-000001,2,10.00,1.00,19.00,CASH",
        "R2," + "x".repeat(100_000),
        "R3,1,S01,2026/05/01 11:00,,,ST-000001,1,10.00,,10.00,CARD"));
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"), Map.of("onecustomer.ingest.max-line-bytes", "2KiB"));
    JobResult r = run(cfg, DateRange.of(DAY));
    assertEquals(List.of(3L, 2L, 1L), List.of(r.rowsRead(), r.rowsWritten(), r.rowsRejected()));
    String wh = cfg.paths().warehouse();
    Row rej = DeltaWriter.read(spark, SourceEntities.POS_SALES.table().rejects(), wh).first();
    assertEquals("line_too_long: 100004 bytes with its line end, more than ingest.max-line-bytes = 2048 (the first 1024"
        + " bytes are kept in raw_line and raw_base64)", rej.getString(rej.fieldIndex("reason")));
    assertEquals(1024, rej.getString(rej.fieldIndex("raw_line")).length());
    assertEquals(3L, rej.getLong(rej.fieldIndex("_line_no")));
    assertEquals(List.of(2L, 4L), DeltaWriter.read(spark, SourceEntities.POS_SALES.table(), wh).orderBy("_line_no")
        .select("_line_no").collectAsList().stream().map(x -> x.getLong(0)).toList());
  }

  /**
   * Delta's snapshot isolation, shown rather than assumed: a reader counting the table in a loop
   * while the day is replaced again and again (3 rows, then 5, then 3, ...) only ever sees a whole
   * version of the day.
   */
  @Test
  void aReaderDuringReplacingWritesSeesOnlyWholeVersions() throws Exception {
    Path landing = tmp.resolve("landing");
    String three = String.join("\n", HEADER,
        "R1,1,S01,2026/05/01 10:00,,,ST-000001,2,10.00,1.00,19.00,CASH",
        "R1,2,S01,2026/05/01 10:00,,,ST-000002,1,5.50,,5.50,CASH",
        "R2,1,S01,2026/05/01 11:00,,,ST-000001,1,10.00,,10.00,CARD");
    String five = three + "\nR3,1,S01,2026/05/01 12:00,,,ST-000001,1,10.00,,10.00,CARD"
        + "\nR4,1,S01,2026/05/01 13:00,,,ST-000001,1,10.00,,10.00,CARD";
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));
    write(landing, "pos", DAY, "sales-00000.csv", utf8(three));
    run(cfg, DateRange.of(DAY));
    String path = SourceEntities.POS_SALES.table().path(cfg.paths().warehouse());
    java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Thread reader = new Thread(() -> {
      while (!done.get()) {
        seen.add(spark.read().format("delta").load(path).where("run_date = DATE'2026-05-01'").count());
        reads.incrementAndGet();
      }
    });
    reader.start();
    try {
      for (int i = 0; i < 4; i++) {
        write(landing, "pos", DAY, "sales-00000.csv", utf8(i % 2 == 0 ? five : three));
        run(cfg, DateRange.of(DAY));
      }
    } finally {
      done.set(true);
      reader.join();
    }
    assertTrue(reads.get() >= 4, "reads during the writes: " + reads.get());
    assertEquals(java.util.Set.of(3L, 5L), seen, "counts a reader saw in " + reads.get() + " reads");
  }

  /** A table written before its spec gained a column (here bronze's _extra_fields) takes the new column on the next write. */
  @Test
  void aTableWrittenBeforeItsSpecGainedAColumnIsEvolvedOnTheNextWrite() throws IOException {
    Path landing = tmp.resolve("landing");
    writePosDay(landing);
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));
    String wh = cfg.paths().warehouse();
    Dataset<Row> old = spark.createDataFrame(List.of(), BronzeTransforms.acceptedSchema(SourceEntities.POS_SALES))
        .drop("_extra_fields");
    old.write().format("delta").partitionBy("run_date").save(SourceEntities.POS_SALES.table().path(wh));
    run(cfg, DateRange.of(DAY));
    assertTrue(List.of(DeltaWriter.read(spark, SourceEntities.POS_SALES.table(), wh).columns()).contains("_extra_fields"));
  }

  @Test
  void aReportDateInTheFutureIsRejectedLikeAFutureTimestamp() throws IOException {
    Path landing = tmp.resolve("landing");
    write(landing, "distributor", DAY, "sellout-00000.csv", utf8(
        SourceEntities.DISTRIBUTOR_SELLOUT.csvHeader(),
        "2026-05-01,D01,East,DS-000001,3,9.50,Mart A",
        "2026-05-02,D01,East,DS-000001,3,9.50,Mart B",
        "2026-06-20,D01,East,DS-000001,3,9.50,Mart C"));
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));
    JobResult r = new BronzeIngestJob(SourceEntities.DISTRIBUTOR_SELLOUT)
        .run(new JobContext(spark, cfg, DateRange.of(DAY), Instant.parse("2026-05-02T01:00:00Z")));
    assertEquals(2, r.rowsWritten(), "the next day is within the one-day tolerance");
    Row rej = DeltaWriter.read(spark, SourceEntities.DISTRIBUTOR_SELLOUT.table().rejects(), cfg.paths().warehouse()).first();
    assertEquals("future_timestamp", rej.getString(rej.fieldIndex("reason_code")));
    assertEquals(4L, rej.getLong(rej.fieldIndex("_line_no")));
  }

  /** Two days of POS sales: the first with one bad line, the second clean. */
  private void writeTwoDays(Path landing, LocalDate day1, LocalDate day2) throws IOException {
    write(landing, "pos", day1, "sales-00000.csv", utf8(HEADER,
        "R1,1,S01," + day1.toString().replace('-', '/') + " 10:00,,,ST-000001,2,10.00,1.00,19.00,CASH",
        "R2,1,S01," + day1.toString().replace('-', '/') + " 11:00,,,ST-000001,two,10.00,0,10.00,CARD"));
    write(landing, "pos", day2, "sales-00000.csv", utf8(HEADER,
        "R3,1,S01," + day2.toString().replace('-', '/') + " 10:00,,,ST-000001,1,10.00,0,10.00,CASH",
        "R4,1,S01," + day2.toString().replace('-', '/') + " 12:00,,,ST-000002,3,5.00,0,15.00,CARD"));
  }

  @Test
  void aDayWithoutRejectsAfterADayWithRejectsReconciles() throws IOException {
    LocalDate day2 = DAY.plusDays(1);
    Path landing = tmp.resolve("landing");
    writeTwoDays(landing, DAY, day2);
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));
    JobResult first = new BronzeIngestJob(SourceEntities.POS_SALES)
        .run(new JobContext(spark, cfg, DateRange.of(DAY), Instant.parse("2026-05-02T01:00:00Z")));
    assertEquals(1, first.rowsRejected());

    // The rejects table's latest commit now holds one row; a clean day writes none and must not
    // read that commit's count as its own (it once did, and failed reconciliation every such day).
    JobResult second = new BronzeIngestJob(SourceEntities.POS_SALES)
        .run(new JobContext(spark, cfg, DateRange.of(day2), Instant.parse("2026-05-03T01:00:00Z")));
    JobResult rerun = new BronzeIngestJob(SourceEntities.POS_SALES)
        .run(new JobContext(spark, cfg, DateRange.of(day2), Instant.parse("2026-05-03T02:00:00Z")));

    for (JobResult r : List.of(second, rerun)) {
      assertEquals(2, r.rowsRead());
      assertEquals(2, r.rowsWritten());
      assertEquals(0, r.rowsRejected());
    }
    String wh = cfg.paths().warehouse();
    assertEquals(3, DeltaWriter.read(spark, SourceEntities.POS_SALES.table(), wh).count());
    assertEquals(1, DeltaWriter.read(spark, SourceEntities.POS_SALES.table().rejects(), wh).count());
  }

  /**
   * A failure after the bronze table's commit and before its side tables' leaves all three as they
   * were before the job: readers never see accepted rows whose rejects and audit are missing.
   */
  @Test
  void aFailureBetweenTheTableAndItsSideTablesLeavesEveryTableAsItWas() throws IOException {
    LocalDate day2 = DAY.plusDays(1);
    Path landing = tmp.resolve("landing");
    writeTwoDays(landing, DAY, day2);
    AppConfig cfg = TestSpark.config(landing, tmp.resolve("wh"));
    String wh = cfg.paths().warehouse();
    run(cfg, DateRange.of(DAY));
    List<io.onecustomer.common.TableId> tables = List.of(SourceEntities.POS_SALES.table(),
        SourceEntities.POS_SALES.table().rejects(), IngestAudit.TABLE);
    Map<io.onecustomer.common.TableId, Dataset<Row>> before = new java.util.LinkedHashMap<>();
    tables.forEach(t -> before.put(t, snapshot(withoutIngestTime(t, wh))));

    for (String point : List.of("bronze_after_table", "bronze_after_rejects")) {
      System.setProperty(io.onecustomer.jobs.Faults.PROPERTY, point);
      try {
        var e = assertThrows(io.onecustomer.jobs.Faults.InjectedFault.class, () -> run(cfg, new DateRange(DAY, day2)));
        assertTrue(e.getMessage().contains(point));
      } finally {
        System.clearProperty(io.onecustomer.jobs.Faults.PROPERTY);
      }
      for (var t : tables) {
        assertSameRows(t + " after a failure at " + point, before.get(t), withoutIngestTime(t, wh));
      }
    }
    // The next run repairs nothing by hand: it simply runs.
    JobResult r = run(cfg, new DateRange(DAY, day2));
    assertEquals(4, r.rowsRead());
    assertEquals(3, DeltaWriter.read(spark, SourceEntities.POS_SALES.table(), wh).count());
  }

  /** A table without its ingestion time, which a rerun changes by design. */
  private static Dataset<Row> withoutIngestTime(io.onecustomer.common.TableId t, String wh) {
    return DeltaWriter.read(spark, t, wh).drop("_ingested_at", "ingested_at");
  }

  /** The rows of {@code df} now, as a DataFrame that later commits to its table cannot change. */
  private static Dataset<Row> snapshot(Dataset<Row> df) {
    return spark.createDataFrame(df.collectAsList(), df.schema());
  }

  /** Same schema and the same rows, duplicates counted, in any order (spark-testing-base). */
  private static void assertSameRows(String what, Dataset<Row> expected, Dataset<Row> actual) {
    try {
      FRAMES.assertDataFrameNoOrderEquals(expected, actual);
    } catch (AssertionError e) {
      throw new AssertionError(what + ": " + e.getMessage(), e);
    }
  }
}
