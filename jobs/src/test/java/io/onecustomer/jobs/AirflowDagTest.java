package io.onecustomer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onecustomer.common.config.AppConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow DAG's task graph is the registry's job graph: the DAG takes it from the module
 * generated from the specs (TableDocsTest checks that module is current) and lists no job itself.
 */
class AirflowDagTest {
  static final Map<String, String> VARIABLES = Map.of(
      "onecustomer_spark_master", "spark://spark-master:7077",
      "onecustomer_jar", "/opt/onecustomer/onecustomer-jobs-spark.jar",
      "onecustomer_config", "/etc/onecustomer/site.conf",
      "onecustomer_landing", "s3a://acme-cdp-landing/landing");

  @TempDir Path tmp;

  /**
   * The nightly DAG's graph is the registry's: every job is a task (the bronze jobs one submission,
   * the weekly training left to its own DAG), each after exactly the tasks of its inputs; a guard,
   * then one landing sensor per source, come first, the report last. Every rendered command line is
   * a client-mode spark-submit with --config from the Variable, names only registered jobs, and its
   * --conf keys are settings the configuration knows (loading it would exit 2 otherwise).
   */
  @Test
  void theDagsBuildTheRegistrysGraphAndRenderRunnableCommandLines() throws Exception {
    AirflowDags.Run run = AirflowDags.render(tmp, "2026-05-02", VARIABLES);
    assertEquals(0, run.code(), run.err());
    JsonNode dags = run.json().get("dags");
    assertEquals(Set.of("onecustomer_nightly", "onecustomer_training", "onecustomer_backfill", "onecustomer_erasure"),
        names(dags));
    JobRegistry registry = JobRegistry.standard();
    JsonNode nightly = dags.get("onecustomer_nightly").get("tasks");
    Map<String, String> taskOf = new LinkedHashMap<>();
    for (Job j : registry.inDependencyOrder()) {
      if (!j.id().equals("gold_model_metrics")) {
        taskOf.put(j.id(), j.id().startsWith("bronze_") ? "bronze" : j.id());
      }
    }
    Set<String> sources = new TreeSet<>();
    registry.all().stream().map(Job::id).filter(id -> id.startsWith("bronze_"))
        .forEach(id -> sources.add(id.substring("bronze_".length(), id.lastIndexOf('_'))));
    Set<String> expected = new TreeSet<>(taskOf.values());
    sources.forEach(src -> expected.add("landing_" + src));
    expected.addAll(List.of("wait_for_no_other_run", "report"));
    assertEquals(expected, names(nightly));
    for (Job j : registry.all()) {
      String task = taskOf.get(j.id());
      if (task == null || task.equals("bronze")) {
        continue;
      }
      Set<String> inputs = new TreeSet<>();
      registry.dependsOn(j).stream().map(taskOf::get).filter(java.util.Objects::nonNull).forEach(inputs::add);
      assertEquals(inputs, upstream(nightly, task), task + "'s upstream tasks");
    }
    Set<String> sensors = new TreeSet<>();
    sources.forEach(src -> sensors.add("landing_" + src));
    assertEquals(sensors, upstream(nightly, "bronze"));
    assertEquals("none_failed", nightly.get("bronze").get("trigger_rule").asText(), "an optional source's skip must not stop bronze");
    for (String sensor : sensors) {
      assertEquals(Set.of("wait_for_no_other_run"), upstream(nightly, sensor));
      JsonNode t = nightly.get(sensor);
      assertEquals("s3://acme-cdp-landing/landing/" + sensor.substring("landing_".length()) + "/dt=2026-05-02/*",
          t.get("rendered").get("bucket_key").asText());
      assertTrue(t.get("kwargs").get("timeout").asInt() > 0 && t.get("kwargs").get("mode").asText().equals("reschedule"), sensor);
    }
    for (String optional : List.of("landing_service", "landing_clickstream", "landing_ad_spend")) {
      assertTrue(nightly.get(optional).get("kwargs").get("soft_fail").asBoolean(), optional + " is optional");
    }
    assertTrue(!nightly.get("landing_pos").get("kwargs").get("soft_fail").asBoolean(), "a store day without its sales must hold the night");
    assertEquals(new TreeSet<>(taskOf.values()), upstream(nightly, "report"));
    assertEquals("all_done", nightly.get("report").get("trigger_rule").asText());
    assertTrue(nightly.get("report").get("kwargs").has("sla"), "the report has an SLA");

    // Schedules in the brand's zone, one run at a time, retries with back-off, a failure hook.
    AppConfig prod = AppConfig.load("prod", null, new File("../conf"), Map.of());
    for (String d : names(dags)) {
      JsonNode settings = dags.get(d).get("settings");
      assertEquals(prod.timezone().getId(), settings.get("start_date").get("tz").asText(), d + " start_date's zone");
      assertEquals(1, settings.get("max_active_runs").asInt(), d);
      JsonNode defaults = settings.get("default_args");
      assertTrue(defaults.get("retries").asInt() >= 1 && defaults.get("retry_exponential_backoff").asBoolean(), d);
      assertEquals("notify_failure", defaults.get("on_failure_callback").asText(), d);
      JsonNode tasks = dags.get(d).get("tasks");
      assertTrue(tasks.has("wait_for_no_other_run"), d + " must not overlap the other writers");
      assertEquals(Set.of(), upstream(tasks, "wait_for_no_other_run"), d + ": the guard comes first");
    }
    assertEquals("30 2 * * *", dags.get("onecustomer_nightly").get("settings").get("schedule").asText());
    assertTrue(dags.get("onecustomer_nightly").get("settings").get("catchup").asBoolean(), "idempotent tasks may catch up");
    assertEquals("0 4 * * 0", dags.get("onecustomer_training").get("settings").get("schedule").asText(), "weekly training");

    // Every command line, rendered.
    int commands = 0;
    Pattern conf = Pattern.compile(" --conf (\\S+?)=(\\S+)");
    for (String d : names(dags)) {
      JsonNode tasks = dags.get(d).get("tasks");
      for (String t : names(tasks)) {
        JsonNode bash = tasks.get(t).get("rendered").get("bash_command");
        if (bash == null) {
          continue;
        }
        String cmd = bash.asText();
        System.out.println("airflow " + d + "." + t + ": " + cmd);
        commands++;
        assertTrue(cmd.contains(" --master \"spark://spark-master:7077\" --deploy-mode client "), cmd);
        String ours = cmd.substring(cmd.indexOf("\"/opt/onecustomer/onecustomer-jobs-spark.jar\"") + 1);
        assertTrue(ours.contains(" --env prod --config \"/etc/onecustomer/site.conf\""), cmd);
        Matcher job = Pattern.compile(" --job (\\S+)").matcher(ours);
        assertTrue(job.find(), cmd);
        for (String id : job.group(1).split(",")) {
          if (!Set.of("report", "backfill", "erase").contains(id)) {
            registry.get(id); // throws for an unknown job
          }
        }
        Map<String, String> overrides = new HashMap<>();
        Matcher m = conf.matcher(ours);
        while (m.find()) {
          overrides.put(m.group(1), m.group(2));
        }
        AppConfig.load("prod", null, new File("../conf"), overrides); // an unknown key throws
      }
    }
    assertEquals(taskOf.values().stream().distinct().count() + 1 + 3, commands, "jobs, report, training, backfill, erasure");
    String training = dags.get("onecustomer_training").get("tasks").get("gold_model_metrics").get("rendered").get("bash_command").asText();
    assertTrue(training.endsWith("--job gold_model_metrics --run-date 2026-05-02 --conf value.training.retrain-every-days=1"), training);
    String erase = dags.get("onecustomer_erasure").get("tasks").get("erase").get("rendered").get("bash_command").asText();
    assertTrue(erase.contains("--identifier-file \"/secure/erasure/request.txt\"") && !erase.contains("--identifier "), erase);
  }

