package io.onecustomer.jobs.bronze;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.util.LineReader;

/**
 * Landing files as lines, whole files only (never split, so line numbers are exact), with a bound
 * on memory: a line keeps at most {@code onecustomer.landing.max-line-bytes} bytes (the value) while its full length
 * is reported (the key). Hadoop's own TextInputFormat either holds a whole line in memory (one line
 * of 200 MB, three copies on the way to a String) or, with a maximum length, skips longer lines
 * without a trace; a landing line must be neither fatal nor lost, so a too-long line becomes a row
 * the bronze job rejects as {@code line_too_long}. Hadoop's {@link LineReader} does the reading
 * (CR, LF and CRLF line ends, a last line without a newline); compressed files are decompressed by
 * their codec.
 */
public final class LandingLineInputFormat extends FileInputFormat<LongWritable, Text> {
  /** Configuration key of the maximum line length kept, in bytes. */
  public static final String MAX_LINE_BYTES = "onecustomer.landing.max-line-bytes";
  /** The limit when none is configured (reference.conf's ingest.max-line-bytes). */
  public static final int DEFAULT_MAX_LINE_BYTES = 4 << 20;

  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return false;
  }

  @Override
  public RecordReader<LongWritable, Text> createRecordReader(InputSplit split, TaskAttemptContext context) {
    return new Reader();
  }

  /** Key: the line's length in bytes (larger than the value's when the line was cut); value: its first bytes. */
  static final class Reader extends RecordReader<LongWritable, Text> {
    private LineReader in;
    private FSDataInputStream raw;
    private long fileLength;
    private int max;
    private final LongWritable key = new LongWritable();
    private final Text value = new Text();

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) throws IOException {
      FileSplit fs = (FileSplit) split;
      Configuration conf = context.getConfiguration();
      max = conf.getInt(MAX_LINE_BYTES, DEFAULT_MAX_LINE_BYTES);
      Path file = fs.getPath();
      raw = file.getFileSystem(conf).open(file);
      fileLength = fs.getLength();
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
      InputStream stream = codec == null ? raw : codec.createInputStream(raw);
      in = new LineReader(stream, conf);
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      int consumed = in.readLine(value, max, Integer.MAX_VALUE);
      if (consumed == 0) {
        return false;
      }
      // A line end is at most two bytes (CRLF): more consumed than kept plus that means it was cut.
      key.set(consumed - value.getLength() > 2 ? consumed : value.getLength());
      return true;
    }

    @Override
    public LongWritable getCurrentKey() {
      return key;
    }

    @Override
    public Text getCurrentValue() {
      return value;
    }

    @Override
    public float getProgress() throws IOException {
      return fileLength == 0 ? 1f : Math.min(1f, raw.getPos() / (float) fileLength);
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      }
    }
  }
}
