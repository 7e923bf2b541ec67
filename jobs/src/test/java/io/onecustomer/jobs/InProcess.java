package io.onecustomer.jobs;

import io.onecustomer.common.config.AppConfig;
import java.io.File;
import java.util.Map;

/**
 * The command line's code path in the test JVM, on the shared session: what {@code Main} does once it
 * has read its arguments, with the configuration from {@code env} or {@code configFile} plus overrides.
 */
public final class InProcess {
  private InProcess() {}

  /** {@code Main}'s exit code for {@code argv}; the hashing key comes from the variable the configuration names. */
  public static int run(String env, File configFile, Map<String, String> overrides, String... argv) {
    Main.Args args = Main.Args.parse(argv);
    AppConfig config = AppConfig.load(env, configFile, null, overrides);
    return Main.execute(args, config, HashKeys.fromEnvironment(config, System.getenv()), JobRegistry.standard(),
        TestSpark::session);
  }
}
