package io.onecustomer.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The behaviour rules of the simulated world at the default scale (20,000 people x 180 days), checked
 * on the pure decision functions, without writing files.
 */
class PlantedWorldTest {
    static World w;

    @BeforeAll
    static void build() {
        w = new World(GeneratorConfig.defaults(Path.of("unused")));
    }

    private static double share(java.util.function.IntPredicate p) {
        int c = 0;
        for (int i = 0; i < w.n; i++) {
            c += p.test(i) ? 1 : 0;
        }
        return c / (double) w.n;
    }

    @Test
    void populationHasTheAskedForShares() {
        assertEquals(0.05, share(i -> w.segment[i] == 0), 0.01, "vip");
        assertEquals(0.35, share(i -> w.segment[i] == 1), 0.02, "regular");
        assertEquals(0.45, share(i -> w.has(i, World.F_MEMBER)), 0.03, "CRM members");
        assertEquals(0.60, share(i -> w.has(i, World.F_EMAIL)), 0.03, "email");
        assertEquals(0.05, share(i -> w.has(i, World.F_PHONE2)), 0.015, "second phone");
        assertEquals(0.005, share(i -> w.group[i] > 0), 0.003, "shared family phones");
        assertEquals(0.25, share(i -> w.churnDay[i] != Integer.MAX_VALUE), 0.03, "churners");
        assertTrue(share(i -> Integer.bitCount(w.flags[i] & (World.F_MKT | World.F_MINI | World.F_POS)) >= 2) > 0.35,
                "many omnichannel people");
        double mini = share(i -> w.has(i, World.F_MINI));
        assertTrue(share(i -> w.has(i, World.F_UNIONID)) / mini > 0.8, "unionid for most mini-program users");
        assertEquals(0.5, share(i -> w.has(i, World.F_MP_PHONE)) / mini, 0.05, "phone bound by half the mini users");
    }

    @Test
    void nobodyBuysBeforeFirstActiveOrFromChurnDate() {
        for (int i = 0; i < w.n; i++) {
            for (int d = 0; d < w.days; d++) {
                if (d < w.firstActive[i] || d >= w.churnDay[i] || w.inGap(i, d)) {
                    assertEquals(-1, w.purchaseChannel(i, d), "person " + i + " day " + d);
                }
            }
        }
    }

    @Test
    void adTouchesHaveThePlantedEffects() {
        // purchases in the 7 days after a touch, per media, against web users' overall daily rate
        long[] buys = new long[Campaigns.CLICK_MEDIA];
        long[] days = new long[Campaigns.CLICK_MEDIA];
        long baseBuys = 0;
        long baseDays = 0;
        for (int i = 0; i < w.n; i++) {
            if (!w.has(i, World.F_WEB)) {
                continue;
            }
            int end = Math.min(w.days, w.churnDay[i]);
            for (int d = Math.max(0, w.firstActive[i]); d < end; d++) {
                baseDays++;
                baseBuys += w.purchaseChannel(i, d) >= 0 ? 1 : 0;
            }
            for (int k = w.touchOffset[i]; k < w.touchOffset[i + 1]; k++) {
                int td = w.touches[k] >>> 3;
                int media = w.touches[k] & 7;
                for (int d = td + 1; d <= td + 7 && d < end; d++) {
                    days[media]++;
                    buys[media] += w.purchaseChannel(i, d) >= 0 ? 1 : 0;
                }
            }
        }
        double base = baseBuys / (double) baseDays;
        double douyin = buys[Campaigns.DOUYIN] / (double) days[Campaigns.DOUYIN] / base;
        double baidu = buys[Campaigns.BAIDU] / (double) days[Campaigns.BAIDU] / base;
        double display = buys[Campaigns.DISPLAY_NET] / (double) days[Campaigns.DISPLAY_NET] / base;
        assertTrue(douyin > 2.0, "douyin lift " + douyin);
        assertTrue(baidu > 1.05 && baidu < douyin, "baidu lift " + baidu);
        assertTrue(display > 0.8 && display < 1.2, "display_net lift " + display);
    }

