package io.onecustomer.jobs;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import scala.collection.Iterator;

/**
 * Records read from storage per Spark job group (each of our jobs runs under its own group): the
 * input metrics Spark's UI shows, summed over the tasks of the group's stages, at no cost to the
 * job. This is the rows-read figure of {@code ops.job_runs} for jobs that do not count their input
 * themselves.
 */
public final class ReadMetrics extends SparkListener {
  private static final class LoggerHolder {
    static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReadMetrics.class);
  }

  private final Map<Integer, String> stageGroup = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> records = new ConcurrentHashMap<>();
  private final Map<String, String> step = new ConcurrentHashMap<>();

  /** The listener registered on this session, registering it the first time. */
  public static synchronized ReadMetrics of(SparkSession spark) {
    ReadMetrics m = INSTANCES.get(spark.sparkContext());
    if (m == null) {
      m = new ReadMetrics();
      spark.sparkContext().addSparkListener(m);
      INSTANCES.put(spark.sparkContext(), m);
    }
    return m;
  }

  private static final Map<SparkContext, ReadMetrics> INSTANCES = new WeakHashMap<>();

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    String group = e.properties() == null ? null : e.properties().getProperty("spark.jobGroup.id");
    if (group != null) {
      Iterator<Object> it = e.stageIds().iterator();
      while (it.hasNext()) {
        stageGroup.put((Integer) it.next(), group);
      }
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted e) {
    String group = stageGroup.get(e.stageInfo().stageId());
    if (group != null) {
      // Spark names a stage after the call that made it ("save at DeltaWriter.java:52"): the step.
      step.put(group, e.stageInfo().name());
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    String group = stageGroup.get(e.stageId());
    if (group != null && e.taskMetrics() != null) {
      records.computeIfAbsent(group, g -> new AtomicLong()).addAndGet(e.taskMetrics().inputMetrics().recordsRead());
    }
  }

  /** Records read by the group's finished tasks so far, without waiting: for progress lines. */
  public long recordsSoFar(String group) {
    AtomicLong n = records.get(group);
    return n == null ? 0 : n.get();
  }

  /** The name of the group's latest stage ("save at DeltaWriter.java:52"), or "starting". */
  public String step(String group) {
    return step.getOrDefault(group, "starting");
  }

  /** Records read so far by the group's tasks, after the listener bus has caught up. */
  public long recordsRead(SparkSession spark, String group) {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
    } catch (Exception e) { // a TimeoutException, checked in Java's eyes: the figure may then be short
      LoggerHolder.LOG.debug("listener bus busy after 10 s; rows read of {} may be incomplete", group);
    }
    step.remove(group);
    AtomicLong n = records.remove(group);
    return n == null ? 0 : n.get();
  }
}
