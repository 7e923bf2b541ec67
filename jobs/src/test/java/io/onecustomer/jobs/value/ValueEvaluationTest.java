package io.onecustomer.jobs.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The evaluation's metrics on hand-made scores whose values are known. */
class ValueEvaluationTest {
  @Test
  void calibrationErrorIsTheCustomerWeightedGapBetweenMeanScoreAndRateByDecile() {
    double[] score = {0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95};
    double[] label = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    // One customer per decile: (.05 + .15 + .25 + .35 + .45) x 2 / 10.
    assertEquals(0.25, ValueEvaluation.calibrationError(score, label), 1e-12);
    assertEquals(1.0, ValueEvaluation.topDecilePrecision(score, label), 1e-12);
    double[] calibrated = new double[20];
    double[] outcome = new double[20];
    for (int i = 0; i < 20; i++) {
      calibrated[i] = i < 10 ? 0.0 + i * 1e-3 : 1.0 - (19 - i) * 1e-3;
      outcome[i] = i < 10 ? 0 : 1;
    }
    // Two customers per decile: below, mean scores .0005, .0025, ..., .0085 against a rate of 0;
    // above, the mirror image against 1.
    assertEquals(0.0045, ValueEvaluation.calibrationError(calibrated, outcome), 1e-9);
  }

  @Test
  void revenueMetrics() {
    double[] predicted = new double[20];
    double[] actual = new double[20];
    for (int i = 0; i < 20; i++) {
      predicted[i] = i;
    }
    actual[19] = 50;
    actual[18] = 30;
    actual[0] = 20;
    assertEquals(0.8, ValueEvaluation.topDecileCapture(predicted, actual), 1e-12);
    // Errors: -20 at 0, -12 at 18, -31 at 19, i at every other i.
    assertEquals(Math.sqrt((400 + 144 + 961 + sumSquares(1, 17)) / 20.0), ModelMetrics.rmse(predicted, actual),
        1e-9);
    double[] cubed = new double[20];
    for (int i = 0; i < 20; i++) {
      cubed[i] = Math.pow(predicted[i], 3);
    }
    assertEquals(1.0, ValueEvaluation.spearman(cubed, predicted), 1e-12);
  }

  private static double sumSquares(int from, int to) {
    double s = 0;
    for (int i = from; i <= to; i++) {
      s += (double) i * i;
    }
    return s;
  }

  @Test
  void pairedBootstrapOfAScorerAgainstItselfIsZeroAndOfAClearlyBetterOneLiesAboveZero() {
    Random rng = new Random(3);
    int n = 400;
    double[] label = new double[n];
    double[] informed = new double[n];
    double[] noise = new double[n];
    for (int i = 0; i < n; i++) {
      label[i] = rng.nextBoolean() ? 1 : 0;
      informed[i] = label[i] + rng.nextGaussian();
      noise[i] = rng.nextGaussian();
    }
    ValueEvaluation.Difference same = ValueEvaluation.pairedBootstrap(informed, informed, label, ModelMetrics::aucRoc,
        200, 1);
    assertEquals(0, same.value(), 0);
    assertEquals(0, same.low(), 0);
    assertEquals(0, same.high(), 0);
    ValueEvaluation.Difference better = ValueEvaluation.pairedBootstrap(informed, noise, label, ModelMetrics::aucRoc,
        200, 1);
    assertTrue(better.above() && better.low() <= better.value() && better.value() <= better.high(), better.toString());
    assertEquals(ModelMetrics.aucRoc(informed, label) - ModelMetrics.aucRoc(noise, label), better.value(), 1e-12);
  }
}
