package io.onecustomer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onecustomer.jobs.tools.TableDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The files generated from the specs must be the committed ones. */
class TableDocsTest {
  @Test
  void docsTablesMdIsUpToDateWithTheSpecs() throws IOException {
    same(TableDocs.render(), Path.of("..", "docs", "tables.md"), "tables.md");
  }

  @Test
  void airflowTaskListIsUpToDateWithTheSpecs() throws IOException {
    same(TableDocs.airflowJobs(), Path.of("..", "airflow", "onecustomer_jobs.py"), "onecustomer_jobs.py");
  }

  private static void same(String expected, Path committed, String name) throws IOException {
    String actual = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
    if (!expected.equals(actual)) {
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", name), expected, StandardCharsets.UTF_8);
    }
    assertEquals(expected, actual, committed + " is stale: run bin/onecustomer-docs (or copy devtools/target/" + name + ")");
  }
}
