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
import java.util.Base64;
import java.util.List;

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
  public static final String UNEXPECTED_HEADER = "unexpected_header";

  /** The outcome for one line: fields (null on failure) or a reason. */
  public record Parsed(String rawLine, String rawBase64, String[] fields, String code, String reason) {}

  private final SourceEntity entity;
  private final List<String> names;
  private transient ObjectMapper mapper;

  public LineParser(SourceEntity entity) {
    this.entity = entity;
    this.names = entity.fieldNames();
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

  public Parsed parse(byte[] bytes, String headerProblem) {
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
    if (headerProblem != null) {
      return new Parsed(text, null, null, UNEXPECTED_HEADER, UNEXPECTED_HEADER + ": " + headerProblem);
    }
    return entity.format() == SourceEntity.Format.CSV ? parseCsv(text) : parseJson(text);
  }

  private Parsed parseCsv(String text) {
    List<String> cols = splitCsv(text);
    if (cols == null) {
      return new Parsed(text, null, null, WRONG_COLUMN_COUNT, WRONG_COLUMN_COUNT + ": unbalanced quotes");
    }
    if (cols.size() != names.size()) {
      return new Parsed(
          text,
          null,
          null,
          WRONG_COLUMN_COUNT,
          WRONG_COLUMN_COUNT + ": expected " + names.size() + " columns, got " + cols.size());
    }
    String[] fields = new String[cols.size()];
    for (int i = 0; i < fields.length; i++) {
      String v = cols.get(i);
      fields[i] = v.isEmpty() ? null : v;
    }
    return new Parsed(text, null, fields, null, null);
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
    for (int i = 0; i < fields.length; i++) {
      JsonNode v = node.get(names.get(i));
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
    return new Parsed(text, null, fields, null, null);
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
