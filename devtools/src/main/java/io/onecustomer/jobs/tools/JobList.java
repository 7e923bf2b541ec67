package io.onecustomer.jobs.tools;

import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobRegistry;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prints the suite's job ids, comma-separated in dependency order, for {@code --job}: all of them,
 * or with {@code --needed-by a,b} the jobs that a and b need, directly or not, without a and b (a
 * benchmark prepares a warehouse with those, then times a and b); {@code --airflow} prints the job
 * graph as the Airflow DAG's JOBS mapping.
 */
public final class JobList {
  private JobList() {}

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("--airflow")) {
      // The JOBS mapping of airflow/onecustomer_nightly.py, as AirflowDagTest expects it.
      for (Job j : JobRegistry.standard().all()) {
        System.out.println("    \"" + j.id() + "\": [" + j.dependsOn().stream().map(d -> "\"" + d + "\"")
            .collect(Collectors.joining(", ")) + "],");
      }
      return;
    }
    Set<String> targets = args.length == 2 && args[0].equals("--needed-by")
        ? Arrays.stream(args[1].split(",")).map(String::trim).collect(Collectors.toSet()) : Set.of();
    if (args.length != 0 && targets.isEmpty()) {
      System.err.println("usage: JobList [--needed-by id,id,...] | --airflow");
      System.exit(2);
    }
    JobRegistry registry = targets.isEmpty() ? JobRegistry.standard() : JobRegistry.standard().closure(targets);
    System.out.println(registry.inDependencyOrder().stream().map(Job::id).filter(id -> !targets.contains(id))
        .collect(Collectors.joining(",")));
  }
}
