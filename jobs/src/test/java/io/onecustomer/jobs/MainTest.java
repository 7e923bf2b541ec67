package io.onecustomer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void runDateIsAOneDayRange() {
    Main.Args a = Main.Args.parse(new String[] {"--job", "nightly", "--run-date", "2026-05-01"});
    assertEquals(DateRange.of(LocalDate.of(2026, 5, 1)), a.range());
  }

  @Test
  void backfillTakesFromAndTo() {
    Main.Args a = Main.Args.parse(new String[] {"--job", "backfill", "--from", "2026-05-01", "--to", "2026-05-31",
        "--conf", "ingest.missing-source=error"});
    assertEquals(31, a.range().length());
    assertEquals("error", a.overrides().get("ingest.missing-source"));
  }

  @Test
  void summaryIsAFlagWithoutValue() {
    Main.Args a = Main.Args.parse(new String[] {"--summary", "--job", "nightly", "--run-date", "2026-05-01"});
    assertTrue(a.summary());
    assertEquals("nightly", a.job());
  }

  @Test
  void badDateNamesTheOptionAndValue() {
    var e = assertThrows(Main.UsageException.class,
        () -> Main.Args.parse(new String[] {"--job", "nightly", "--run-date", "2026-13-01"}));
    assertEquals("--run-date must be a date like 2026-05-01, got '2026-13-01'", e.getMessage());
  }

  @Test
  void eraseTakesOnePersonAndNoDates() {
    Main.Args a = Main.Args.parse(new String[] {"--job", "erase", "--customer-id", "C0123"});
    assertEquals("C0123", a.customerId());
    assertEquals("phone:13812345678",
        Main.Args.parse(new String[] {"--job", "erase", "--identifier", "phone:13812345678"}).identifier());
    assertThrows(Main.UsageException.class, () -> Main.Args.parse(new String[] {"--job", "erase"}));
    assertThrows(Main.UsageException.class, () -> Main.Args.parse(
        new String[] {"--job", "erase", "--customer-id", "C1", "--identifier", "email:a@b.cn"}));
    assertThrows(Main.UsageException.class, () -> Main.Args.parse(
        new String[] {"--job", "erase", "--customer-id", "C1", "--run-date", "2026-05-01"}));
    assertThrows(Main.UsageException.class, () -> Main.Args.parse(
        new String[] {"--job", "nightly", "--run-date", "2026-05-01", "--customer-id", "C1"}));
    var e = assertThrows(IllegalArgumentException.class,
        () -> io.onecustomer.jobs.erasure.Erasure.Request.parse(null, "fax:123"));
    assertEquals("--identifier type 'fax' is not an identifier type", e.getMessage());
  }

  @Test
  void aBackfillCanBeFollowedByItsNextNightInTheSameRun() {
    Main.Args a = Main.Args.parse(new String[] {"--job", "backfill", "--from", "2026-05-01", "--to", "2026-05-31",
        "--then-nightly", "2026-06-01"});
    assertEquals(java.time.LocalDate.of(2026, 6, 1), a.thenNightly());
    assertThrows(Main.UsageException.class, () -> Main.Args.parse(new String[] {"--job", "nightly", "--run-date",
        "2026-05-01", "--then-nightly", "2026-05-02"}));
    Main.UsageException early = assertThrows(Main.UsageException.class, () -> Main.Args.parse(new String[] {"--job",
        "backfill", "--from", "2026-05-01", "--to", "2026-05-31", "--then-nightly", "2026-05-31"}));
    assertTrue(early.getMessage().contains("must come after"), early.getMessage());
  }

  @Test
  void nightlyRefusesARange() {
    var e = assertThrows(Main.UsageException.class,
        () -> Main.Args.parse(new String[] {"--job", "nightly", "--from", "2026-05-01", "--to", "2026-05-02"}));
    assertTrue(e.getMessage().contains("backfill"), e.getMessage());
  }

  @Test
  void reversedRangeIsAUsageError() {
    var e = assertThrows(Main.UsageException.class,
        () -> Main.Args.parse(new String[] {"--job", "backfill", "--from", "2026-05-02", "--to", "2026-05-01"}));
    assertTrue(e.getMessage().contains("before its start"), e.getMessage());
  }

  @Test
  void unknownJobAndBadConfigExitWithTwoAndSayWhy() {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, Main.run(new String[] {"--job", "no_such_job", "--run-date", "2026-05-01"}));
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown job 'no_such_job'"), err.toString());
      err.reset();
      assertEquals(2, Main.run(new String[] {"--job", "gold_customers,no_such_job", "--run-date", "2026-05-01"}));
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown job 'no_such_job'"), err.toString());
      err.reset();
      assertEquals(2, Main.run(new String[] {"--job", "nightly", "--run-date", "2026-05-01",
          "--conf", "ingest.future-tolerance-days=-3"}));
      assertTrue(err.toString(StandardCharsets.UTF_8)
          .contains("onecustomer.ingest.future-tolerance-days must be between 0 and 365, got -3"), err.toString());
      err.reset();
      assertEquals(2, Main.run(new String[] {"--job", "nightly", "--run-date", "2026-05-01", "--env", "nowhere"}));
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown environment 'nowhere'"), err.toString());
    } finally {
      System.setErr(old);
    }
  }

  /** --help answers on standard output with exit 0: the options, the exit codes and every job with its table. */
  @Test
  void helpListsTheOptionsAndEveryJobWithItsTable() {
    Ran r = run(Map.of(), "", "--help");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("usage: --job "), r.out());
    assertTrue(r.out().contains("--config FILE") && r.out().contains("exit codes"), r.out());
    for (Job j : JobRegistry.standard().all()) {
      assertTrue(r.out().matches("(?s).*\\n  " + j.id() + " +-> " + java.util.regex.Pattern.quote(j.output().qualified()) + "\\n.*"),
          j.id() + " missing from --help");
    }
  }

  /**
   * A production run whose environment file cannot be read stops with 2 while reading its
   * configuration: before a Spark session exists, so before anything could be written.
   */
  @Test
  void anUnreadableConfigFileExitsTwoBeforeAnyWrite(@TempDir Path tmp) {
    Path missing = tmp.resolve("site.conf");
    Ran r = run(Map.of("ONECUSTOMER_HASH_KEY", "k"), "", "--job", "nightly", "--run-date", "2026-05-01", "--env", "prod",
        "--config", missing.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("config file " + missing + " does not exist"), r.err());
  }

  /** Runs the entry point with this environment and standard input; returns exit code, stdout and stderr. */
  record Ran(int code, String out, String err) {}

  static Ran run(Map<String, String> env, String stdin, String... argv) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(argv, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void aMissingProductionSecretStopsTheRunBeforeAnythingIsWritten(@TempDir Path dir) {
    Path wh = dir.resolve("warehouse");
    for (String job : List.of("nightly", "erase", "rotate-hash-key")) {
      List<String> argv = new ArrayList<>(List.of("--job", job, "--env", "prod", "--conf", "paths.warehouse=" + wh,
          "--conf", "paths.landing=" + dir.resolve("landing")));
      argv.addAll(job.equals("nightly") ? List.of("--run-date", "2026-05-01")
          : job.equals("erase") ? List.of("--identifier-file", "-") : List.of());
      Ran r = run(Map.of(), "phone:13812345678\n", argv.toArray(new String[0]));
      assertEquals(2, r.code(), job + ": " + r.err());
      assertTrue(r.err().contains("environment variable ONECUSTOMER_HASH_KEY must hold the identifier hashing key"),
          r.err());
      assertFalse(Files.exists(wh), job + " wrote " + wh);
    }
    Ran noNewKey = run(Map.of("ONECUSTOMER_HASH_KEY", "k1"), "", "--job", "rotate-hash-key", "--env", "prod",
        "--conf", "paths.warehouse=" + wh);
    assertEquals(2, noNewKey.code());
    assertEquals("onecustomer: environment variable ONECUSTOMER_HASH_KEY_NEW must hold the new identifier hashing key"
        + " for --job rotate-hash-key\n", noNewKey.err());
    assertFalse(Files.exists(wh));
  }

  @Test
  void eraseReadsTheIdentifierFromStandardInputOrAFileAndNeverEchoesIt(@TempDir Path dir) throws Exception {
    Main.Args a = Main.Args.parse(new String[] {"--job", "erase", "--identifier-file", "-"});
    assertEquals("-", a.identifierFile());
    assertThrows(Main.UsageException.class, () -> Main.Args.parse(
        new String[] {"--job", "erase", "--identifier-file", "-", "--customer-id", "C1"}));
    assertEquals("phone:13812345678", Main.identifierFrom("-",
        new ByteArrayInputStream("\n  phone:13812345678 \nignored\n".getBytes(StandardCharsets.UTF_8))));
    Path f = dir.resolve("who.txt");
    Files.writeString(f, "email:li.wei@example.com\n");
    assertEquals("email:li.wei@example.com", Main.identifierFrom(f.toString(), InputStream.nullInputStream()));
    var empty = assertThrows(Main.UsageException.class, () -> Main.identifierFrom("-", InputStream.nullInputStream()));
    assertEquals("--identifier-file - holds no identifier (type:value)", empty.getMessage());

    // A malformed identifier is refused without repeating it (error messages end up in logs).
    Ran bad = run(Map.of(), "13999990000\n", "--job", "erase", "--identifier-file", "-",
        "--conf", "paths.warehouse=" + dir.resolve("w"));
    assertEquals(2, bad.code(), bad.err());
    assertFalse(bad.err().contains("13999990000"), bad.err());
    assertTrue(bad.err().contains("the identifier to erase is type:value"), bad.err());
    assertFalse(new io.onecustomer.jobs.erasure.Erasure.Request(null, "phone", "+8613812345678").toString()
        .contains("13812345678"));
  }
}
