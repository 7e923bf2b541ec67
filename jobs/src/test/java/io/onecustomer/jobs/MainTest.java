package io.onecustomer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import java.io.ByteArrayOutputStream;
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
}
