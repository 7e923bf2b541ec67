package io.onecustomer.jobs.tools;

import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.ColumnSpec;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes docs/tables.md from the table specs, so the documentation cannot drift (a test compares
 * the committed file with this output). Run: {@code bin/onecustomer-docs}.
 */
public final class TableDocs {
  private TableDocs() {}

  /** Writes docs/tables.md and airflow/onecustomer_jobs.py under the project folder {@code args[0]} (default "."). */
  public static void main(String[] args) throws IOException {
    Path home = Path.of(args.length > 0 ? args[0] : ".");
    Path docs = home.resolve("docs/tables.md");
    Path jobs = home.resolve("airflow/onecustomer_jobs.py");
    Files.writeString(docs, render(), StandardCharsets.UTF_8);
    Files.writeString(jobs, airflowJobs(), StandardCharsets.UTF_8);
    System.out.println("wrote " + docs + " and " + jobs);
  }

  /** The Airflow DAGs' task list: job id to its table and the jobs it depends on, in dependency order. */
  public static String airflowJobs() {
    JobRegistry registry = JobRegistry.standard();
    StringBuilder sb = new StringBuilder();
    sb.append("\"\"\"The onecustomer jobs: id -> (table, ids of the jobs it depends on), in dependency order.\n\n")
        .append("Generated from the table specs by bin/onecustomer-docs; do not edit (AirflowDagTest fails when it\n")
        .append("drifts from the code). A job's id is its table's layer and name.\n\"\"\"\n\n")
        .append("JOBS = {\n");
    for (Job j : registry.inDependencyOrder()) {
      sb.append("    \"").append(j.id()).append("\": (\"").append(j.output().qualified()).append("\", [")
          .append(String.join(", ", registry.dependsOn(j).stream().map(d -> "\"" + d + "\"").toList()))
          .append("]),\n");
    }
    sb.append("}\n");
    return sb.toString();
  }

  public static String render() {
    List<TableSpec> specs = JobRegistry.standard().specs();
    StringBuilder sb = new StringBuilder();
    sb.append("# Tables\n\n")
        .append("Generated from the table specs in the code by `bin/onecustomer-docs` (a test fails when this file is\n")
        .append("stale). Tables live at `<warehouse>/<layer>/<table>` and are registered in the catalog as\n")
        .append("`<layer>.<table>`; the same grain and column comments are stored with each table and column\n")
        .append("(`DESCRIBE TABLE ...`) and brought up to date on every write.\n\n")
        .append("Every write is checked before it is committed (write-audit-publish): the checks listed under each\n")
        .append("table run on the rows about to be written; an `error` check that fails stops the job with nothing\n")
        .append("committed, a `warning` is recorded. Every result is in `ops.data_quality`; levels and thresholds\n")
        .append("can be changed per table and check with `onecustomer.quality.overrides` (docs/configuration.md).\n")
        .append("Key columns and columns marked `not null` are checked too.\n\n")
        .append("| layer | tables |\n|---|---|\n");
    for (String layer : LAYERS) {
      List<TableSpec> mine = specs.stream().filter(s -> s.id().layer().equals(layer) && !isRejects(s)).toList();
      sb.append("| ").append(layer).append(" | ")
          .append(String.join(", ", mine.stream().map(s -> "`" + s.id().name() + "`").toList())).append(" |\n");
    }
    sb.append('\n');
    boolean rejectsDone = false;
    for (String layer : LAYERS) {
      sb.append("## ").append(layer).append("\n\n");
      for (TableSpec s : specs) {
        if (!s.id().layer().equals(layer)) {
          continue;
        }
        if (isRejects(s)) {
          if (!rejectsDone) {
            rejects(sb, s);
            rejectsDone = true;
          }
          continue;
        }
        table(sb, s, "`" + s.qualified() + "`");
      }
    }
    return sb.toString();
  }

  private static final List<String> LAYERS = List.of("bronze", "silver", "gold", "ops");

  private static boolean isRejects(TableSpec s) {
    return s.id().name().endsWith("__rejects");
  }

  private static void rejects(StringBuilder sb, TableSpec s) {
    table(sb, s, "`bronze.<table>__rejects`");
    sb.append("One such table next to each bronze table. Reason codes: `malformed_json`, `wrong_column_count`,\n")
        .append("`unexpected_header`, `missing_column`, `line_too_long`, `implausible_timestamp`, `invalid_encoding`, `missing_value`, `unparseable_number`, `unparseable_timestamp`,\n")
        .append("`invalid_value`, `negative_quantity`, `zero_quantity`, `future_timestamp`.\n\n");
  }

  private static void table(StringBuilder sb, TableSpec s, String title) {
    String grain = isRejects(s) ? "Lines of a bronze table's landing files that could not be parsed or typed: one row"
        + " per line, with the raw line, file, line number, reason code and reason." : s.grain();
    sb.append("### ").append(title).append("\n\n").append(grain).append("\n\n");
    sb.append("Written by `").append(s.jobId().equals("bronze_*") ? "every bronze job" : s.jobId()).append("`; ")
        .append(switch (s.mode()) {
          case REPLACE_DAYS -> "a run replaces its days of `" + s.dayColumn() + "`";
          case REPLACE_ALL -> "a run replaces the whole table";
          case APPEND -> "append-only";
        });
    if (!s.partitionBy().isEmpty()) {
      sb.append("; partitioned by `").append(String.join("`, `", s.partitionBy())).append("`");
    }
    if (!s.key().isEmpty()) {
      sb.append("; key (`").append(String.join("`, `", s.key())).append("`)");
    }
    if (!s.keyedHashes().isEmpty()) {
      sb.append("; keyed hashes in `").append(String.join("`, `", s.keyedHashes()))
          .append("` (re-hashed by `--job rotate-hash-key`)");
    }
    sb.append(".\n\n| column | type | null | meaning |\n|---|---|---|---|\n");
    for (ColumnSpec c : s.columns()) {
      sb.append("| `").append(c.name()).append("` | ").append(c.type().simpleString()).append(" | ")
          .append(c.nullable() ? "" : "not null").append(" | ").append(c.comment()).append(" |\n");
    }
    sb.append("\nChecks:\n");
    for (Check c : s.checks()) {
      sb.append("- `").append(c.name()).append("`: ").append(c.describe()).append('\n');
    }
    sb.append('\n');
  }
}
