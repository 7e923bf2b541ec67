package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Normalisation of identifiers, as column expressions (no UDFs), so that the same person's phone
 * typed as "+86 138-1234-5678" at a store and "13812345678" in the CRM compare equal.
 */
public final class Identifiers {
  private Identifiers() {}

  // Identifier types, as they appear in silver.identifiers.id_type.
  public static final String PHONE = "phone";
  public static final String PHONE_MASKED = "phone_masked";
  public static final String EMAIL = "email";
  public static final String MEMBER_ID = "member_id";
  public static final String CARD_NO = "card_no";
  public static final String BUYER_NICK = "buyer_nick";
  public static final String OPENID = "openid";
  public static final String UNIONID = "unionid";
  public static final String DEVICE_ID = "device_id";
  public static final String ANONYMOUS_ID = "anonymous_id";

  /** Identifier types that name a person (the weak masked phone does not): what erasure removes. */
  public static final List<String> PERSONAL_TYPES = List.of(PHONE, EMAIL, MEMBER_ID, CARD_NO,
      BUYER_NICK, OPENID, UNIONID, DEVICE_ID, ANONYMOUS_ID);

  /** A canonical mainland mobile number: +86 then 11 digits starting with 1. */
  public static final String CANONICAL_PHONE = "^\\+861[0-9]{10}$";
  public static final String VALID_EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

  /**
   * Phone to canonical {@code +86XXXXXXXXXXX}: strips spaces, dashes, brackets and a leading
   * {@code +86}, {@code 0086}, {@code 86} or trunk {@code 0}. A value that does not become an
   * 11-digit mobile keeps its bare digits (so it can still be audited) and is invalid by {@link
   * #CANONICAL_PHONE}. Masked phones (with {@code *}) are not phones: see {@link #maskedPhone}.
   */
  public static Column normalisePhone(Column raw) {
    Column d = regexp_replace(raw, "[^0-9]", "");
    Column local =
        when(d.startsWith("0086").and(length(d).equalTo(15)), substring(d, 5, 11))
            .when(d.startsWith("86").and(length(d).equalTo(13)), substring(d, 3, 11))
            .when(d.startsWith("0").and(length(d).equalTo(12)), substring(d, 2, 11))
            .otherwise(d);
    return when(raw.isNull().or(raw.contains("*")), lit(null).cast("string"))
        .when(length(d).equalTo(0), lit(null).cast("string"))
        .when(local.rlike("^1[0-9]{10}$"), concat(lit("+86"), local))
        .otherwise(local);
  }

  /** A masked phone like {@code 138****1234}, kept as a weak identifier; null otherwise. */
  public static Column maskedPhone(Column raw) {
    Column cleaned = regexp_replace(raw, "[^0-9*]", "");
    return when(raw.contains("*").and(cleaned.rlike("^[0-9]{3}\\*{4}[0-9]{4}$")), cleaned);
  }

  /** Email lower-cased and trimmed; empty becomes null. */
  public static Column normaliseEmail(Column raw) {
    Column e = lower(trim(raw));
    return when(length(e).gt(0), e);
  }

  /** Ids issued by systems (member ids, cards): trimmed, upper-cased; empty becomes null. */
  public static Column normaliseCode(Column raw) {
    Column v = upper(trim(raw));
    return when(length(v).gt(0), v);
  }

  /** Opaque ids (open ids, devices, nicknames): trimmed only, case matters. */
  public static Column normaliseOpaque(Column raw) {
    Column v = trim(raw);
    return when(length(v).gt(0), v);
  }
}
