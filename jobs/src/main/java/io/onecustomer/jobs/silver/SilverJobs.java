package io.onecustomer.jobs.silver;

import io.onecustomer.jobs.Job;
import java.util.List;

/** The silver jobs, in registration order. */
public final class SilverJobs {
  private SilverJobs() {}

  public static List<Job> all() {
    return List.of();
  }
}
