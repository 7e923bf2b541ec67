package io.onecustomer.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Airflow DAG files as Airflow would build them, without Airflow: airflow/tests/check_dags.py
 * (Debian's Python with Jinja2 and pendulum) imports them against stand-ins of Airflow's API and
 * prints every DAG's settings, tasks, dependencies and rendered templates as JSON.
 */
public final class AirflowDags {
  public static final Path CHECK = Path.of("..", "airflow", "tests", "check_dags.py");
  public static final Path GUARD_TEST = Path.of("..", "airflow", "tests", "test_guard.py");
  /** Debian's Python: the one with python3-jinja2 and python3-pendulum (.ci/run installs them). */
  public static final String PYTHON = "/usr/bin/python3";

  private AirflowDags() {}

  public record Run(int code, String out, String err) {
    public JsonNode json() throws IOException {
      return new ObjectMapper().readTree(out);
    }
  }

  /** Renders every DAG for business day {@code ds} with these Airflow Variables (and DAG param overrides). */
  public static Run render(Path work, String ds, Map<String, String> variables, String... params) throws Exception {
    Path vars = Files.createTempFile(work, "airflow-vars", ".json");
    Files.writeString(vars, new ObjectMapper().writeValueAsString(variables));
    List<String> args = new ArrayList<>(List.of("--ds", ds, "--vars", vars.toString()));
    if (params.length > 0) {
      args.add("--params");
      args.addAll(List.of(params));
    }
    return python(work, CHECK, args.toArray(new String[0]));
  }

  /** Runs one of airflow/tests' scripts with Debian's Python; its output and exit code. */
  public static Run python(Path work, Path script, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, "-B", script.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(work, "airflow-out", ".json");
    Path err = Files.createTempFile(work, "airflow-err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(script + " timed out");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
