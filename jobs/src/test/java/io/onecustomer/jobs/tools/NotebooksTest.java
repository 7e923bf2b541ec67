package io.onecustomer.jobs.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed notebooks: outputs stripped (no data, no images, no execution counts in the
 * repository: they would carry a warehouse's figures and make every diff noise), and every one
 * reads through the SQL endpoint helper, never through a subprocess. That they run is
 * AnalyticsIT's job.
 */
class NotebooksTest {
  static final Path NOTEBOOKS = Path.of("..", "notebooks");

  static List<Path> notebooks() throws IOException {
    try (var files = Files.list(NOTEBOOKS)) {
      return files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  @Test
  void committedNotebooksHaveNoOutputsAndNoExecutionCounts() throws IOException {
    List<String> dirty = new ArrayList<>();
    for (Path nb : notebooks()) {
      JsonNode cells = new ObjectMapper().readTree(nb.toFile()).get("cells");
      for (int i = 0; i < cells.size(); i++) {
        JsonNode c = cells.get(i);
        if (!c.get("cell_type").asText().equals("code")) {
          continue;
        }
        if (c.path("outputs").size() > 0 || !c.path("execution_count").isNull()) {
          dirty.add(nb.getFileName() + " cell " + i);
        }
      }
    }
    assertEquals(List.of(), dirty, "strip them: jupyter nbconvert --clear-output --inplace notebooks/*.ipynb");
  }

  @Test
  void everyNotebookReadsThroughTheSqlEndpointAndNeverAFileOrASubprocess() throws IOException {
    List<Path> all = notebooks();
    assertEquals(6, all.size(), "one notebook per story (customer 360, RFM, channel health, attribution, value"
        + " models, identity): " + all);
    for (Path nb : all) {
      String text = Files.readString(nb);
      assertTrue(text.contains("from onecustomer_sql import"), nb + " does not read through onecustomer_sql");
      assertFalse(text.contains("subprocess") || text.contains("bin/sql") || text.contains("read_parquet"),
          nb + " reads around the endpoint");
    }
  }
}
