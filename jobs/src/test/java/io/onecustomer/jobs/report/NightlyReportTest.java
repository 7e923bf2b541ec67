package io.onecustomer.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onecustomer.common.TableId;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.Types;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobRegistry;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.Main;
import io.onecustomer.jobs.MainAccess;
import io.onecustomer.jobs.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly report around the runner: a failed night has a report naming the failed job, and
 * data from the tables never becomes markup in the page. (That every chart draws its data in a
 * browser is checked on a full night in AnalyticsIT.)
 */
class NightlyReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate DAY = LocalDate.of(2026, 5, 20);

  /** A job that writes nothing and succeeds, or fails with a message. */
  private record Step(String id, List<String> deps, String failure) implements Job {
    @Override
    public TableSpec spec() {
      return specOf(id);
    }

    @Override
    public List<TableSpec> inputs() {
      return deps.stream().map(Step::specOf).toList();
    }

    @Override
    public JobResult run(JobContext ctx) {
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
      return new JobResult(id, output(), ctx.range(), 0, 1, 0, 0, List.of());
    }

    static TableSpec specOf(String id) {
      return TableSpec.table(new TableId("test", id)).grain("A test table.")
          .column("x", Types.INT, "A value").replaceAll().writtenBy(id).build();
    }
  }

  @Test
  void aFailedNightStillWritesItsReportNamingTheFailedJobAndWhy(@TempDir Path dir) throws Exception {
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("wh"), Map.of("onecustomer.runner.parallelism", "1"));
    JobRegistry jobs = new JobRegistry(List.of(new Step("test_a", List.of(), null),
        new Step("test_b", List.of("test_a"), "landing file crm/dt=2026-05-20 is missing")));
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = MainAccess.execute(Main.Args.parse(new String[] {"--job", "nightly", "--run-date", DAY.toString()}), cfg,
          jobs, TestSpark::session);
    } finally {
      System.setOut(oldOut);
    }
    assertEquals(1, code);
    Path json = dir.resolve("wh/reports/" + DAY + "/report.json");
    assertTrue(Files.isRegularFile(json), "no report after a failed night: " + out);
    assertTrue(Files.isRegularFile(dir.resolve("wh/reports/" + DAY + "/report.html")));
    JsonNode report = JSON.readTree(json.toFile());
    assertEquals(DAY.toString(), report.get("run_date").asText());
    List<String> statuses = new ArrayList<>();
    report.at("/sections/jobs").forEach(j -> statuses.add(j.get("job_id").asText() + " " + j.get("status").asText()));
    assertEquals(List.of("test_a succeeded", "test_b failed"), statuses);
    assertTrue(report.at("/sections/jobs/1/error").asText().contains("landing file crm/dt=2026-05-20 is missing"),
        report.at("/sections/jobs/1").toString());
    // Tables the run never wrote are empty sections, not a failed report.
    assertEquals(0, report.at("/sections/channel_daily").size());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("onecustomer: report for " + DAY + " written in"), out.toString());

    // The failed job alone again, now succeeding, as a scheduler retries a task: bin/report (no run
    // id) shows the latest run of each job.
    JobRegistry retried = new JobRegistry(List.of(new Step("test_a", List.of(), null), new Step("test_b", List.of("test_a"), null)));
    assertEquals(0, MainAccess.execute(Main.Args.parse(new String[] {"--job", "test_b", "--run-date", DAY.toString()}),
        cfg, retried, TestSpark::session));
    NightlyReport.write(TestSpark.session(), cfg.paths().warehouse(), DAY, null);
    statuses.clear();
    JSON.readTree(json.toFile()).at("/sections/jobs").forEach(j -> statuses.add(j.get("job_id").asText() + " "
        + j.get("status").asText()));
    assertEquals(List.of("test_a succeeded", "test_b succeeded"), statuses);
  }

  @Test
  void aBackfillThatFailsWritesNoReportForTheNightThatNeverStarted(@TempDir Path dir) {
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("wh"), Map.of("onecustomer.runner.parallelism", "1"));
    JobRegistry jobs = new JobRegistry(List.of(new Step("test_a", List.of(), "landing file missing")));
    int code = MainAccess.execute(Main.Args.parse(new String[] {"--job", "backfill", "--from", DAY.toString(), "--to",
        DAY.toString(), "--then-nightly", DAY.plusDays(1).toString()}), cfg, jobs, TestSpark::session);
    assertEquals(1, code);
    assertFalse(Files.exists(dir.resolve("wh/reports")), "a report for a night that never ran");
  }

  @Test
  void valuesThatLookLikeMarkupStayDataInThePage() throws Exception {
    ObjectNode data = JSON.createObjectNode();
    data.put("run_date", DAY.toString());
    String hostile = "</script><img src=x onerror=alert(1)><!--";
    data.putObject("sections").putArray("alerts").addObject().put("subject", hostile).put("detail", "a & b < c");
    String page = NightlyReport.page(data);

    String open = "<script id=\"report-data\" type=\"application/json\">";
    int from = page.indexOf(open) + open.length();
    String inline = page.substring(from, page.indexOf("</script>", from));
    assertEquals(data, JSON.readTree(inline), "the data element holds exactly the report's data");
    assertFalse(page.contains(hostile), "the value reached the page as markup");
    // Offline: no script, style or image is fetched from anywhere.
    assertFalse(page.matches("(?s).*(src|href)=\"(https?:)?//.*"), "the page loads something from the network");
    assertTrue(page.contains("echarts"), "the charting library is inlined");
  }
}
