package io.onecustomer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.spec.TableSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runner's scheduling of a job graph, with jobs that only record what happened. */
class RunnerTest {
  private static final DateRange DAY = DateRange.of(LocalDate.of(2026, 5, 20));
  private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Map<String, String> threadOf = new ConcurrentHashMap<>();

  /** A job that logs start and end, optionally waiting at a barrier or failing. */
  private class Step implements Job {
    private final String id;
    private final List<String> deps;
    private final CyclicBarrier barrier;
    private final boolean fails;

    Step(String id, List<String> deps, CyclicBarrier barrier, boolean fails) {
      this.id = id;
      this.deps = deps;
      this.barrier = barrier;
      this.fails = fails;
    }

    @Override
    public TableSpec spec() {
      return specOf(id);
    }

    @Override
    public List<TableSpec> inputs() {
      return deps.stream().map(RunnerTest::specOf).toList();
    }

    @Override
    public JobResult run(JobContext ctx) {
      events.add("start " + id);
      threadOf.put(id, Thread.currentThread().getName());
      try {
        if (barrier != null) {
          barrier.await(30, TimeUnit.SECONDS); // only passes when the other job runs at the same time
        }
      } catch (Exception e) {
        throw new IllegalStateException(id + " did not run alongside its peer", e);
      }
      if (fails) {
        throw new IllegalStateException("boom in " + id);
      }
      events.add("end " + id);
      return new JobResult(id, output(), ctx.range(), 0, 1, 0, 0, List.of());
    }
  }

  /** The table test.<id>, written by the job <id> (dependencies follow from the specs a job reads). */
  static TableSpec specOf(String id) {
    return TableSpec.table(new TableId("test", id)).grain("A test table.")
        .column("x", io.onecustomer.common.spec.Types.INT, "A value").replaceAll().writtenBy(id).build();
  }

  private static Runner runner(int parallelism, List<Job> jobs) {
    AppConfig cfg = TestSpark.config(Path.of("/tmp/unused-landing"), Path.of("/tmp/unused-warehouse"),
        Map.of("onecustomer.runner.parallelism", String.valueOf(parallelism)));
    return new Runner(TestSpark.session(), cfg, new JobRegistry(jobs));
  }

  private int at(String event) {
    int i = events.indexOf(event);
    assertTrue(i >= 0, event + " in " + events);
    return i;
  }

  @Test
  void independentJobsRunSideBySideAndEveryJobStartsAfterItsDependencies() {
    CyclicBarrier both = new CyclicBarrier(2);
    List<Job> jobs = List.of(
        new Step("a", List.of(), both, false),
        new Step("b", List.of(), both, false),
        new Step("c", List.of("a", "b"), null, false),
        new Step("d", List.of("c"), null, false));
    List<JobResult> results = runner(2, jobs).runAll(DAY, AT);
    assertEquals(List.of("a", "b", "c", "d"), results.stream().map(JobResult::jobId).toList());
    assertTrue(at("start c") > at("end a") && at("start c") > at("end b"), events.toString());
    assertTrue(at("start d") > at("end c"), events.toString());
    assertTrue(!threadOf.get("a").equals(threadOf.get("b")), threadOf.toString());
  }

  @Test
  void aRunShowsALinePerJobAsItFinishesAndALongJobSaysWhereItIsAndWhatItHasRead() {
    Job slow = new Job() {
      @Override
      public TableSpec spec() {
        return specOf("slow");
      }

      @Override
      public List<TableSpec> inputs() {
        return List.of();
      }

      @Override
      public JobResult run(JobContext ctx) {
        ctx.spark().range(0, 5000).selectExpr("sum(id)").collectAsList();
        try {
          Thread.sleep(2500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return JobResult.of("slow", output(), ctx.range(), 1, 0, List.of());
      }
    };
    List<String> lines = new CopyOnWriteArrayList<>();
    runner(1, List.of(slow, new Step("after", List.of("slow"), null, false)))
        .withProgress(lines::add).withProgressEvery(java.time.Duration.ofSeconds(1)).runAll(DAY, AT);
    assertTrue(lines.get(0).matches("run \\S+: 2 jobs for 2026-05-20, up to 1 at a time"), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+\\.\\.\\. slow still running after [12] s: .+ at .+, [\\d,]+ rows"
        + " read so far")), lines.toString());
    List<String> done = lines.stream().filter(l -> l.contains("succeeded")).toList();
    assertEquals(2, done.size(), lines.toString());
    assertTrue(done.get(0).matches("\\s+\\[1/2\\]\\s+slow\\s+succeeded\\s+[23]\\.\\d .*"), done.get(0));
    assertTrue(done.get(1).matches("\\s+\\[2/2\\]\\s+after\\s+succeeded .*"), done.get(1));
    assertTrue(lines.stream().noneMatch(l -> l.contains("after still running")), lines.toString());
  }

  @Test
  void aFailedJobsDependentsNeverStartTheRunningJobsFinishAndTheFailureIsThrown() {
    CyclicBarrier both = new CyclicBarrier(2);
    List<Job> jobs = List.of(
        new Step("ok", List.of(), both, false),
        new Step("bad", List.of(), both, true),
        new Step("after_bad", List.of("bad"), null, false),
        new Step("after_ok", List.of("ok"), null, false));
    List<String> lines = new CopyOnWriteArrayList<>();
    JobFailedException e = assertThrows(JobFailedException.class,
        () -> runner(2, jobs).withProgress(lines::add).runAll(DAY, AT));
    assertTrue(e.getMessage().contains("bad") && e.getMessage().contains("boom in bad"), e.getMessage());
    assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+\\[\\d/4\\]\\s+bad\\s+FAILED.*")), lines.toString());
    assertTrue(events.contains("end ok"), events.toString());
    assertTrue(!events.contains("start after_bad"), events.toString());
  }

