package io.onecustomer.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * About 200 products in categories, each with a list price, a minimum advertised price (MAP) and one SKU
 * per channel. Channel SKU numbers differ between channels (a bijection per channel) so that only the
 * catalog maps a channel SKU to its product code.
 */
final class Catalog {
    static final String[] CHANNELS = {"marketplace", "miniprogram", "pos", "distributor", "web"};
    static final String[] SKU_PREFIX = {"TM-", "MP-", "ST-", "DS-", "WEB-"};
    static final int CH_MARKETPLACE = 0;
    static final int CH_MINIPROGRAM = 1;
    static final int CH_POS = 2;
    static final int CH_DISTRIBUTOR = 3;
    static final int CH_WEB = 4;

    static final String[] CATEGORIES = {
        "sofa", "coffee_table", "bed", "mattress", "chair", "dining_table", "lamp", "rug", "storage"
    };
    static final int SOFA = 0;
    static final int COFFEE_TABLE = 1;
    private static final int[] COUNTS = {22, 16, 16, 14, 30, 18, 30, 24, 30};
    private static final int[][] PRICE_RANGE = {
        {2999, 8999}, {699, 2499}, {1999, 6999}, {1499, 5999}, {299, 1499}, {1299, 4999}, {129, 999},
        {199, 1999}, {399, 2999}
    };
    private static final String[][] WORD_A = {
        {"Linen", "Velvet", "Leather", "Boucle", "Cotton", "Corduroy"},
        {"Oak", "Walnut", "Ash", "Marble", "Glass", "Teak"},
        {"Oak", "Walnut", "Ash", "Upholstered", "Rattan", "Pine"},
        {"Pocket Spring", "Memory Foam", "Latex", "Hybrid", "Coir"},
        {"Nordic", "Bentwood", "Rattan", "Mesh", "Wishbone", "Windsor", "Cane", "Tulip"},
        {"Oak", "Walnut", "Ash", "Marble", "Teak", "Extendable"},
        {"Paper", "Brass", "Ceramic", "Arc", "Mushroom", "Rattan", "Glass", "Linen"},
        {"Wool", "Jute", "Berber", "Kilim", "Shag", "Silk", "Cotton", "Vintage"},
        {"Oak", "Pine", "White", "Walnut", "Black"},
    };
    private static final String[][] WORD_B = {
        {"Sofa 2-seat", "Sofa 3-seat", "Corner Sofa", "Sofa Bed", "Modular Sofa"},
        {"Coffee Table, round", "Coffee Table, oval", "Coffee Table, square", "Nesting Coffee Tables"},
        {"Bed Frame 1.5m", "Bed Frame 1.8m", "Bed Frame 2.0m"},
        {"Mattress 1.5m", "Mattress 1.8m", "Mattress 2.0m"},
        {"Dining Chair", "Lounge Chair", "Office Chair", "Accent Chair"},
        {"Dining Table 4-seat", "Dining Table 6-seat", "Dining Table 8-seat"},
        {"Floor Lamp", "Table Lamp", "Desk Lamp", "Pendant Lamp"},
        {"Rug 120x170", "Rug 160x230", "Rug 200x300"},
        {"Bookcase", "Wardrobe", "Sideboard", "Shoe Cabinet", "Drawer Chest", "TV Bench"},
    };

    final int size;
    final String[] code;
    final String[] name;
    final int[] category;
    final long[] listCents;
    final long[] mapCents;
    /** Channel SKU number (6 digits) per channel and product. */
    final int[][] skuNumber;
    /** First day (window index) on which the product is inactive; Integer.MAX_VALUE when always active. */
    final int[] inactiveFrom;
    /** Products of each category sorted by list price ascending. */
    final int[][] byCategory;
    private final Hash.Affine[] skuPerm = new Hash.Affine[CHANNELS.length];

    Catalog(long seed, int days) {
        int n = Arrays.stream(COUNTS).sum();
        size = n;
        code = new String[n];
        name = new String[n];
        category = new int[n];
        listCents = new long[n];
        mapCents = new long[n];
        inactiveFrom = new int[n];
        byCategory = new int[CATEGORIES.length][];
        Rng rng = new Rng(Hash.streamKey(seed, 901));
        int p = 0;
        for (int c = 0; c < CATEGORIES.length; c++) {
            List<String> combos = new ArrayList<>();
            for (String a : WORD_A[c]) {
                for (String b : WORD_B[c]) {
                    combos.add(a + " " + b);
                }
            }
            for (int i = combos.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                String t = combos.get(i);
                combos.set(i, combos.get(j));
                combos.set(j, t);
            }
            long[] prices = new long[COUNTS[c]];
            for (int k = 0; k < COUNTS[c]; k++) {
                int lo = PRICE_RANGE[c][0];
                int hi = PRICE_RANGE[c][1];
                long yuan = lo + (long) ((hi - lo) * rng.nextDouble());
                yuan = Math.max(lo, (yuan / 10) * 10 + 9);
                prices[k] = yuan * 100;
            }
            Arrays.sort(prices);
            byCategory[c] = new int[COUNTS[c]];
            for (int k = 0; k < COUNTS[c]; k++, p++) {
                code[p] = String.format("P%06d", p + 1);
                name[p] = combos.get(k);
                category[p] = c;
                listCents[p] = prices[k];
                mapCents[p] = (prices[k] * 9 / 10) / 100 * 100;
                byCategory[c][k] = p;
                inactiveFrom[p] = Integer.MAX_VALUE;
            }
        }
        // a few products are discontinued during the window (never sofa / coffee_table, which carry the cross-sell)
        int discontinued = 8;
        for (int k = 0; k < discontinued; k++) {
            int q = byCategory[4 + k % 5][rng.nextInt(byCategory[4 + k % 5].length)];
            inactiveFrom[q] = Math.max(1, days / 3 + rng.nextInt(Math.max(1, days - days / 3)));
        }
        skuNumber = new int[CHANNELS.length][n];
        for (int ch = 0; ch < CHANNELS.length; ch++) {
            skuPerm[ch] = new Hash.Affine(800_000, Hash.streamKey(seed, 910 + ch));
            for (int q = 0; q < n; q++) {
                skuNumber[ch][q] = 100_000 + (int) skuPerm[ch].apply(q);
            }
        }
    }

    boolean activeOn(int product, int day) {
        return day < inactiveFrom[product];
    }

    void appendSku(StringBuilder sb, int channel, int product) {
        sb.append(SKU_PREFIX[channel]);
        Fmt.pad(sb, skuNumber[channel][product], 6);
    }

    String sku(int channel, int product) {
        StringBuilder sb = new StringBuilder(10);
        appendSku(sb, channel, product);
        return sb.toString();
    }

    /** An SKU in the channel's format that is not in the catalog (numbers 900000-999999 are never used). */
    static String unknownSku(int channel, Rng rng) {
        StringBuilder sb = new StringBuilder(10).append(SKU_PREFIX[channel]);
        Fmt.pad(sb, 900_000 + rng.nextInt(100_000), 6);
        return sb.toString();
    }
}
