package io.onecustomer.jobs.tools;

import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobRegistry;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prints the suite's job ids, comma-separated in dependency order, for {@code --job}: all of them,
 * or all but {@code --except a,b} (the benchmarks prepare a warehouse with everything but the jobs
 * they time); {@code --airflow} prints the job graph as the Airflow DAG's JOBS mapping.
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
    Set<String> except = args.length == 2 && args[0].equals("--except")
        ? Arrays.stream(args[1].split(",")).map(String::trim).collect(Collectors.toSet()) : Set.of();
    if (args.length != 0 && except.isEmpty()) {
      System.err.println("usage: JobList [--except id,id,...] | --airflow");
      System.exit(2);
    }
    JobRegistry registry = JobRegistry.standard();
    except.forEach(registry::get); // an unknown id is an error naming it
    System.out.println(registry.inDependencyOrder().stream().map(Job::id).filter(id -> !except.contains(id))
        .collect(Collectors.joining(",")));
  }
}
