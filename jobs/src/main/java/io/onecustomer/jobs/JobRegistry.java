package io.onecustomer.jobs;

import io.onecustomer.common.TableId;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.analytics.CustomerOrdersJob;
import io.onecustomer.jobs.analytics.alerts.DistributorAlertsJob;
import io.onecustomer.jobs.analytics.alerts.PriceConflictsJob;
import io.onecustomer.jobs.analytics.alerts.SalesAlertsJob;
import io.onecustomer.jobs.analytics.channel.ChannelAssistsJob;
import io.onecustomer.jobs.analytics.channel.ChannelFunnelJob;
import io.onecustomer.jobs.analytics.channel.ChannelHealthJob;
import io.onecustomer.jobs.analytics.channel.ChannelHealthMonthlyJob;
import io.onecustomer.jobs.analytics.customer.CohortRetentionJob;
import io.onecustomer.jobs.analytics.customer.CrossSellPairsJob;
import io.onecustomer.jobs.analytics.customer.CustomerFlagsJob;
import io.onecustomer.jobs.analytics.customer.RepurchaseMetricsJob;
import io.onecustomer.jobs.analytics.customer.RfmSegmentTransitionsJob;
import io.onecustomer.jobs.analytics.customer.RfmSegmentsJob;
import io.onecustomer.jobs.attribution.AttributionCreditsJob;
import io.onecustomer.jobs.attribution.ChannelAttributionJob;
import io.onecustomer.jobs.bronze.BronzeIngestJob;
import io.onecustomer.jobs.bronze.SourceEntities;
import io.onecustomer.jobs.customer.CustomersJob;
import io.onecustomer.jobs.identity.IdentityJobs;
import io.onecustomer.jobs.keys.KeyRotation;
import io.onecustomer.jobs.privacy.ErasureLog;
import io.onecustomer.jobs.silver.SilverJobs;
import io.onecustomer.jobs.value.ChurnScoresJob;
import io.onecustomer.jobs.value.CustomerFeaturesJob;
import io.onecustomer.jobs.value.LtvPredictionsJob;
import io.onecustomer.jobs.value.ValueModelTrainingJob;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every job, by id, and the order the nightly run uses (dependencies first). A job's dependencies
 * follow from the specs it reads: the jobs that write them.
 */
public final class JobRegistry {
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Map<String, List<String>> deps = new LinkedHashMap<>();

  public JobRegistry(List<Job> all) {
    this(all, null);
  }

  private JobRegistry(List<Job> all, Set<String> keepOnly) {
    for (Job j : all) {
      if (jobs.put(j.id(), j) != null) {
        throw new IllegalArgumentException("duplicate job id " + j.id());
      }
    }
    for (Job j : all) {
      List<String> d = new ArrayList<>();
      for (String dep : j.dependsOn()) {
        if (keepOnly != null && !keepOnly.contains(dep)) {
          continue; // re-running some tables of a night: other inputs are taken as written
        }
        if (!jobs.containsKey(dep)) {
          throw new IllegalArgumentException("job " + j.id() + " depends on unknown job " + dep);
        }
        d.add(dep);
      }
      deps.put(j.id(), List.copyOf(d));
    }
  }

  /** The suite's jobs. */
  public static JobRegistry standard() {
    return new JobRegistry(standardJobs());
  }

  private static List<Job> standardJobs() {
    List<Job> all = new ArrayList<>();
    SourceEntities.ALL.forEach(e -> all.add(new BronzeIngestJob(e)));
    all.addAll(SilverJobs.all());
    all.addAll(IdentityJobs.all());
    all.add(new CustomersJob());
    all.add(new AttributionCreditsJob());
    all.add(new ChannelAttributionJob());
    all.add(new CustomerOrdersJob());
    all.add(new RfmSegmentsJob());
    all.add(new RfmSegmentTransitionsJob());
    all.add(new CustomerFlagsJob());
    all.add(new RepurchaseMetricsJob());
    all.add(new CrossSellPairsJob());
    all.add(new CohortRetentionJob());
    all.add(new ChannelHealthJob());
    all.add(new ChannelHealthMonthlyJob());
    all.add(new ChannelAssistsJob());
    all.add(new ChannelFunnelJob());
    all.add(new PriceConflictsJob());
    all.add(new DistributorAlertsJob());
    all.add(new SalesAlertsJob());
    all.add(new CustomerFeaturesJob());
    all.add(new ValueModelTrainingJob());
    all.add(new ChurnScoresJob());
    all.add(new LtvPredictionsJob());
    return List.copyOf(all);
  }