    @Test
    void posSalesDropOnlyInThePlantedRegionAndWindow() {
        int regions = Geo.REGIONS.length;
        long[][] pos = new long[regions][w.days];
        for (int i = 0; i < w.n; i++) {
            for (int d = 0; d < w.days; d++) {
                if (w.purchaseChannel(i, d) == World.POS) {
                    pos[w.region[i]][d]++;
                }
            }
        }
        assertTrue(w.dropFrom >= w.days - 30, "the drop is in the last month");
        assertEquals(9, w.dropTo - w.dropFrom);
        for (int r = 0; r < regions; r++) {
            double in = 0;
            double before = 0;
            for (int d = w.dropFrom; d <= w.dropTo; d++) {
                in += pos[r][d];
            }
            for (int d = w.dropFrom - 28; d < w.dropFrom; d++) {
                before += pos[r][d];
            }
            double ratio = (in / 10) / (before / 28);
            if (r == w.dropRegion) {
                assertTrue(ratio > 0.25 && ratio < 0.55, "planted drop ratio " + ratio);
            } else {
                assertTrue(ratio > 0.8, Geo.REGIONS[r] + " does not drop: " + ratio);
            }
        }
    }

    @Test
    void promotionsTripleMarketplaceOrders() {
        long promo = 0;
        long normal = 0;
        int promoDays = 0;
        for (int d = 0; d < w.days; d++) {
            long c = 0;
            for (int i = 0; i < w.n; i++) {
                c += w.purchaseChannel(i, d) == World.MKT ? 1 : 0;
            }
            if (w.promoDay[d]) {
                promo += c;
                promoDays++;
            } else {
                normal += c;
            }
        }
        assertEquals(6, promoDays, "618 and double 11, three days each");
        double lift = (promo / (double) promoDays) / (normal / (double) (w.days - promoDays));
        assertTrue(lift > 2.4 && lift < 3.6, "promotion lift " + lift);
    }

    @Test
    void sofaBuyersOftenBuyACoffeeTableWithin90Days() {
        int sofa = 0;
        int followed = 0;
        int others = 0;
        int othersCoffee = 0;
        OrderPlan plan = new OrderPlan();
        for (int i = 0; i < w.n; i++) {
            if (w.sofaDay[i] != Integer.MIN_VALUE && w.sofaDay[i] + 90 < w.days) {
                int ch = w.purchaseChannel(i, w.sofaDay[i]);
                assertTrue(ch >= 0);
                assertEquals(Catalog.SOFA, w.catalog.category[plan.plan(w, i, w.sofaDay[i], ch).product[0]]);
                sofa++;
                followed += w.coffeeDay[i] != Integer.MIN_VALUE && w.coffeeDay[i] <= w.sofaDay[i] + 90 ? 1 : 0;
            } else if (w.sofaDay[i] == Integer.MIN_VALUE) {
                others++;
                othersCoffee += w.coffeeDay[i] != Integer.MIN_VALUE ? 1 : 0;
            }
        }
        double rate = followed / (double) sofa;
        assertTrue(sofa > 500, "sofa buyers " + sofa);
        assertTrue(rate > 0.4, "coffee table follow-up rate " + rate);
        assertTrue(othersCoffee / (double) others < 0.05, "baseline coffee table rate");
    }

    @Test
    void vipSpendMoreThanOccasionalBuyers() {
        double[] spend = new double[3];
        int[] count = new int[3];
        OrderPlan plan = new OrderPlan();
        for (int i = 0; i < w.n; i++) {
            count[w.segment[i]]++;
            for (int d = 0; d < w.days; d++) {
                int ch = w.purchaseChannel(i, d);
                if (ch >= 0) {
                    plan.plan(w, i, d, ch);
                    for (int k = 0; k < plan.lines; k++) {
                        spend[w.segment[i]] += w.catalog.listCents[plan.product[k]] * plan.qty[k];
                    }
                }
            }
        }
        double vip = spend[0] / count[0];
        double regular = spend[1] / count[1];
        double occasional = spend[2] / count[2];
        assertTrue(vip > 3 * regular && regular > 2 * occasional, vip + " " + regular + " " + occasional);
    }
}
