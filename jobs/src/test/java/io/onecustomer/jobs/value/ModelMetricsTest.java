package io.onecustomer.jobs.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.value.ModelMetrics.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class ModelMetricsTest {

  @Test
  void aucRocCountsPairsAndTiesAsHalf() {
    // Positives 0.9, 0.4; negatives 0.8, 0.4, 0.1. Pairs (pos, neg): (0.9: 3 wins), (0.4: beats 0.1,
    // ties 0.4, loses to 0.8) = 3 + 1 + 0.5 = 4.5 of 6.
    double[] s = {0.9, 0.8, 0.4, 0.4, 0.1};
    double[] l = {1, 0, 1, 0, 0};
    assertEquals(4.5 / 6, ModelMetrics.aucRoc(s, l), 1e-12);
    assertEquals(1.0, ModelMetrics.aucRoc(new double[] {0.9, 0.1}, new double[] {1, 0}), 0);
    assertEquals(0.5, ModelMetrics.aucRoc(new double[] {0.3, 0.3, 0.3}, new double[] {1, 0, 1}), 0);
    assertTrue(Double.isNaN(ModelMetrics.aucRoc(new double[] {0.3, 0.2}, new double[] {1, 1})));
  }

  @Test
  void areasAgreeWithMllibBinaryClassificationMetrics() {
    SparkSession spark = TestSpark.session();
    Random rnd = new Random(11);
    int n = 3000;
    double[] s = new double[n];
    double[] l = new double[n];
    List<Tuple2<Object, Object>> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
      // Rounded scores, so there are many ties.
      s[i] = Math.round((l[i] * 0.8 + rnd.nextGaussian()) * 20) / 20.0;
      pairs.add(new Tuple2<>(s[i], l[i]));
    }
    BinaryClassificationMetrics mllib = new BinaryClassificationMetrics(
        new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext()).parallelize(pairs, 3).rdd());
    assertEquals(mllib.areaUnderROC(), ModelMetrics.aucRoc(s, l), 1e-9);
    assertEquals(mllib.areaUnderPR(), ModelMetrics.aucPr(s, l), 1e-9);
  }

  @Test
  void decilesSplitTheRankingIntoTenthsHighestFirst() {
    // 20 customers, score i, actual 1 for the 4 highest: decile 1 = scores 19, 18 (both positive).
    double[] s = new double[20];
    double[] a = new double[20];
    for (int i = 0; i < 20; i++) {
      s[i] = i;
      a[i] = i >= 16 ? 1 : 0;
    }
    double[][] d = ModelMetrics.deciles(s, a);
    assertEquals(2, d[0][0]);
    assertEquals(18.5, d[0][1], 0);
    assertEquals(1.0, d[0][2], 0);
    assertEquals(0.0, d[9][2], 0);
    List<Metric> m = ModelMetrics.classification(s, a);
    assertEquals(0.2, ModelMetrics.value(m, ModelMetrics.BASE_RATE), 1e-12);
    assertEquals(5.0, ModelMetrics.value(m, ModelMetrics.TOP_DECILE_LIFT), 1e-12); // 1.0 / 0.2
    assertEquals(0.5, ModelMetrics.value(m, ModelMetrics.TOP_DECILE_CAPTURE), 1e-12); // 2 of 4
    assertEquals(1.0, ModelMetrics.value(m, ModelMetrics.AUC_ROC), 1e-12);
    long deciles = m.stream().filter(x -> x.decile() != null).count();
    assertEquals(20, deciles, "mean predicted and mean actual for each of 10 deciles");
    // 7 customers: decile sizes floor((d) 7 / 10) steps: 0,1,1,1,1,0,1,1,1,0 -> all customers counted once.
    double[][] small = ModelMetrics.deciles(new double[] {1, 2, 3, 4, 5, 6, 7}, new double[7]);
    assertEquals(7, java.util.Arrays.stream(small).mapToDouble(x -> x[0]).sum(), 0);
  }

  @Test
  void regressionMetricsByHand() {
    double[] p = {10, 0, 5, 5};
    double[] a = {12, 0, 1, 9};
    List<Metric> m = ModelMetrics.regression(p, a);
    assertEquals((2 + 0 + 4 + 4) / 4.0, ModelMetrics.value(m, ModelMetrics.MAE), 1e-12);
    assertEquals(Math.sqrt((4 + 0 + 16 + 16) / 4.0), ModelMetrics.value(m, ModelMetrics.RMSE), 1e-12);
    assertEquals(5.5, ModelMetrics.value(m, ModelMetrics.MEAN_ACTUAL), 1e-12);
    assertEquals(5.0, ModelMetrics.value(m, ModelMetrics.MEAN_PREDICTED), 1e-12);
  }
}
