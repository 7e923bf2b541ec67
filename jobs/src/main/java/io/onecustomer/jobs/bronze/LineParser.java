package io.onecustomer.jobs.bronze;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one physical line's bytes into its declared fields as text, or a parse failure. This is
 * the one step that runs as Java code rather than Spark column functions: it needs the raw bytes
 * (to tell invalid UTF-8 from text) and the exact CSV/JSON structure (to count columns and detect
 * truncated JSON), which Spark's readers silently repair or drop.
 */
public final class LineParser implements Serializable {
  public static final String MALFORMED_JSON = "malformed_json";
  public static final String WRONG_COLUMN_COUNT = "wrong_column_count";
  public static final String INVALID_ENCODING = "invalid_encoding";
  /** A line longer than ingest.max-line-bytes. */
  public static final String LINE_TOO_LONG = "line_too_long";
  /** A CSV file whose first line names none of the declared columns (no header, or not this entity's file). */
  public static final String UNEXPECTED_HEADER = "unexpected_header";
  /** Bytes of a too-long line kept in raw_line. */
  static final int KEPT_OF_A_LONG_LINE = 1024;

  /** A required column the file (CSV header) or the record (JSON) does not have at all. */
  public static final String MISSING_COLUMN = "missing_column";

  /** Schema drift entries ({@code kind:column}) a line carries. */
  public static final String ADDED = "added";
  public static final String MISSING_OPTIONAL = "missing_optional";
  public static final String MISSING_REQUIRED = "missing_required";

  /**
   * The outcome for one line: fields (null on failure) or a reason; {@code extras} are the fields
   * beyond the declared ones (null when none), {@code drift} the line's schema drift as
   * {@code kind:column} (null when none).
   */
  public record Parsed(String rawLine, String rawBase64, String[] fields, String code, String reason,
      Map<String, String> extras, String[] drift) {
    Parsed(String rawLine, String rawBase64, String[] fields, String code, String reason) {
      this(rawLine, rawBase64, fields, code, reason, null, null);
    }
  }

  /**
   * How one CSV file's header maps onto the declared fields, by name: {@code positions[i]} is the
   * header column of declared field i (-1 when the header lacks it), {@code extras} the header
   * columns nobody declared (name to position). A header in the declared order without extras is
   * the usual case; a reordered header reads the same, an added column is kept, a missing optional
   * column reads as null, a missing required column rejects every line of the file (and fails the
   * job: see BronzeIngestJob).
   */
  public record CsvLayout(int columns, int[] positions, Map<String, Integer> extras, String[] drift,
      String missingRequired, String unrecognised) implements Serializable {
    public static CsvLayout of(SourceEntity entity, String headerLine) {
      List<String> header = splitCsv(stripBom(headerLine).trim());
      if (header == null) {
        header = List.of(headerLine);
      }
      List<String> names = new ArrayList<>();
      header.forEach(h -> names.add(h.trim()));
      List<String> declared = entity.fieldNames();
      int[] positions = new int[declared.size()];
      List<String> drift = new ArrayList<>();
      String missingRequired = null;
      for (int i = 0; i < positions.length; i++) {
        positions[i] = names.indexOf(declared.get(i));
        if (positions[i] < 0) {
          boolean required = entity.fields().get(i).required();
          drift.add((required ? MISSING_REQUIRED : MISSING_OPTIONAL) + ":" + declared.get(i));
          if (required && missingRequired == null) {
            missingRequired = declared.get(i);
          }
        }
      }
      Map<String, Integer> extras = new LinkedHashMap<>();
      for (int j = 0; j < names.size(); j++) {
        if (!declared.contains(names.get(j)) && !extras.containsKey(names.get(j))) {
          extras.put(names.get(j), j);
          drift.add(ADDED + ":" + names.get(j));
        }
      }
      if (Arrays.stream(positions).allMatch(p -> p < 0)) {
        // Not a changed export but not a header at all (a file without one, garbage, another
        // entity's file): every line is rejected, nothing is recorded as drift, the night goes on.
        String shown = headerLine.length() > 200 ? headerLine.substring(0, 200) + "..." : headerLine;
        return new CsvLayout(names.size(), positions, Map.of(), null, null, "the first line names none of the"
            + " declared columns (" + entity.csvHeader() + "): '" + shown + "'");
      }
      return new CsvLayout(names.size(), positions, extras, drift.isEmpty() ? null : drift.toArray(new String[0]),
          missingRequired, null);
    }
  }

  private final SourceEntity entity;
  private final List<String> names;
  private transient ObjectMapper mapper;

  public LineParser(SourceEntity entity) {
    this.entity = entity;
    this.names = entity.fieldNames();
  }

  /** The row for a line longer than the limit: its first KiB as text and bytes, and its length. */
  static Parsed tooLong(byte[] kept, long length) {
    byte[] head = Arrays.copyOf(kept, Math.min(kept.length, KEPT_OF_A_LONG_LINE));
    return new Parsed(new String(head, StandardCharsets.UTF_8), Base64.getEncoder().encodeToString(head), null,
        LINE_TOO_LONG, LINE_TOO_LONG + ": " + length + " bytes with its line end, more than ingest.max-line-bytes = "
            + kept.length + " (the first " + head.length + " bytes are kept in raw_line and raw_base64)");
  }

