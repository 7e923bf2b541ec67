package io.onecustomer.jobs.bronze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineParserTest {
  private final LineParser csv = new LineParser(SourceEntities.DISTRIBUTOR_SELLOUT);
  private final LineParser json = new LineParser(SourceEntities.MINIPROGRAM_EVENTS);

  @Test
  void csvQuotedFieldsKeepCommasAndEscapedQuotes() {
    assertEquals(List.of("a", "b,c", "say \"hi\"", ""), LineParser.splitCsv("a,\"b,c\",\"say \"\"hi\"\"\","));
  }

  @Test
  void csvUnbalancedQuoteIsWrongColumnCount() {
    LineParser.Parsed p = csv.parse(bytes("2026-05-01,D01,\"East,DS-000001,1,9.50,x"), null);
    assertEquals(LineParser.WRONG_COLUMN_COUNT, p.code());
  }

  @Test
  void csvWithMissingColumnIsRejectedWithCounts() {
    LineParser.Parsed p = csv.parse(bytes("2026-05-01,D01,East,DS-000001,1,9.50"), null);
    assertEquals(LineParser.WRONG_COLUMN_COUNT, p.code());
    assertEquals("wrong_column_count: expected 7 columns (the file's header), got 6", p.reason());
  }

  @Test
  void csvEmptyFieldsBecomeNull() {
    LineParser.Parsed p = csv.parse(bytes("2026-05-01,D01,East,DS-000001,1,9.50,"), null);
    assertNull(p.code());
    assertArrayEquals(new String[] {"2026-05-01", "D01", "East", "DS-000001", "1", "9.50", null}, p.fields());
  }

  @Test
  void truncatedJsonIsMalformed() {
    LineParser.Parsed p = json.parse(bytes("{\"event_id\":\"e1\",\"openid\":\"o1\",\"ev"), null);
    assertEquals(LineParser.MALFORMED_JSON, p.code());
    assertNull(p.fields());
  }

  @Test
  void jsonTrailingGarbageAndNonObjectsAreMalformed() {
    assertEquals(LineParser.MALFORMED_JSON, json.parse(bytes("{\"event_id\":\"e1\"} x"), null).code());
    assertEquals(LineParser.MALFORMED_JSON, json.parse(bytes("[1,2]"), null).code());
  }

  @Test
  void jsonNumbersAndNullsBecomeTextAndNull() {
    LineParser.Parsed p = json.parse(
        bytes("{\"event_id\":\"e1\",\"openid\":\"o1\",\"unionid\":null,\"event\":\"share\",\"ts\":1777614310123,\"extra\":1}"), null);
    assertNull(p.code());
    assertArrayEquals(new String[] {"e1", "o1", null, "share", null, "1777614310123"}, p.fields());
  }

  @Test
  void gbkBytesAreInvalidEncodingAndKeptExactly() {
    byte[] gbk = "2026-05-01,D01,华东,DS-000001,1,9.50,x".getBytes(Charset.forName("GBK"));
    LineParser.Parsed p = csv.parse(gbk, null);
    assertEquals(LineParser.INVALID_ENCODING, p.code());
    assertNotNull(p.rawLine());
    assertArrayEquals(gbk, Base64.getDecoder().decode(p.rawBase64()));
  }

  @Test
  void aHeaderWithoutARequiredColumnRejectsEveryLineNamingTheColumn() {
    var layout = LineParser.CsvLayout.of(SourceEntities.DISTRIBUTOR_SELLOUT, "report_date,b");
    LineParser.Parsed p = csv.parse(bytes("2026-05-01,D01"), layout);
    assertEquals(LineParser.MISSING_COLUMN, p.code());
    assertEquals("missing_column: the file's header has no column 'distributor_id' (required)", p.reason());
  }

  @Test
  void aFirstLineNamingNoDeclaredColumnIsNoHeaderAndEveryLineIsRejectedAsSuch() {
    var layout = LineParser.CsvLayout.of(SourceEntities.DISTRIBUTOR_SELLOUT, "2026-05-01,D01,East,DS-000001,1,9.50,x");
    LineParser.Parsed p = csv.parse(bytes("2026-05-01,D01,East,DS-000001,1,9.50,x"), layout);
    assertEquals(LineParser.UNEXPECTED_HEADER, p.code());
    assertEquals(null, p.drift());
    assertEquals("unexpected_header: the first line names none of the declared columns (report_date,distributor_id,"
        + "region,dist_sku,qty,unit_price,retailer): '2026-05-01,D01,East,DS-000001,1,9.50,x'", p.reason());
  }

  @Test
  void aReorderedHeaderWithAnExtraColumnReadsByName() {
    String header = "\uFEFF" + String.join(",", "channel_name", SourceEntities.DISTRIBUTOR_SELLOUT.csvHeader());
    var layout = LineParser.CsvLayout.of(SourceEntities.DISTRIBUTOR_SELLOUT, header);
    LineParser.Parsed p = csv.parse(bytes("KA,2026-05-01,D01,East,DS-000001,1,9.50,x"), layout);
    assertNull(p.code(), p.reason());
    assertArrayEquals(new String[] {"2026-05-01", "D01", "East", "DS-000001", "1", "9.50", "x"}, p.fields());
    assertEquals(java.util.Map.of("channel_name", "KA"), p.extras());
    assertArrayEquals(new String[] {"added:channel_name"}, p.drift());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
