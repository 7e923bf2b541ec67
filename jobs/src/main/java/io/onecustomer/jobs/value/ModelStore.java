package io.onecustomer.jobs.value;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

/**
 * Versioned models on any Hadoop filesystem (local, s3a://):
 * <pre>
 *   &lt;root&gt;/&lt;model&gt;/&lt;model&gt;-&lt;yyyyMMdd&gt;/pipeline/     the fitted MLlib PipelineModel
 *   &lt;root&gt;/&lt;model&gt;/&lt;model&gt;-&lt;yyyyMMdd&gt;/model.json   {@link ModelInfo}: features, cut-offs, data range, metrics
 *   &lt;root&gt;/&lt;model&gt;/promoted.json                   {"version": "..."}: what nightly scoring loads
 * </pre>
 * A version is named after the run date that trained it, so re-running that night's training
 * overwrites it (idempotent); a version that does not beat its baseline is saved but not promoted.
 */
public final class ModelStore {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  static final String PROMOTED = "promoted.json";
  static final String INFO = "model.json";
  static final String PIPELINE = "pipeline";

  private final SparkSession spark;
  private final String root;

  public ModelStore(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root.replaceAll("/+$", "");
  }

  /**
   * What a saved version is: written beside the pipeline, read by scoring and by people.
   *
   * @param model churn or ltv
   * @param version model-yyyyMMdd
   * @param runDate the training run's business day
   * @param features the assembled feature columns, in order
   * @param label label column and its definition
   * @param horizonDays label horizon
   * @param trainCutOff cut-off of the training features (labels: the horizon after it)
   * @param validationCutOff cut-off of the validation split
   * @param dataFrom first day of purchase history used
   * @param dataTo last day of data used (the run date: the validation labels end there)
   * @param trainRows customers in the training split
   * @param validationRows customers in the validation split
   * @param metrics validation metrics per scorer: scorer to metric to value
   * @param promoted whether this version was promoted
   * @param decision why it was (not) promoted
   * @param algorithm the last pipeline stage (LogisticRegression, LinearRegression with Huber loss, GBT...)
   * @param importances importance of each feature, summing to 1 (trees' importances, or normalised
   *     absolute standardised coefficients)
   * @param coefficients standardised coefficients of a linear model (empty for trees)
   * @param featureMeans training mean of each feature
   * @param featureStds training standard deviation of each feature
   */
  public record ModelInfo(String model, String version, String runDate, List<String> features, String label,
      int horizonDays, String trainCutOff, String validationCutOff, String dataFrom, String dataTo, long trainRows,
      long validationRows, Map<String, Map<String, Double>> metrics, boolean promoted, String decision,
      String algorithm, Map<String, Double> importances, Map<String, Double> coefficients, Map<String, Double> featureMeans, Map<String, Double> featureStds) {}

  public static String versionName(String model, LocalDate runDate) {
    return model + "-" + runDate.format(DAY);
  }

  /** Run date encoded in a version name. */
  public static LocalDate versionDate(String version) {
    return LocalDate.parse(version.substring(version.lastIndexOf('-') + 1), DAY);
  }

  public String versionPath(String model, String version) {
    return root + "/" + model + "/" + version;
  }

  /** Saves the pipeline and its description (overwriting a version of the same name). */
  public void save(PipelineModel pipeline, ModelInfo info) {
    String dir = versionPath(info.model(), info.version());
    try {
      pipeline.write().overwrite().save(dir + "/" + PIPELINE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save model " + info.version() + " to " + dir, e);
    }
    writeJson(dir + "/" + INFO, info);
  }

  /** Makes {@code version} the one nightly scoring loads. */
  public void promote(String model, String version) {
    writeJson(root + "/" + model + "/" + PROMOTED, Map.of("version", version));
  }

  /** The promoted version of {@code model}, if any. */
  public Optional<String> promoted(String model) {
    Path p = new Path(root + "/" + model + "/" + PROMOTED);
    try {
      FileSystem fs = fs(p);
      if (!fs.exists(p)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(p)) {
        return Optional.of(JSON.readTree(in).get("version").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  /** Saved versions of {@code model} (promoted or not), oldest first. */
  public List<String> versions(String model) {
    Path dir = new Path(root + "/" + model);
    List<String> out = new ArrayList<>();
    try {
      FileSystem fs = fs(dir);
      if (!fs.exists(dir)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(dir)) {
        if (s.isDirectory() && fs.exists(new Path(s.getPath(), INFO))) {
          out.add(s.getPath().getName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    out.sort(null);
    return out;
  }

  public ModelInfo info(String model, String version) {
    Path p = new Path(versionPath(model, version) + "/" + INFO);
    try (InputStream in = fs(p).open(p)) {
      return JSON.readValue(in, ModelInfo.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model description " + p, e);
    }
  }

  public PipelineModel load(String model, String version) {
    return PipelineModel.load(versionPath(model, version) + "/" + PIPELINE);
  }

  private void writeJson(String path, Object value) {
    Path p = new Path(path);
    try (OutputStream out = fs(p).create(p, true)) {
      JSON.writeValue(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p, e);
    }
  }

  private FileSystem fs(Path p) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    return p.getFileSystem(conf);
  }
}
