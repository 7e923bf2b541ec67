package io.onecustomer.jobs.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.TableJob;
import io.onecustomer.jobs.attribution.AttributionColumns.Journeys;
import io.onecustomer.jobs.attribution.AttributionTables.Credits;
import io.onecustomer.jobs.identity.CustomerKeyed;
import io.onecustomer.jobs.identity.IdentitySpecs;
import io.onecustomer.jobs.privacy.Hmac;
import io.onecustomer.jobs.silver.SilverColumns;
import io.onecustomer.jobs.silver.SilverSpecs;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gold.attribution_credits: every conversion of the run's days credited by the nine models.
 *
 * <p>The data-driven models (Markov, Shapley) are fitted on the journeys of the fit window
 * ({@code attribution.fit-window-days} up to the run's last day, at least the whole run range), so
 * a night's handful of conversions is credited by a model learnt from months of paths, converting
 * and not. Conversions before the window are read too (their lookback back) only to end the paths
 * of the ones after them: a touch counts for one conversion. Only the run's days are written.
 *
 * <p>Reads gold.customer_identities (through {@link CustomerKeyed}), silver.orders and
 * silver.touchpoints.
 */
public final class AttributionCreditsJob extends TableJob {
  private static final Logger LOG = LoggerFactory.getLogger(AttributionCreditsJob.class);

  public AttributionCreditsJob() {
    super(AttributionSpecs.ATTRIBUTION_CREDITS,
        List.of(IdentitySpecs.CUSTOMER_IDENTITIES, SilverSpecs.ORDERS, SilverSpecs.TOUCHPOINTS));
  }

  /** First conversion day of the journeys the data-driven models are fitted on. */
  public static LocalDate fitFrom(DateRange range, AppConfig.Attribution a) {
    LocalDate window = range.to().minusDays(a.fitWindowDays() - 1L);
    return range.from().isBefore(window) ? range.from() : window;
  }

  @Override
  protected Dataset<Row> build(JobContext ctx, List<String> warnings) {
    AppConfig.Attribution a = ctx.config().attribution();
    AttributionOptions options = AttributionInputs.options(a);
    DateRange range = ctx.range();
    LocalDate fitFrom = fitFrom(range, a);
    // Touches and conversions from the lookback before the fit window on (a day more: business days
    // and UTC timestamps differ by the time zone).
    Date readFrom = Date.valueOf(fitFrom.minusDays(a.maxLookbackDays() + 1L));
    Date to = Date.valueOf(range.to());
    var keyed = new CustomerKeyed(ctx.spark(), ctx.warehouse(), range.to(), Hmac.of(ctx.spark(), ctx.keys()));
    Dataset<Row> keyedTouchpoints = keyed.touchpoints(col(SilverColumns.Touchpoints.EVENT_DATE).between(readFrom, to));
    Dataset<Row> touches = AttributionInputs.touches(keyedTouchpoints, a.channelLevel(), a.excludedTouchTypes());
    Dataset<Row> conversions = AttributionInputs.conversions(
        keyed.orders(col(SilverColumns.Orders.ORDER_DATE).between(readFrom, to)), a.conversionChannels());
    if (!a.conversionEvents().isEmpty()) {
      conversions = conversions.unionByName(AttributionInputs.eventConversions(keyedTouchpoints, a.conversionEvents()));
    }
    conversions = cache(conversions);
    Dataset<Row> all = AttributionInputs.withConversionAttributes(
        PathTransforms.journeys(touches, conversions, a.maxLookbackDays()), conversions, a);
    Dataset<Row> journeys = cache(PathTransforms.withPathOptions(
        all.where(not(col(Journeys.IS_CONVERSION)).or(col(Credits.CONVERSION_DATE).geq(lit(Date.valueOf(fitFrom))))),
        AttributionInputs.pathOptions(a), options));
    long t0 = System.nanoTime();
    Row sizes = journeys.agg(count(lit(1)), count(when(col(Journeys.IS_CONVERSION), lit(1)))).first();
    LOG.info("{}: {} journeys of {}..{} ({} converting) built in {} s; fitting the data-driven models", id(),
        sizes.getLong(0), fitFrom, range.to(), sizes.getLong(1), seconds(t0));
    long t1 = System.nanoTime();
    MarkovChain.Fit markov = MarkovChain.fit(journeys, true, options);
    MarkovChain.Fit markovNoNulls = MarkovChain.fit(journeys, false, options);
    ShapleyModel.Fit shapley = ShapleyModel.fit(journeys, options);
    LOG.info("{}: markov P(conversion) {} removal effects {}", id(), round(markov.conversionProbability()),
        rounded(markov.removalEffects()));
    Map<String, Double> shapleyTotals = new TreeMap<>();
    shapley.channelCredits().forEach(c -> shapleyTotals.put(c.channel(), c.conversions()));
    LOG.info("{}: shapley conversions per channel over the fit window {}", id(), rounded(shapleyTotals));
    LOG.info("{}: three fits in {} s", id(), seconds(t1));
    if (markov.channels().size() <= 1) {
      warnings.add("the fit window " + fitFrom + ".." + range.to() + " has " + markov.channels().size()
          + " channel(s): the data-driven models cannot tell channels apart");
    }

    Dataset<Row> credited = journeys.where(col(Journeys.IS_CONVERSION)
        .and(col(Credits.CONVERSION_DATE).between(Date.valueOf(range.from()), to)));
    Dataset<Row> credits = RuleBasedModels.credits(credited, options)
        .unionByName(MarkovChain.credits(credited, markov, options))
        .unionByName(MarkovChain.credits(credited, markovNoNulls, options))
        .unionByName(ShapleyModel.credits(credited, shapley, options));
    return AttributionInputs.goldCredits(credits, credited, Date.valueOf(fitFrom), to);
  }


  private static String seconds(long since) {
    return String.format("%.1f", (System.nanoTime() - since) / 1e9);
  }

  private static String round(double v) {
    return String.format("%.4f", v);
  }

  private static String rounded(Map<String, Double> m) {
    return m.entrySet().stream().map(e -> e.getKey() + "=" + round(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
