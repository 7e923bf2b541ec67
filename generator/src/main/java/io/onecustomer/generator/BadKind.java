package io.onecustomer.generator;

/** The kinds of bad rows the generator plants, with the expected bronze outcome and reason code. */
enum BadKind {
    MALFORMED_JSON("truncated_json", "reject", "malformed_json"),
    WRONG_COLUMN_COUNT("wrong_column_count", "reject", "wrong_column_count"),
    UNPARSEABLE_NUMBER("unparseable_number", "reject", "unparseable_number"),
    UNPARSEABLE_TIMESTAMP("unparseable_timestamp", "reject", "unparseable_timestamp"),
    NEGATIVE_QUANTITY("negative_quantity", "reject", "negative_quantity"),
    FUTURE_TIMESTAMP("future_timestamp", "reject", "future_timestamp"),
    INVALID_ENCODING("gbk_bytes", "reject", "invalid_encoding"),
    UNKNOWN_SKU("unknown_sku", "flag", "unknown_sku"),
    DUPLICATE("duplicate_order_line", "dedupe", "duplicate");

    final String kind;
    final String expected;
    final String reason;

    BadKind(String kind, String expected, String reason) {
        this.kind = kind;
        this.expected = expected;
        this.reason = reason;
    }
}
