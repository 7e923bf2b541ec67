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
