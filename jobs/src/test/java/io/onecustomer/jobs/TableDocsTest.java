package io.onecustomer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onecustomer.jobs.tools.TableDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TableDocsTest {
  @Test
  void docsTablesMdIsUpToDateWithTheSchemas() throws IOException {
    String expected = TableDocs.render();
    Path committed = Path.of("..", "docs", "tables.md");
    String actual = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
    if (!expected.equals(actual)) {
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "tables.md"), expected, StandardCharsets.UTF_8);
    }
    assertEquals(expected, actual, "docs/tables.md is stale: run bin/onecustomer-docs (or copy jobs/target/tables.md)");
  }
}