  public Job get(String id) {
    Job j = jobs.get(id);
    if (j == null) {
      throw new IllegalArgumentException("unknown job '" + id + "'; known jobs: nightly, backfill, "
          + String.join(", ", jobs.keySet()));
    }
    return j;
  }

  /** The jobs this registry runs before {@code job}. */
  public List<String> dependsOn(Job job) {
    return deps.get(job.id());
  }

  /**
   * The tables {@code job} reads, directly or through the jobs that write them (a table whose job
   * is not in this registry is included, not followed).
   */
  public Set<TableId> upstreamTables(Job job) {
    Set<TableId> out = new LinkedHashSet<>();
    Deque<Job> todo = new ArrayDeque<>(List.of(job));
    Set<String> seen = new HashSet<>();
    Map<TableId, Job> writers = new HashMap<>();
    jobs.values().forEach(j -> writers.put(j.output(), j));
    while (!todo.isEmpty()) {
      Job cur = todo.pop();
      if (!seen.add(cur.id())) {
        continue;
      }
      for (TableSpec in : cur.inputs()) {
        if (out.add(in.id()) && writers.containsKey(in.id())) {
          todo.push(writers.get(in.id()));
        }
      }
    }
    return out;
  }

  /** Every table the suite writes: each job's table and its side tables, the run log's and the erasure log. */
  public List<TableSpec> specs() {
    Map<String, TableSpec> out = new LinkedHashMap<>();
    for (Job j : jobs.values()) {
      out.put(j.spec().qualified(), j.spec());
      j.sideOutputs().forEach(s -> out.putIfAbsent(s.qualified(), s));
    }
    out.putIfAbsent(OpsTables.JOB_RUNS.qualified(), OpsTables.JOB_RUNS);
    out.putIfAbsent(OpsTables.DATA_QUALITY.qualified(), OpsTables.DATA_QUALITY);
    out.putIfAbsent(ErasureLog.SPEC.qualified(), ErasureLog.SPEC);
    out.putIfAbsent(KeyRotation.SPEC.qualified(), KeyRotation.SPEC);
    return List.copyOf(out.values());
  }

  /**
   * The jobs {@code targets} need: the targets and, transitively, the jobs they depend on, in
   * registration order (a test or a partial run that only wants some tables).
   */
  public JobRegistry closure(Collection<String> targets) {
    Set<String> keep = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(targets);
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (keep.add(get(id).id())) {
        todo.addAll(dependsOn(get(id)));
      }
    }
    return new JobRegistry(jobs.values().stream().filter(j -> keep.contains(j.id())).toList());
  }

  /**
   * Just the jobs {@code ids}, ordered among themselves by their dependencies; dependencies outside
   * the set are taken as already written (re-running some tables of a night: {@code --job a,b}).
   */
  public JobRegistry only(Collection<String> ids) {
    Set<String> keep = new HashSet<>();
    ids.forEach(id -> keep.add(get(id).id()));
    return new JobRegistry(jobs.values().stream().filter(j -> keep.contains(j.id())).toList(), keep);
  }

  /** How many jobs depend on {@code id}, directly or through other jobs. */
  public int dependentsOf(String id) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(id));
    while (!todo.isEmpty()) {
      String cur = todo.pop();
      for (Job j : jobs.values()) {
        if (dependsOn(j).contains(cur) && seen.add(j.id())) {
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
    for (String d : dependsOn(j)) {
      visit(jobs.get(d), state, out);
    }
    state.put(j.id(), 2);
    out.add(j);
  }
}
