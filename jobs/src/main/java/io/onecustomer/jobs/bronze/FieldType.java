package io.onecustomer.jobs.bronze;

/** How a raw text field is typed in bronze, and the reason code when it cannot be. */
public enum FieldType {
  /** Kept as text; an empty field is null. */
  STRING("invalid_value"),
  /** Whole number that fits an int. */
  INT("unparseable_number"),
  /** Whole number that fits a long. */
  LONG("unparseable_number"),
  /** Decimal amount, stored as decimal(18,2). */
  DECIMAL("unparseable_number"),
  /** A date in the field's pattern. */
  DATE("unparseable_timestamp"),
  /** A local date-time in the field's pattern, in the brand time zone; stored as an instant. */
  LOCAL_TIMESTAMP("unparseable_timestamp"),
  /** ISO-8601 with an offset or Z. */
  ISO_TIMESTAMP("unparseable_timestamp"),
  /** Milliseconds since the epoch. */
  EPOCH_MILLIS("unparseable_timestamp"),
  /** Y or N. */
  FLAG_YN("invalid_value");

  private final String reasonCode;

  FieldType(String reasonCode) {
    this.reasonCode = reasonCode;
  }

  /** Reason code when a present value cannot be typed. */
  public String reasonCode() {
    return reasonCode;
  }

  public boolean isTimestamp() {
    return this == LOCAL_TIMESTAMP || this == ISO_TIMESTAMP || this == EPOCH_MILLIS;
  }
}
