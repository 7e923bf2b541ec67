package io.onecustomer.jobs.bronze;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The declared shape of one landing entity: its file format, its fields in file order with their
 * types, and the rules that make a row bad. Raw files are read against this declaration, never
 * inferred.
 *
 * @param quantityField a field that must not be negative, or null
 * @param eventTimeField the field checked against {@code future_timestamp}, or null
 */
public record SourceEntity(
    String source,
    String entity,
    Format format,
    List<Field> fields,
    String quantityField,
    String eventTimeField,
    String comment)
    implements Serializable {

  public enum Format {
    CSV("csv"),
    JSONL("jsonl");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  /**
   * One declared field. {@code pattern} is the date-time pattern for DATE and LOCAL_TIMESTAMP.
   */
  public record Field(String name, FieldType type, boolean required, String pattern, String comment)
      implements Serializable {
    public static Field required(String name, FieldType type, String comment) {
      return new Field(name, type, true, null, comment);
    }

    public static Field optional(String name, FieldType type, String comment) {
      return new Field(name, type, false, null, comment);
    }

    public Field withPattern(String p) {
      return new Field(name, type, required, p, comment);
    }
  }

  public SourceEntity {
    Objects.requireNonNull(source);
    Objects.requireNonNull(entity);
    fields = List.copyOf(fields);
    if (quantityField != null && fields.stream().noneMatch(f -> f.name().equals(quantityField))) {
      throw new IllegalArgumentException(quantityField + " is not a field of " + source + "/" + entity);
    }
    if (eventTimeField != null && fields.stream().noneMatch(f -> f.name().equals(eventTimeField))) {
      throw new IllegalArgumentException(eventTimeField + " is not a field of " + source + "/" + entity);
    }
  }

  public TableId table() {
    return new TableId(Tables.BRONZE, source + "_" + entity);
  }

  /** The job id that ingests this entity. */
  public String jobId() {
    return "bronze_" + source + "_" + entity;
  }

  public List<String> fieldNames() {
    return fields.stream().map(Field::name).toList();
  }

  /** The exact CSV header line expected. */
  public String csvHeader() {
    return String.join(",", fieldNames());
  }

  /** The folder of one business day. */
  public String dayFolder(String landingRoot, LocalDate day) {
    String root = landingRoot.endsWith("/") ? landingRoot.substring(0, landingRoot.length() - 1) : landingRoot;
    return root + "/" + source + "/dt=" + day;
  }

  /** Files of this entity in a day folder: {@code <entity>-NNNNN.<ext>}, optionally compressed. */
  public boolean matchesFileName(String fileName) {
    return fileName.startsWith(entity + "-")
        && (fileName.endsWith("." + format.extension())
            || fileName.contains("." + format.extension() + "."));
  }
}
