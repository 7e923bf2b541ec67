package io.onecustomer.jobs.attribution;

import io.onecustomer.jobs.attribution.AttributionColumns.Models;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every model on one set of journeys, for the job that writes the credits: the path options are
 * applied once, so the data-driven models are fitted on exactly the paths they then credit.
 */
public final class AttributionModels {
  private AttributionModels() {}

  /**
   * Credits of all nine models ({@link Models#ALL}), one row per conversion, model and channel. Not lazy
   * throughout: the three data-driven fits run small Spark jobs now (each reads the journeys; cache
   * them if they are expensive to compute); the returned Dataset is lazy.
   */
  public static Dataset<Row> allCredits(Dataset<Row> journeys, PathOptions paths, AttributionOptions options) {
    Dataset<Row> j = PathTransforms.withPathOptions(journeys, paths, options);
    return RuleBasedModels.credits(j, options)
        .unionByName(MarkovChain.credits(j, MarkovChain.fit(j, true, options), options))
        .unionByName(MarkovChain.credits(j, MarkovChain.fit(j, false, options), options))
        .unionByName(ShapleyModel.credits(j, ShapleyModel.fit(j, options), options));
  }
}
