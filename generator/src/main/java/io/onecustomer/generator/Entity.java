package io.onecustomer.generator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The landing entities of docs/landing-formats.md: file layout, columns in contract order, and which
 * fields each kind of bad row may touch.
 */
enum Entity {
    MARKETPLACE_ORDERS("marketplace", "orders", false,
            new String[] {"tid", "oid", "buyer_nick", "receiver_mobile", "receiver_city", "outer_sku_id", "num", "price",
                "payment", "status", "refund_status", "created"},
            new int[] {6}, new int[] {6, 7, 8}, 6, 5, Catalog.CH_MARKETPLACE, 11, TsFormat.LOCAL_SECONDS, 4,
            Gbk.SHANGHAI, new int[] {1}, true, false),
    MINIPROGRAM_ORDERS("miniprogram", "orders", false,
            new String[] {"order_no", "item_seq", "openid", "unionid", "phone", "sku", "qty", "amount_fen", "pay_time",
                "status"},
            new int[] {1, 6, 7}, new int[] {6, 7}, 6, 5, Catalog.CH_MINIPROGRAM, 8, TsFormat.ISO_UTC, 9,
            Gbk.PAID, new int[] {0, 1}, true, false),
    MINIPROGRAM_EVENTS("miniprogram", "events", false,
            new String[] {"event_id", "openid", "unionid", "event", "sku", "ts"},
            new int[] {5}, new int[] {}, -1, 4, Catalog.CH_MINIPROGRAM, 5, TsFormat.EPOCH_MILLIS, 3,
            Gbk.BROWSE, new int[] {0}, false, false),
    POS_SALES("pos", "sales", true,
            new String[] {"receipt_no", "line_no", "store_id", "sale_time", "member_card", "phone", "store_sku", "qty",
                "unit_price", "discount", "line_amount", "pay_type"},
            new int[] {}, new int[] {7, 8, 9, 10}, 7, 6, Catalog.CH_POS, 3, TsFormat.SLASH_MINUTES, 11,
            Gbk.WECHAT_PAY, new int[] {0, 1}, true, false),
    CRM_MEMBERS("crm", "members", true,
            new String[] {"member_id", "card_no", "phone", "email", "name", "birthday", "tier", "consent_sms",
                "consent_email", "registered_store", "registered_channel", "registered_at", "updated_at"},
            new int[] {}, new int[] {}, -1, -1, -1, 12, TsFormat.LOCAL_SECONDS, 4,
            Gbk.LI_WEI, new int[] {0, 12}, false, false),
    DISTRIBUTOR_SELLOUT("distributor", "sellout", true,
            new String[] {"report_date", "distributor_id", "region", "dist_sku", "qty", "unit_price", "retailer"},
            new int[] {}, new int[] {4, 5}, 4, 3, Catalog.CH_DISTRIBUTOR, 0, TsFormat.DATE, 6,
            Gbk.HUAMEI, null, false, false),
    CLICKSTREAM_EVENTS("clickstream", "events", false,
            new String[] {"event_id", "device_id", "anonymous_id", "user_id", "platform", "event_type", "sku",
                "utm_source", "utm_medium", "utm_campaign", "event_time"},
            new int[] {}, new int[] {}, -1, 6, Catalog.CH_WEB, 10, TsFormat.ISO_OFFSET_MILLIS, 9,
            Gbk.SPRING_SALE, new int[] {0}, false, false),
    AD_SPEND_DAILY("ad_spend", "daily", true,
            new String[] {"spend_date", "media", "campaign_id", "campaign_name", "impressions", "clicks", "cost"},
            new int[] {}, new int[] {4, 5, 6}, -1, -1, -1, 0, TsFormat.DATE, 3,
            Gbk.SPRING_SALE, null, false, false),
    SERVICE_TICKETS("service", "tickets", true,
            new String[] {"ticket_id", "created_at", "contact_channel", "phone", "email", "member_id", "order_ref",
                "category", "satisfaction", "status"},
            new int[] {}, new int[] {8}, -1, -1, -1, 1, TsFormat.LOCAL_SECONDS, 7,
            Gbk.COMPLAINT, new int[] {0}, false, false),
    PRODUCTS_CATALOG("products", "catalog", true,
            new String[] {"product_code", "product_name", "category", "list_price", "min_advertised_price", "channel",
                "channel_sku", "active"},
            new int[] {}, new int[] {3, 4}, -1, -1, -1, -1, null, 1,
            Gbk.FABRIC_SOFA, null, false, true);

    final String source;
    final String entity;
    final boolean csv;
    final String[] columns;
    final boolean[] jsonNumber;
    final int[] numberFields;
    final int qtyField;
    final int skuField;
    final int skuChannel;
    final int tsField;
    final TsFormat tsFormat;
    final int encodingField;
    final byte[] gbkText;
    /** Fields joined with '#' into the truth record key; null when the entity has no truth records. */
    final int[] keyFields;
    final boolean duplicates;
    /** Bad rows are extra corrupted copies, so the good rows still form a complete snapshot. */
    final boolean extraCopies;
    final BadKind[] kinds;
    final byte[][] jsonNames;
    final String header;

    Entity(String source, String entity, boolean csv, String[] columns, int[] jsonNumbers, int[] numberFields,
            int qtyField, int skuField, int skuChannel, int tsField, TsFormat tsFormat, int encodingField,
            byte[] gbkText, int[] keyFields, boolean duplicates, boolean extraCopies) {
        this.source = source;
        this.entity = entity;
        this.csv = csv;
        this.columns = columns;
        this.jsonNumber = new boolean[columns.length];
        for (int f : jsonNumbers) {
            this.jsonNumber[f] = true;
        }
        this.numberFields = numberFields;
        this.qtyField = qtyField;
        this.skuField = skuField;
        this.skuChannel = skuChannel;
        this.tsField = tsField;
        this.tsFormat = tsFormat;
        this.encodingField = encodingField;
        this.gbkText = gbkText;
        this.keyFields = keyFields;
        this.duplicates = duplicates;
        this.extraCopies = extraCopies;
        List<BadKind> k = new ArrayList<>();
        k.add(csv ? BadKind.WRONG_COLUMN_COUNT : BadKind.MALFORMED_JSON);
        if (numberFields.length > 0) {
            k.add(BadKind.UNPARSEABLE_NUMBER);
        }
        if (tsField >= 0 && tsFormat != TsFormat.EPOCH_MILLIS) {
            k.add(BadKind.UNPARSEABLE_TIMESTAMP);
        }
        if (qtyField >= 0) {
            k.add(BadKind.NEGATIVE_QUANTITY);
        }
        if (tsField >= 0) {
            k.add(BadKind.FUTURE_TIMESTAMP);
        }
        k.add(BadKind.INVALID_ENCODING);
        if (skuField >= 0) {
            k.add(BadKind.UNKNOWN_SKU);
        }
        if (duplicates) {
            k.add(BadKind.DUPLICATE);
        }
        this.kinds = k.toArray(new BadKind[0]);
        this.jsonNames = new byte[columns.length][];
        for (int i = 0; i < columns.length; i++) {
            this.jsonNames[i] = ("\"" + columns[i] + "\":").getBytes(StandardCharsets.US_ASCII);
        }
        this.header = String.join(",", columns);
    }

    String extension() {
        return csv ? "csv" : "jsonl";
    }

    /** {@code marketplace_orders}: the bronze table name and the truth records folder. */
    String tableName() {
        return source + "_" + entity;
    }
}
