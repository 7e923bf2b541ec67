package io.onecustomer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Airflow DAG's task graph must be the registry's job graph. */
class AirflowDagTest {
  private static final Pattern ENTRY = Pattern.compile("^\\s*\"([a-z0-9_]+)\":\\s*\\[(.*)\\],\\s*$");

  @Test
  void dagJobsAndDependenciesMatchTheRegistry() throws IOException {
    Path dag = Path.of("..", "airflow", "onecustomer_nightly.py");
    Map<String, List<String>> inDag = new LinkedHashMap<>();
    boolean inJobs = false;
    for (String line : Files.readAllLines(dag)) {
      if (line.startsWith("JOBS = {")) {
        inJobs = true;
        continue;
      }
      if (inJobs && line.startsWith("}")) {
        break;
      }
      Matcher m = ENTRY.matcher(line);
      if (inJobs && m.matches()) {
        List<String> deps = new ArrayList<>();
        for (String d : m.group(2).split(",")) {
          if (!d.isBlank()) {
            deps.add(d.trim().replace("\"", ""));
          }
        }
        inDag.put(m.group(1), deps);
      }
    }
    Map<String, List<String>> inCode = new LinkedHashMap<>();
    for (Job j : JobRegistry.standard().all()) {
      inCode.put(j.id(), j.dependsOn());
    }
    assertEquals(inCode, inDag);
  }

  @Test
  void dependencyOrderPutsEveryJobAfterItsInputs() {
    List<String> seen = new ArrayList<>();
    for (Job j : JobRegistry.standard().inDependencyOrder()) {
      for (String d : j.dependsOn()) {
        assertEquals(true, seen.contains(d), j.id() + " runs before its dependency " + d);
      }
      seen.add(j.id());
    }
    assertEquals(JobRegistry.standard().all().size(), seen.size());
  }
}
