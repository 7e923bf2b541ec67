package io.onecustomer.generator;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * docs/landing-formats.md written down independently of the generator's code, and a checker that lists
 * every defect a landing line has. A good line has none; a planted bad line has exactly its reason.
 */
final class ContractSpec {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = strict("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter SLASH = strict("uuuu/MM/dd HH:mm");
    private static final DateTimeFormatter UTC_Z = strict("uuuu-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter DATE = strict("uuuu-MM-dd");
    private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d{2}");
    private static final Pattern ANY_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private static DateTimeFormatter strict(String p) {
        return DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT);
    }

    enum Kind { TEXT, INT, QTY, DEC, TS_LOCAL, TS_SLASH, TS_UTC, TS_OFFSET, TS_EPOCH, DATE, PAST_TS, BIRTHDAY, SKU }

    record Field(String name, Kind kind, boolean nullable, String arg) {}

    record Spec(String source, String entity, boolean csv, List<Field> fields, Set<String> jsonNumbers,
            boolean orderLines, String recordKey) {
        String header() {
            return String.join(",", fields.stream().map(Field::name).toList());
        }

        String table() {
            return source + "_" + entity;
        }
    }

    static Field f(String name, Kind kind) {
        return new Field(name, kind, false, null);
    }

    static Field f(String name, Kind kind, String arg) {
        return new Field(name, kind, false, arg);
    }

    static Field opt(String name, Kind kind) {
        return new Field(name, kind, true, null);
    }

    static Field opt(String name, Kind kind, String arg) {
        return new Field(name, kind, true, arg);
    }

    static final List<Spec> SPECS = List.of(
            new Spec("marketplace", "orders", false, List.of(f("tid", Kind.TEXT, "T\\d{16}"),
                    f("oid", Kind.TEXT, "T\\d{16}-\\d+"), f("buyer_nick", Kind.TEXT), f("receiver_mobile", Kind.TEXT, "1\\d{2}\\*{4}\\d{4}"),
                    f("receiver_city", Kind.TEXT), f("outer_sku_id", Kind.SKU, "TM-"), f("num", Kind.QTY), f("price", Kind.DEC),
                    f("payment", Kind.DEC), f("status", Kind.TEXT, "TRADE_FINISHED|WAIT_BUYER_CONFIRM_GOODS|TRADE_CLOSED"),
                    f("refund_status", Kind.TEXT, "NO_REFUND|SUCCESS"), f("created", Kind.TS_LOCAL)),
                    Set.of("num"), true, "oid"),
            new Spec("miniprogram", "orders", false, List.of(f("order_no", Kind.TEXT, "WX\\d{15}"), f("item_seq", Kind.INT),
                    f("openid", Kind.TEXT), opt("unionid", Kind.TEXT), opt("phone", Kind.TEXT), f("sku", Kind.SKU, "MP-"),
                    f("qty", Kind.QTY), f("amount_fen", Kind.INT), f("pay_time", Kind.TS_UTC),
                    f("status", Kind.TEXT, "PAID|REFUNDED")),
                    Set.of("item_seq", "qty", "amount_fen"), true, "order_no#item_seq"),
            new Spec("miniprogram", "events", false, List.of(f("event_id", Kind.TEXT), f("openid", Kind.TEXT),
                    opt("unionid", Kind.TEXT), f("event", Kind.TEXT, "page_view|add_to_cart|coupon_claim|share"),
                    opt("sku", Kind.SKU, "MP-"), f("ts", Kind.TS_EPOCH)),
                    Set.of("ts"), false, "event_id"),
            new Spec("pos", "sales", true, List.of(f("receipt_no", Kind.TEXT, "R\\d{3}\\d{8}\\d+"), f("line_no", Kind.INT),
                    f("store_id", Kind.TEXT, "S\\d{3}"), f("sale_time", Kind.TS_SLASH), opt("member_card", Kind.TEXT, "MC\\d{8}"),
                    opt("phone", Kind.TEXT), f("store_sku", Kind.SKU, "ST-"), f("qty", Kind.QTY), f("unit_price", Kind.DEC),
                    f("discount", Kind.DEC), f("line_amount", Kind.DEC), f("pay_type", Kind.TEXT, "CASH|CARD|WECHAT_PAY|ALIPAY")),
                    Set.of(), true, "receipt_no#line_no"),
            new Spec("crm", "members", true, List.of(f("member_id", Kind.TEXT, "M\\d{8}"), f("card_no", Kind.TEXT, "MC\\d{8}"),
                    f("phone", Kind.TEXT), opt("email", Kind.TEXT), f("name", Kind.TEXT), opt("birthday", Kind.BIRTHDAY),
                    f("tier", Kind.TEXT, "BASIC|SILVER|GOLD|PLATINUM"), f("consent_sms", Kind.TEXT, "Y|N"),
                    f("consent_email", Kind.TEXT, "Y|N"), opt("registered_store", Kind.TEXT, "S\\d{3}"),
                    f("registered_channel", Kind.TEXT, "pos|miniprogram|web|marketplace"), f("registered_at", Kind.PAST_TS),
                    f("updated_at", Kind.TS_LOCAL)),
                    Set.of(), false, "member_id#updated_at"),
            new Spec("distributor", "sellout", true, List.of(f("report_date", Kind.DATE), f("distributor_id", Kind.TEXT, "D0[1-6]"),
                    f("region", Kind.TEXT, "North|East|South|West|Central"), f("dist_sku", Kind.SKU, "DS-"), f("qty", Kind.QTY),
                    f("unit_price", Kind.DEC), f("retailer", Kind.TEXT)),
                    Set.of(), false, null),
            new Spec("clickstream", "events", false, List.of(f("event_id", Kind.TEXT, "cs-.+"), f("device_id", Kind.TEXT, "d-.+"),
                    f("anonymous_id", Kind.TEXT, "a-.+"), opt("user_id", Kind.TEXT, "M\\d{8}"), f("platform", Kind.TEXT, "web|app"),
                    f("event_type", Kind.TEXT, "view|add_to_cart|coupon_claim|store_locator"), opt("sku", Kind.SKU, "WEB-"),
                    opt("utm_source", Kind.TEXT, "douyin|baidu|wechat|display_net|tmall"), opt("utm_medium", Kind.TEXT),
                    opt("utm_campaign", Kind.TEXT), f("event_time", Kind.TS_OFFSET)),
                    Set.of(), false, "event_id"),
            new Spec("ad_spend", "daily", true, List.of(f("spend_date", Kind.DATE),
                    f("media", Kind.TEXT, "douyin|baidu|wechat|display_net|tmall"), f("campaign_id", Kind.TEXT, "C\\d{4}"),
                    f("campaign_name", Kind.TEXT), f("impressions", Kind.INT), f("clicks", Kind.INT), f("cost", Kind.DEC)),
                    Set.of(), false, null),
            new Spec("service", "tickets", true, List.of(f("ticket_id", Kind.TEXT, "TK\\d+"), f("created_at", Kind.TS_LOCAL),
                    f("contact_channel", Kind.TEXT, "hotline|online_chat|store|marketplace_im"), opt("phone", Kind.TEXT),
                    opt("email", Kind.TEXT), opt("member_id", Kind.TEXT, "M\\d{8}"), opt("order_ref", Kind.TEXT),
                    f("category", Kind.TEXT, "delivery|quality|refund|product_question|complaint"),
                    opt("satisfaction", Kind.INT, "1-5"), f("status", Kind.TEXT, "OPEN|CLOSED")),
                    Set.of(), false, "ticket_id"),
            new Spec("products", "catalog", true, List.of(f("product_code", Kind.TEXT, "P\\d{6}"), f("product_name", Kind.TEXT),
                    f("category", Kind.TEXT), f("list_price", Kind.DEC), f("min_advertised_price", Kind.DEC),
                    f("channel", Kind.TEXT, "marketplace|miniprogram|pos|distributor|web"),
                    f("channel_sku", Kind.TEXT, "(TM|MP|ST|DS|WEB)-\\d{6}"), f("active", Kind.TEXT, "Y|N")),
                    Set.of(), false, null));

    static Spec spec(String source, String entity) {
        return SPECS.stream().filter(s -> s.source.equals(source) && s.entity.equals(entity)).findFirst().orElseThrow();
    }

    static boolean isValidUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Field values of a line (null for JSON null / empty CSV field), or null when the structure is broken. */
    static Map<String, Object> values(Spec spec, String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (spec.csv) {
            List<String> fs = CsvLine.parse(text);
            if (fs.size() != spec.fields.size()) {
                return null;
            }
            for (int i = 0; i < fs.size(); i++) {
                out.put(spec.fields.get(i).name, fs.get(i).isEmpty() ? null : fs.get(i));
            }
            return out;
        }
        try {
            return MiniJson.parseObject(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Every defect of a data line, as reason codes; problems that are not a planted kind are reported as
     * {@code other:...}.
     */
    static Set<String> defects(Spec spec, byte[] line, byte[] previous, LocalDate dt, Set<String> catalogSkus) {
        Set<String> out = new TreeSet<>();
        if (spec.orderLines && previous != null && Arrays.equals(line, previous)) {
            out.add("duplicate");
        }
        boolean utf8 = isValidUtf8(line);
        if (!utf8) {
            out.add("invalid_encoding");
        }
        String text = new String(line, StandardCharsets.UTF_8); // malformed bytes become U+FFFD
        if (text.isBlank()) {
            out.add("other:blank line");
            return out;
        }
        Map<String, Object> v;
        if (spec.csv) {
            List<String> fs;
            try {
                fs = CsvLine.parse(text);
            } catch (IllegalArgumentException e) {
                out.add("other:bad quoting");
                return out;
            }
            if (fs.size() != spec.fields.size()) {
                out.add("wrong_column_count");
                return out;
            }
            v = values(spec, text);
        } else {
            v = values(spec, text);
            if (v == null) {
                out.add("malformed_json");
                return out;
            }
            List<String> names = spec.fields.stream().map(Field::name).toList();
            if (!new ArrayList<>(v.keySet()).equals(names)) {
                out.add("other:keys " + v.keySet());
                return out;
            }
        }
        for (Field f : spec.fields) {
            Object raw = v.get(f.name);
            if (raw instanceof String s && s.indexOf('\uFFFD') >= 0) {
                continue; // the field holding the non-UTF-8 bytes
            }
            if (raw == null) {
                if (!f.nullable) {
                    out.add("other:missing " + f.name);
                }
                continue;
            }
            if (!spec.csv) {
                boolean isNumber = raw instanceof BigDecimal;
                if (spec.jsonNumbers.contains(f.name) && !isNumber) {
                    out.add(f.kind == Kind.TS_EPOCH ? "unparseable_timestamp" : "unparseable_number");
                    continue;
                }
                if (!spec.jsonNumbers.contains(f.name) && !(raw instanceof String)) {
                    out.add("other:" + f.name + " should be a string");
                    continue;
                }
            }
            String s = raw instanceof BigDecimal b ? b.toPlainString() : (String) raw;
            check(f, s, dt, catalogSkus, out);
        }
        return out;
    }

    private static void check(Field f, String s, LocalDate dt, Set<String> catalogSkus, Set<String> out) {
        switch (f.kind) {
            case TEXT -> {
                if (s.isEmpty()) {
                    out.add("other:empty " + f.name);
                } else if (f.arg != null && !s.matches(f.arg)) {
                    out.add("other:" + f.name + " '" + s + "' does not match " + f.arg);
                }
            }
            case INT, QTY -> {
                if (!INTEGER.matcher(s).matches()) {
                    out.add("unparseable_number");
                    return;
                }
                long x = Long.parseLong(s);
                if (f.kind == Kind.QTY && x < 0) {
                    out.add("negative_quantity");
                } else if (f.kind == Kind.QTY && x == 0) {
                    out.add("other:zero quantity");
                } else if ("1-5".equals(f.arg) && (x < 1 || x > 5)) {
                    out.add("other:" + f.name + " out of range");
                } else if (x < 0) {
                    out.add("other:negative " + f.name);
                }
            }
            case DEC -> {
                if (DECIMAL.matcher(s).matches()) {
                    return;
                }
                out.add(ANY_NUMBER.matcher(s).matches() ? "other:" + f.name + " not a 2-place decimal: " + s
                        : "unparseable_number");
            }
            case SKU -> {
                if (!s.matches(Pattern.quote(f.arg) + "\\d{6}")) {
                    out.add("other:" + f.name + " not an SKU: " + s);
                } else if (!catalogSkus.contains(s)) {
                    out.add("unknown_sku");
                }
            }
            case BIRTHDAY -> {
                try {
                    if (!LocalDate.parse(s, DATE).isBefore(dt)) {
                        out.add("other:birthday in the future");
                    }
                } catch (DateTimeParseException e) {
                    out.add("unparseable_timestamp");
                }
            }
            case PAST_TS -> {
                try {
                    if (LocalDateTime.parse(s, LOCAL).toLocalDate().isAfter(dt)) {
                        out.add("other:" + f.name + " after dt");
                    }
                } catch (DateTimeParseException e) {
                    out.add("unparseable_timestamp");
                }
            }
            default -> {
                LocalDate local;
                try {
                    local = localDate(f.kind, s);
                } catch (DateTimeParseException | NumberFormatException e) {
                    out.add("unparseable_timestamp");
                    return;
                }
                if (!local.isBefore(dt.plusDays(30))) {
                    out.add("future_timestamp");
                } else if (!local.equals(dt)) {
                    out.add("other:" + f.name + " " + s + " not within dt " + dt);
                }
            }
        }
    }

    /** The Asia/Shanghai local date of a timestamp value. */
    static LocalDate localDate(Kind kind, String s) {
        return switch (kind) {
            case TS_LOCAL -> LocalDateTime.parse(s, LOCAL).toLocalDate();
            case TS_SLASH -> LocalDateTime.parse(s, SLASH).toLocalDate();
            case TS_UTC -> LocalDateTime.parse(s, UTC_Z).atOffset(ZoneOffset.UTC).atZoneSameInstant(SHANGHAI).toLocalDate();
            case TS_OFFSET -> OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).atZoneSameInstant(SHANGHAI)
                    .toLocalDate();
            case TS_EPOCH -> Instant.ofEpochMilli(Long.parseLong(s)).atZone(SHANGHAI).toLocalDate();
            case DATE -> LocalDate.parse(s, DATE);
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }
}