  @Test
  void parallelismOneRunsTheJobsOneAfterAnotherInDependencyOrder() {
    List<Job> jobs = List.of(
        new Step("x", List.of(), null, false),
        new Step("y", List.of("x"), null, false),
        new Step("z", List.of(), null, false));
    runner(1, jobs).runAll(DAY, AT);
    assertEquals(List.of("start x", "end x", "start y", "end y", "start z", "end z"), events);
  }

  @Test
  void amongReadyJobsTheOneMoreJobsWaitForStartsFirst() {
    // "small" comes first in registration order, but three jobs wait for "big" and none for "small".
    List<Job> jobs = List.of(
        new Step("small", List.of(), null, false),
        new Step("big", List.of(), null, false),
        new Step("g1", List.of("big"), null, false),
        new Step("g2", List.of("g1"), null, false),
        new Step("g3", List.of("big"), null, false));
    JobRegistry registry = new JobRegistry(jobs);
    assertEquals(3, registry.dependentsOf("big"));
    assertEquals(0, registry.dependentsOf("small"));
    // One job at a time, so the start order is the scheduler's choice alone.
    List<JobResult> results = runner(1, jobs).runAll(DAY, AT);
    assertEquals(List.of("small", "big", "g1", "g2", "g3"), results.stream().map(JobResult::jobId).toList(),
        "results stay in dependency order");
    assertEquals(List.of("start big", "end big", "start g1", "end g1", "start small", "end small", "start g2",
        "end g2", "start g3", "end g3"), events, "big, then g1 (g2 waits for it), then the rest in order");
  }

  @Test
  void aClosureKeepsTheTargetsAndEverythingTheyNeedAndNothingElse() {
    List<Job> jobs = List.of(
        new Step("a", List.of(), null, false),
        new Step("b", List.of("a"), null, false),
        new Step("c", List.of(), null, false),
        new Step("d", List.of("b", "c"), null, false),
        new Step("e", List.of("a"), null, false));
    JobRegistry all = new JobRegistry(jobs);
    assertEquals(List.of("a", "b", "c", "d"), all.closure(List.of("d")).all().stream().map(Job::id).toList());
    assertEquals(List.of("a", "e"), all.closure(List.of("e")).all().stream().map(Job::id).toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> all.closure(List.of("zz")));
    assertTrue(e.getMessage().contains("zz"), e.getMessage());
  }

  @Test
  void onlyRunsTheNamedJobsInTheirOrderAndTakesTheirOtherInputsAsWritten() {
    List<Job> jobs = List.of(
        new Step("a", List.of(), null, false),
        new Step("b", List.of("a"), null, false),
        new Step("c", List.of("b"), null, false),
        new Step("d", List.of(), null, false));
    JobRegistry some = new JobRegistry(jobs).only(List.of("c", "b"));
    assertEquals(List.of("b", "c"), some.all().stream().map(Job::id).toList());
    assertEquals(List.of(), some.dependsOn(some.get("b")), "a is outside the set");
    assertEquals(List.of("b"), some.dependsOn(some.get("c")));
    AppConfig cfg = TestSpark.config(Path.of("/tmp/unused-landing"), Path.of("/tmp/unused-warehouse"),
        Map.of("onecustomer.runner.parallelism", "2"));
    new Runner(TestSpark.session(), cfg, some).runAll(DAY, AT);
    assertEquals(List.of("start b", "end b", "start c", "end c"), events);
  }

  /**
   * Jobs hash with the keys the entry point read and checked, not with what they would find in the
   * environment themselves: a runner given keys hands those same keys to every job, on every range.
   */
  @Test
  void everyJobHashesWithTheKeysTheRunnerWasGiven() {
    HashKeys given = HashKeys.of("retired-key", "runner-key");
    List<List<String>> seen = new CopyOnWriteArrayList<>();
    Job probe = new Step("probe", List.of(), null, false) {
      @Override
      public JobResult run(JobContext ctx) {
        seen.add(io.onecustomer.jobs.privacy.Hmac.of(ctx.spark(), ctx.keys()).fingerprints());
        seen.add(io.onecustomer.jobs.privacy.Hmac.of(ctx.spark(),
            ctx.over(DateRange.of(LocalDate.of(2026, 5, 1))).keys()).fingerprints());
        return super.run(ctx);
      }
    };
    AppConfig cfg = TestSpark.config(Path.of("/tmp/unused-landing"), Path.of("/tmp/unused-warehouse"));
    new Runner(TestSpark.session(), cfg, new JobRegistry(List.of(probe)), given).runAll(DAY, AT);
    List<String> expected = io.onecustomer.jobs.privacy.Hmac.of(TestSpark.session(), given).fingerprints();
    assertEquals(2, expected.size(), expected.toString());
    assertEquals(List.of(expected, expected), seen);
    // What the environment would give here (the local development key) is another chain.
    assertTrue(!expected.equals(io.onecustomer.jobs.privacy.Hmac.of(TestSpark.session(),
        HashKeys.fromEnvironment(cfg, Map.of())).fingerprints()));
  }
}
