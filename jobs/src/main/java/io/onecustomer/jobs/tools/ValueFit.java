package io.onecustomer.jobs.tools;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.spark.SessionFactory;
import io.onecustomer.jobs.identity.CustomerKeyed;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.value.BtydFit;
import io.onecustomer.jobs.value.FitResult;
import java.io.File;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/value-fit --from D --to D [--unit-days 7] [--env local]}: fits BG/NBD, Pareto/NBD and
 * Gamma-Gamma on the warehouse's silver.orders (keyed by customer through gold.customer_identities,
 * completed and not refunded) over the calibration window and prints estimates, standard errors
 * and log-likelihoods. A look at the models on the brand's own data before the nightly scoring
 * job exists; exit 2 on bad arguments.
 */
public final class ValueFit {
  private ValueFit() {}

  public static void main(String[] argv) {
    String from = null;
    String to = null;
    int unitDays = 7;
    String env = System.getenv().getOrDefault("ONECUSTOMER_ENV", "local");
    try {
      for (int i = 0; i + 1 < argv.length; i += 2) {
        switch (argv[i]) {
          case "--from" -> from = argv[i + 1];
          case "--to" -> to = argv[i + 1];
          case "--unit-days" -> unitDays = Integer.parseInt(argv[i + 1]);
          case "--env" -> env = argv[i + 1];
          default -> throw new IllegalArgumentException("unknown option " + argv[i]);
        }
      }
      if (from == null || to == null || argv.length % 2 != 0) {
        throw new IllegalArgumentException("--from and --to are required");
      }
      DateRange window = new DateRange(DateRange.parseDate("--from", from), DateRange.parseDate("--to", to));
      AppConfig config = AppConfig.load(env, null, new File(System.getenv().getOrDefault("ONECUSTOMER_HOME", "."),
          "conf"), Map.of());
      SparkSession spark = SessionFactory.create(config, "onecustomer value-fit");
      LocalDate end = window.to();
      var orders = new CustomerKeyed(spark, config.paths().warehouse(), end, Hmac.fromConfig(spark, config)).orders();
      for (FitResult f : BtydFit.fitAll(BtydFit.purchases(orders), window.from(), end, unitDays,
          BtydFit.DEFAULT_MAX_ROWS)) {
        System.out.println(f.summary());
      }
      spark.stop();
    } catch (IllegalArgumentException e) {
      System.err.println("value-fit: " + e.getMessage()
          + "\nusage: bin/value-fit --from YYYY-MM-DD --to YYYY-MM-DD [--unit-days 7] [--env local|prod]");
      System.exit(2);
    }
  }
}