  /** Decodes strictly; returns null when the bytes are not UTF-8. */
  static String decodeStrict(byte[] bytes) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer cb = d.decode(ByteBuffer.wrap(bytes));
      return cb.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Strips a UTF-8 byte-order mark that some exports put before the header. */
  static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /**
   * Parses one line; {@code layout} is the file's CSV header mapping (null for JSON lines, and for
   * CSV lines read against the declared header).
   */
  public Parsed parse(byte[] bytes, CsvLayout layout) {
    String text = decodeStrict(bytes);
    if (text == null) {
      String lossy = new String(bytes, StandardCharsets.UTF_8);
      return new Parsed(
          lossy,
          Base64.getEncoder().encodeToString(bytes),
          null,
          INVALID_ENCODING,
          INVALID_ENCODING + ": line is not valid UTF-8 (raw bytes kept in raw_base64)");
    }
    if (entity.format() == SourceEntity.Format.CSV) {
      return parseCsv(text, layout != null ? layout : CsvLayout.of(entity, entity.csvHeader()));
    }
    return parseJson(text);
  }

  private Parsed parseCsv(String text, CsvLayout layout) {
    if (layout.unrecognised() != null) {
      return new Parsed(text, null, null, UNEXPECTED_HEADER, UNEXPECTED_HEADER + ": " + layout.unrecognised());
    }
    if (layout.missingRequired() != null) {
      return new Parsed(text, null, null, MISSING_COLUMN, MISSING_COLUMN + ": the file's header has no column '"
          + layout.missingRequired() + "' (required)", null, layout.drift());
    }
    List<String> cols = splitCsv(text);
    if (cols == null) {
      return new Parsed(text, null, null, WRONG_COLUMN_COUNT, WRONG_COLUMN_COUNT + ": unbalanced quotes", null,
          layout.drift());
    }
    if (cols.size() != layout.columns()) {
      return new Parsed(text, null, null, WRONG_COLUMN_COUNT, WRONG_COLUMN_COUNT + ": expected " + layout.columns()
          + " columns (the file's header), got " + cols.size(), null, layout.drift());
    }
    String[] fields = new String[names.size()];
    for (int i = 0; i < fields.length; i++) {
      int at = layout.positions()[i];
      String v = at < 0 ? "" : cols.get(at);
      fields[i] = v.isEmpty() ? null : v;
    }
    Map<String, String> extras = null;
    for (Map.Entry<String, Integer> e : layout.extras().entrySet()) {
      String v = cols.get(e.getValue());
      if (!v.isEmpty()) {
        extras = extras == null ? new LinkedHashMap<>() : extras;
        extras.put(e.getKey(), v);
      }
    }
    return new Parsed(text, null, fields, null, null, extras, layout.drift());
  }

  private Parsed parseJson(String text) {
    if (mapper == null) {
      mapper =
          new ObjectMapper()
              .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (Exception e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int nl = msg.indexOf('\n');
      return new Parsed(text, null, null, MALFORMED_JSON,
          MALFORMED_JSON + ": " + (nl > 0 ? msg.substring(0, nl) : msg));
    }
    if (node == null || !node.isObject()) {
      return new Parsed(text, null, null, MALFORMED_JSON, MALFORMED_JSON + ": not a JSON object");
    }
    String[] fields = new String[names.size()];
    List<String> drift = null;
    String missingRequired = null;
    for (int i = 0; i < fields.length; i++) {
      JsonNode v = node.get(names.get(i));
      if (v == null && entity.fields().get(i).required()) {
        drift = drift == null ? new ArrayList<>() : drift;
        drift.add(MISSING_REQUIRED + ":" + names.get(i));
        missingRequired = missingRequired == null ? names.get(i) : missingRequired;
      }
      if (v == null || v.isNull()) {
        fields[i] = null;
      } else if (v.isValueNode()) {
        fields[i] = v.asText();
      } else {
        fields[i] = v.toString();
      }
      if (fields[i] != null && fields[i].isEmpty()) {
        fields[i] = null;
      }
    }
    Map<String, String> extras = null;
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!names.contains(e.getKey())) {
        extras = extras == null ? new LinkedHashMap<>() : extras;
        extras.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        drift = drift == null ? new ArrayList<>() : drift;
        drift.add(ADDED + ":" + e.getKey());
      }
    }
    String[] d = drift == null ? null : drift.toArray(new String[0]);
    if (missingRequired != null) {
      return new Parsed(text, null, null, MISSING_COLUMN, MISSING_COLUMN + ": the record has no field '"
          + missingRequired + "' (required)", extras, d);
    }
    return new Parsed(text, null, fields, null, null, extras, d);
  }

  /**
   * Splits one CSV line (RFC 4180 quoting: fields may be quoted, {@code ""} is a quote inside a
   * quoted field). Returns null for unbalanced quotes. Multi-line quoted fields are not supported
   * (no channel sends them).
   */
  static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean fieldStart = true;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
        fieldStart = true;
      } else {
        cur.append(c);
        fieldStart = false;
      }
    }
    if (quoted) {
      return null;
    }
    out.add(cur.toString());
    return out;
  }
}
