package io.onecustomer.jobs.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the generator's truth files (docs/landing-formats.md#truth). Test utility. */
public final class Truth {
  private Truth() {}

  public record BadRow(String source, String entity, String dt, String file, long line, String kind,
      String expected, String reason) {}

  public record FileCount(String source, String entity, String dt, String file, long lines, long good, long bad) {}

  public static List<BadRow> badRows(Path out) throws IOException {
    List<BadRow> rows = new ArrayList<>();
    for (String[] c : csv(out.resolve("truth").resolve("bad_rows.csv"))) {
      rows.add(new BadRow(c[0], c[1], c[2], c[3], Long.parseLong(c[4]), c[5], c[6], c[7]));
    }
    return rows;
  }

  public static List<FileCount> manifest(Path out) throws IOException {
    List<FileCount> rows = new ArrayList<>();
    for (String[] c : csv(out.resolve("truth").resolve("manifest.csv"))) {
      rows.add(new FileCount(c[0], c[1], c[2], c[3], Long.parseLong(c[4]), Long.parseLong(c[5]), Long.parseLong(c[6])));
    }
    return rows;
  }

  /** A planted correction: the order line re-sent on arrival_dt, with its silver status and net after it. */
  public record Correction(String orderLineId, String originalDt, String originalFile, long originalLine,
      String arrivalDt, long arrivalLine, String kind, String status, java.math.BigDecimal netAmount) {}

  /** A landing file declared late: it arrives on arrivalDt, after its day dt. */
  public record LateFile(String source, String entity, String dt, String file, String arrivalDt) {}

  public static List<Correction> corrections(Path out) throws IOException {
    List<Correction> rows = new ArrayList<>();
    for (String[] c : csv(out.resolve("truth").resolve("corrections.csv"))) {
      rows.add(new Correction(c[0], c[1], c[2], Long.parseLong(c[3]), c[4], Long.parseLong(c[5]), c[6], c[7],
          new java.math.BigDecimal(c[8])));
    }
    return rows;
  }

  public static List<LateFile> lateFiles(Path out) throws IOException {
    List<LateFile> rows = new ArrayList<>();
    for (String[] c : csv(out.resolve("truth").resolve("late_files.csv"))) {
      rows.add(new LateFile(c[0], c[1], c[2], c[3], c[4]));
    }
    return rows;
  }

  /** Simple CSV (truth files never quote commas inside the columns read here); header skipped. */
  static List<String[]> csv(Path f) throws IOException {
    List<String[]> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        out.add(lines.get(i).split(",", -1));
      }
    }
    return out;
  }
}
