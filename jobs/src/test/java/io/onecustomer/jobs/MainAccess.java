package io.onecustomer.jobs;

import io.onecustomer.common.config.AppConfig;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/** Lets tests in other packages run the entry point on a registry and session of their own. */
public final class MainAccess {
  private MainAccess() {}

  public static int execute(Main.Args args, AppConfig cfg, JobRegistry registry, Supplier<SparkSession> session) {
    return Main.execute(args, cfg, io.onecustomer.jobs.HashKeys.fromEnvironment(cfg, System.getenv()), registry,
        session);
  }
}
