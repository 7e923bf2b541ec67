package io.onecustomer.generator;

/**
 * The contents of one person's order on one day, re-derivable at any time from (seed, person, day,
 * channel): used to write the order, to browse its products in the days before, and to reference it
 * from a service ticket days later.
 */
final class OrderPlan {
    static final int MAX_LINES = 4;
    /** Random (unplanned) orders never contain sofas or coffee tables: those come from the planted plans. */
    private static final double[] CATEGORY_CUMULATIVE = Rng.cumulative(0, 0, 6, 7, 20, 8, 22, 14, 18);
    private static final double[][] LINES_CUMULATIVE = {
        Rng.cumulative(40, 30, 20, 10), Rng.cumulative(55, 30, 12, 3), Rng.cumulative(70, 25, 5, 0)
    };
    private static final double[] SKEW = {0.5, 1.0, 2.0};

    private final Rng rng = new Rng();
    int channel;
    int sec;
    int store;
    int lines;
    final int[] product = new int[MAX_LINES];
    final int[] qty = new int[MAX_LINES];
    int discountPct;
    double statusDraw;
    double extraDraw;

    OrderPlan plan(World w, int i, int day, int ch) {
        rng.reseed(Hash.of(w.kOrder, i, day));
        channel = ch;
        if (ch == World.POS) {
            sec = rng.between(10 * 3600, 22 * 3600 - 1);
        } else {
            sec = rng.chance(0.7) ? rng.between(9 * 3600, 86399) : rng.nextInt(86400);
        }
        int r = w.region[i];
        store = w.homeStore[i];
        if (rng.chance(0.10)) {
            int[] stores = Geo.STORES_BY_REGION[r];
            store = stores[rng.nextInt(stores.length)];
        }
        int seg = w.segment[i];
        lines = 1 + rng.pick(LINES_CUMULATIVE[seg]);
        Catalog c = w.catalog;
        int k = 0;
        if (day == w.sofaDay[i]) {
            product[k++] = pickIn(c, Catalog.SOFA, seg, day);
        } else if (day == w.coffeeDay[i]) {
            product[k++] = pickIn(c, Catalog.COFFEE_TABLE, seg, day);
        }
        int guard = 0;
        while (k < lines && guard++ < 20) {
            int p = pickIn(c, rng.pick(CATEGORY_CUMULATIVE), seg, day);
            boolean dup = false;
            for (int j = 0; j < k; j++) {
                dup |= product[j] == p;
            }
            if (!dup) {
                product[k++] = p;
            }
        }
        lines = k;
        for (int j = 0; j < lines; j++) {
            qty[j] = quantity(c.category[product[j]]);
        }
        boolean promo = w.promoDay[day];
        discountPct = switch (ch) {
            case World.MKT -> promo ? rng.between(15, 25) : rng.between(0, 10);
            case World.MINI -> promo ? rng.between(10, 15) : rng.between(0, 8);
            default -> rng.between(0, 10);
        };
        statusDraw = rng.nextDouble();
        extraDraw = rng.nextDouble();
        return this;
    }

    private int pickIn(Catalog c, int category, int segment, int day) {
        int[] ps = c.byCategory[category];
        int idx = Math.min(ps.length - 1, (int) (ps.length * StrictMath.pow(rng.nextDouble(), SKEW[segment])));
        for (int t = 0; t < ps.length; t++) {
            int p = ps[(idx + t) % ps.length];
            if (c.activeOn(p, day)) {
                return p;
            }
        }
        return ps[idx];
    }

    private int quantity(int category) {
        return switch (category) {
            case 4 -> { // chair
                double u = rng.nextDouble();
                yield u < 0.40 ? 1 : (u < 0.75 ? 2 : 4);
            }
            case 6, 7, 8 -> rng.chance(0.2) ? 2 : 1;
            default -> 1;
        };
    }
}
