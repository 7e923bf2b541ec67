package io.onecustomer.jobs.bronze;

import io.onecustomer.common.DateRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * Lists an entity's landing files for a date range and reads them as raw lines with their file,
 * physical line number and business day. Each file is read by one task (splits are disabled), so
 * line numbers are exact without a shuffle; channels that send very large single files should
 * split them into parts (the generator writes parts of at most 500,000 lines).
 */
public final class LandingReader {
  private static final Pattern DT = Pattern.compile("/dt=(\\d{4}-\\d{2}-\\d{2})/");

  /** Columns of the raw-line dataset. */
  public static final String RUN_DATE = "run_date";
  public static final String SOURCE_FILE = "_source_file";
  public static final String LINE_NO = "_line_no";
  public static final String RAW_LINE = "raw_line";
  public static final String RAW_BASE64 = "raw_base64";
  public static final String FIELDS = "fields";
  public static final String PARSE_CODE = "parse_code";
  public static final String PARSE_REASON = "parse_reason";
  /** Fields beyond the declared ones, by name (schema drift kept, not dropped). */
  public static final String EXTRA_FIELDS = "_extra_fields";
  /** The line's schema drift as kind:column (added, missing_optional, missing_required). */
  public static final String DRIFT = "_drift";

  public static final StructType RAW_SCHEMA =
      new StructType()
          .add(RUN_DATE, DataTypes.DateType, false)
          .add(SOURCE_FILE, DataTypes.StringType, false)
          .add(LINE_NO, DataTypes.LongType, false)
          .add(RAW_LINE, DataTypes.StringType, true)
          .add(RAW_BASE64, DataTypes.StringType, true)
          .add(FIELDS, DataTypes.createArrayType(DataTypes.StringType, true), true)
          .add(PARSE_CODE, DataTypes.StringType, true)
          .add(PARSE_REASON, DataTypes.StringType, true)
          .add(EXTRA_FIELDS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
          .add(DRIFT, DataTypes.createArrayType(DataTypes.StringType, true), true);

  /** What was found on disk for one business day: the files and their total size in bytes. */
  public record DayFiles(LocalDate day, String folder, boolean folderExists, List<String> files, long bytes) {}

  private LandingReader() {}

  public static List<DayFiles> list(SparkSession spark, SourceEntity entity, String landing, DateRange range) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<DayFiles> out = new ArrayList<>();
    for (LocalDate day : range.days()) {
      String folder = entity.dayFolder(landing, day);
      Path p = new Path(folder);
      List<String> files = new ArrayList<>();
      long bytes = 0;
      boolean exists;
      try {
        FileSystem fs = p.getFileSystem(conf);
        exists = fs.exists(p);
        if (exists) {
          for (FileStatus st : fs.listStatus(p)) {
            if (st.isFile() && st.getLen() > 0 && entity.matchesFileName(st.getPath().getName())) {
              files.add(st.getPath().toString());
              bytes += st.getLen();
            }
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot list landing folder " + folder + ": " + e.getMessage(), e);
      }
      files.sort(String::compareTo);
      out.add(new DayFiles(day, folder, exists, files, bytes));
    }
    return out;
  }

  /**
   * Reads the files ({@code bytes} in all, as listed) as raw lines (empty dataset when there are
   * none); a line longer than {@code maxLineBytes} becomes a line_too_long row with its first KiB.
   */
  public static Dataset<Row> read(SparkSession spark, SourceEntity entity, List<String> files, long bytes,
      int maxLineBytes) {
    if (files.isEmpty()) {
      return spark.createDataFrame(new ArrayList<Row>(), RAW_SCHEMA);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    conf.setLong("mapreduce.input.fileinputformat.split.minsize", Long.MAX_VALUE);
    conf.set("mapreduce.input.fileinputformat.inputdir", String.join(",", escape(files)));
    conf.setInt(LandingLineInputFormat.MAX_LINE_BYTES, maxLineBytes);
    @SuppressWarnings("unchecked")
    JavaNewHadoopRDD<LongWritable, Text> lines =
        (JavaNewHadoopRDD<LongWritable, Text>)
            jsc.newAPIHadoopRDD(conf, LandingLineInputFormat.class, LongWritable.class, Text.class);
    LineParser parser = new LineParser(entity);
    JavaRDD<Row> rows =
        lines.mapPartitionsWithInputSplit(
            (split, it) -> new FileLines((FileSplit) split, it, parser, entity), false);
    int tasks = tasks(files.size(), bytes, spark.sparkContext().defaultParallelism());
    if (tasks < files.size()) {
      rows = rows.coalesce(tasks);
    }
    return spark.createDataFrame(rows, RAW_SCHEMA);
  }

  /** Bytes of landing files one task reads at most when several files share a task. */
  static final long BYTES_PER_TASK = 128L << 20;

  /**
   * How many tasks read {@code files}. Each file is one split (its lines are numbered), so a
   * backfill of small daily files would otherwise run a task per file in every pass over the data
   * (validation, audit, accepted and rejected writes): on the demo, 179 files of 34k orders took
   * 33 s. Files share tasks, up to {@link #BYTES_PER_TASK} each (by the sizes the listing saw) and
   * never fewer than 4 tasks per core, so large files still spread over the cluster.
   */
  static int tasks(int files, long bytes, int cores) {
    int floor = 4 * Math.max(1, cores);
    if (files <= floor) {
      return files;
    }
    long bySize = (bytes + BYTES_PER_TASK - 1) / BYTES_PER_TASK;
    return (int) Math.min(files, Math.max(floor, bySize));
  }

  private static List<String> escape(List<String> files) {
    // FileInputFormat splits on commas and expands globs; escape both.
    List<String> out = new ArrayList<>();
    for (String f : files) {
      out.add(f.replace("\\", "\\\\").replace(",", "\\,").replace("{", "\\{").replace("[", "\\["));
    }
    return out;
  }

  static LocalDate dayOf(String path) {
    Matcher m = DT.matcher(path);
    if (!m.find()) {
      throw new IllegalStateException("landing file " + path + " is not under a dt=YYYY-MM-DD folder");
    }
    return LocalDate.parse(m.group(1));
  }

  /** Iterates the lines of one file (one split), numbering them and parsing each. */
  private static final class FileLines implements Iterator<Row> {
    private final Iterator<Tuple2<LongWritable, Text>> in;
    private final LineParser parser;
    private final SourceEntity entity;
    private final boolean csv;
    private final String file;
    private final Date day;
    private long lineNo;
    private LineParser.CsvLayout layout;
    private Row next;

    FileLines(FileSplit split, Iterator<Tuple2<LongWritable, Text>> in, LineParser parser, SourceEntity entity) {
      if (split.getStart() != 0) {
        throw new IllegalStateException("landing file " + split.getPath() + " was split; line numbers need whole files");
      }
      this.in = in;
      this.parser = parser;
      this.entity = entity;
      this.csv = entity.format() == SourceEntity.Format.CSV;
      this.file = split.getPath().toString();
      this.day = Date.valueOf(dayOf(file));
    }

    @Override
    public boolean hasNext() {
      while (next == null && in.hasNext()) {
        Tuple2<LongWritable, Text> t = in.next();
        lineNo++;
        byte[] bytes = t._2().copyBytes();
        if (t._1().get() > bytes.length) {
          LineParser.Parsed p = LineParser.tooLong(bytes, t._1().get());
          next = RowFactory.create(day, file, lineNo, p.rawLine(), p.rawBase64(), null, p.code(), p.reason(), null,
              null);
          if (csv && layout == null) {
            layout = LineParser.CsvLayout.of(entity, ""); // a header too long to be one: no column is recognised
          }
          break;
        }
        if (isBlank(bytes)) {
          continue;
        }
        if (lineNo == 1 && bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
            && (bytes[2] & 0xff) == 0xBF) {
          bytes = Arrays.copyOfRange(bytes, 3, bytes.length); // a UTF-8 byte-order mark before the first line
        }
        if (csv && layout == null) { // the first non-blank line of a CSV file is its header
          layout = LineParser.CsvLayout.of(entity, new String(bytes, StandardCharsets.UTF_8));
          continue;
        }
        LineParser.Parsed p = parser.parse(bytes, layout);
        next = RowFactory.create(day, file, lineNo, p.rawLine(), p.rawBase64(),
            p.fields() == null ? null : scalaList(p.fields()), p.code(), p.reason(),
            p.extras() == null ? null : JavaConverters.mapAsScalaMap(p.extras()),
            p.drift() == null ? null : scalaList(p.drift()));
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }

    private static boolean isBlank(byte[] b) {
      for (byte x : b) {
        if (x != ' ' && x != '\t' && x != '\r') {
          return false;
        }
      }
      return true;
    }

    private static Object scalaList(String[] fields) {
      return JavaConverters.asScalaBuffer(Arrays.asList(fields)).toSeq();
    }
  }
}
