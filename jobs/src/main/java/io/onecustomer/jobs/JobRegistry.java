package io.onecustomer.jobs;

import io.onecustomer.jobs.bronze.BronzeIngestJob;
import io.onecustomer.jobs.bronze.SourceEntities;
import io.onecustomer.jobs.silver.SilverJobs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every job, by id, and the order the nightly run uses (dependencies first). */
public final class JobRegistry {
  private final Map<String, Job> jobs = new LinkedHashMap<>();

  public JobRegistry(List<Job> all) {
    for (Job j : all) {
      if (jobs.put(j.id(), j) != null) {
        throw new IllegalArgumentException("duplicate job id " + j.id());
      }
    }
    for (Job j : all) {
      for (String d : j.dependsOn()) {
        if (!jobs.containsKey(d)) {
          throw new IllegalArgumentException("job " + j.id() + " depends on unknown job " + d);
        }
      }
    }
  }

  /** The suite's jobs. */
  public static JobRegistry standard() {
    List<Job> all = new ArrayList<>();
    SourceEntities.ALL.forEach(e -> all.add(new BronzeIngestJob(e)));
    all.addAll(SilverJobs.all());
    all.addAll(io.onecustomer.jobs.identity.IdentityJobs.all());
    all.add(new io.onecustomer.jobs.customer.CustomersJob());
    all.add(new io.onecustomer.jobs.attribution.AttributionCreditsJob());
    all.add(new io.onecustomer.jobs.attribution.ChannelAttributionJob());
    all.add(new io.onecustomer.jobs.analytics.CustomerOrdersJob());
    all.add(new io.onecustomer.jobs.analytics.customer.RfmSegmentsJob());
    all.add(new io.onecustomer.jobs.analytics.customer.RfmSegmentTransitionsJob());
    all.add(new io.onecustomer.jobs.analytics.customer.CustomerFlagsJob());
    all.add(new io.onecustomer.jobs.analytics.customer.RepurchaseMetricsJob());
    all.add(new io.onecustomer.jobs.analytics.customer.CrossSellPairsJob());
    all.add(new io.onecustomer.jobs.analytics.customer.CohortRetentionJob());
    all.add(new io.onecustomer.jobs.analytics.channel.ChannelHealthJob());
    all.add(new io.onecustomer.jobs.analytics.channel.ChannelHealthMonthlyJob());
    all.add(new io.onecustomer.jobs.analytics.channel.ChannelAssistsJob());
    all.add(new io.onecustomer.jobs.analytics.channel.ChannelFunnelJob());
    all.add(new io.onecustomer.jobs.analytics.alerts.PriceConflictsJob());
    all.add(new io.onecustomer.jobs.analytics.alerts.DistributorAlertsJob());
    all.add(new io.onecustomer.jobs.analytics.alerts.SalesAlertsJob());
    all.add(new io.onecustomer.jobs.value.CustomerFeaturesJob());
    all.add(new io.onecustomer.jobs.value.ValueModelTrainingJob());
    all.add(new io.onecustomer.jobs.value.ChurnScoresJob());
    all.add(new io.onecustomer.jobs.value.LtvPredictionsJob());
    return new JobRegistry(all);
  }

  public Job get(String id) {
    Job j = jobs.get(id);
    if (j == null) {
      throw new IllegalArgumentException("unknown job '" + id + "'; known jobs: nightly, backfill, "
          + String.join(", ", jobs.keySet()));
    }
    return j;
  }

  /**
   * The jobs {@code targets} need: the targets and, transitively, the jobs they depend on, in
   * registration order (a test or a partial run that only wants some tables).
   */
  public JobRegistry closure(java.util.Collection<String> targets) {
    java.util.Set<String> keep = new java.util.HashSet<>();
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(targets);
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (keep.add(get(id).id())) {
        todo.addAll(get(id).dependsOn());
      }
    }
    return new JobRegistry(jobs.values().stream().filter(j -> keep.contains(j.id())).toList());
  }

  /**
   * Just the jobs {@code ids}, ordered among themselves by their dependencies; dependencies outside
   * the set are taken as already written (re-running some tables of a night: {@code --job a,b}).
   */
  public JobRegistry only(java.util.Collection<String> ids) {
    java.util.Set<String> keep = new java.util.HashSet<>();
    ids.forEach(id -> keep.add(get(id).id()));
    List<Job> out = new ArrayList<>();
    for (Job j : jobs.values()) {
      if (keep.contains(j.id())) {
        List<String> deps = j.dependsOn().stream().filter(keep::contains).toList();
        out.add(deps.size() == j.dependsOn().size() ? j : new Job() {
          @Override
          public String id() {
            return j.id();
          }

          @Override
          public io.onecustomer.common.TableId output() {
            return j.output();
          }

          @Override
          public List<String> dependsOn() {
            return deps;
          }

          @Override
          public JobResult run(JobContext ctx) {
            return j.run(ctx);
          }
        });
      }
    }
    return new JobRegistry(out);
  }

  /** How many jobs depend on {@code id}, directly or through other jobs. */
  public int dependentsOf(String id) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(id));
    while (!todo.isEmpty()) {
      String cur = todo.pop();
      for (Job j : jobs.values()) {
        if (j.dependsOn().contains(cur) && seen.add(j.id())) {
          todo.push(j.id());
        }
      }
    }
    return seen.size();
  }

  public List<Job> all() {
    return List.copyOf(jobs.values());
  }

  /** All jobs, each after the jobs it depends on (stable: registration order breaks ties). */
  public List<Job> inDependencyOrder() {
    List<Job> out = new ArrayList<>();
    Map<String, Integer> state = new LinkedHashMap<>();
    for (Job j : jobs.values()) {
      visit(j, state, out);
    }
    return out;
  }

  private void visit(Job j, Map<String, Integer> state, List<Job> out) {
    Integer s = state.get(j.id());
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      throw new IllegalStateException("dependency cycle through job " + j.id());
    }
    state.put(j.id(), 1);
    for (String d : j.dependsOn()) {
      visit(jobs.get(d), state, out);
    }
    state.put(j.id(), 2);
    out.add(j);
  }
}
