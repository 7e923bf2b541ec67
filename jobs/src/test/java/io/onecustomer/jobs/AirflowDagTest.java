package io.onecustomer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Airflow DAG's task graph is the registry's job graph: the DAG takes it from the module
 * generated from the specs (TableDocsTest checks that module is current) and lists no job itself.
 */
class AirflowDagTest {
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