  /** A missing Variable fails the render naming it: --config is never silently dropped. */
  /**
   * The writers' guard (airflow/tests/test_guard.py, against stand-ins of Airflow's DagRun): one
   * run writes at a time, first started first; two runs waiting in their guards do not wait for each
   * other forever, and two guards poking at once cannot both pass.
   */
  @Test
  void theWritersGuardLetsOneRunWriteAtATimeFirstStartedFirst() throws Exception {
    AirflowDags.Run run = AirflowDags.python(tmp, AirflowDags.GUARD_TEST);
    System.out.println(run.err());
    assertEquals(0, run.code(), run.out() + run.err());
    Matcher ran = Pattern.compile("Ran (\\d+) tests").matcher(run.err());
    assertTrue(ran.find() && Integer.parseInt(ran.group(1)) >= 6, run.err());
    assertTrue(run.err().strip().endsWith("OK"), run.err());
  }

  @Test
  void aMissingConfigVariableFailsNamingIt() throws Exception {
    Map<String, String> vars = new HashMap<>(VARIABLES);
    vars.remove("onecustomer_config");
    AirflowDags.Run run = AirflowDags.render(tmp, "2026-05-02", vars);
    assertTrue(run.code() != 0, run.out());
    assertTrue(run.err().contains("onecustomer_config"), run.err());
  }

  private static Set<String> names(JsonNode object) {
    Set<String> s = new TreeSet<>();
    object.fieldNames().forEachRemaining(s::add);
    return s;
  }

  private static Set<String> upstream(JsonNode tasks, String task) {
    assertTrue(tasks.has(task), "no task " + task);
    Set<String> s = new TreeSet<>();
    tasks.get(task).get("upstream").forEach(n -> s.add(n.asText()));
    return s;
  }
  @Test
  void dagTakesItsTasksFromTheGeneratedJobList() throws IOException {
    String dag = Files.readString(Path.of("..", "airflow", "onecustomer_nightly.py"));
    assertTrue(dag.contains("from onecustomer_jobs import JOBS"), "the DAG imports the generated task list");
    assertFalse(dag.matches("(?s).*\\nJOBS\\s*=.*"), "the DAG defines no task list of its own");
  }

  @Test
  void dependencyOrderPutsEveryJobAfterItsInputs() {
    JobRegistry registry = JobRegistry.standard();
    List<String> seen = new ArrayList<>();
    for (Job j : registry.inDependencyOrder()) {
      for (String d : registry.dependsOn(j)) {
        assertTrue(seen.contains(d), j.id() + " runs before its dependency " + d);
      }
      seen.add(j.id());
    }
    assertEquals(registry.all().size(), seen.size());
  }

  @Test
  void everyJobIdNamesItsTable() {
    for (Job j : JobRegistry.standard().all()) {
      assertEquals(j.output().layer() + "_" + j.output().name(), j.id());
    }
  }
}
