package io.onecustomer.generator;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;

/**
 * Media and their campaigns over the window. Every media has an always-on campaign, plus seasonal
 * campaigns for each year the window touches.
 */
final class Campaigns {
    static final String[] MEDIA = {"douyin", "baidu", "wechat", "display_net", "tmall"};
    static final int DOUYIN = 0;
    static final int BAIDU = 1;
    static final int WECHAT = 2;
    static final int DISPLAY_NET = 3;
    static final int TMALL = 4;
    /** Media that produce clickstream touches (tmall ads live inside the marketplace). */
    static final int CLICK_MEDIA = 4;
    static final String[] UTM_MEDIUM = {"cpc", "cpc", "social", "display", "cpc"};
    /** Share of clickstream ad touches per media (douyin, baidu, wechat, display_net). */
    static final double[] TOUCH_CUMULATIVE = Rng.cumulative(0.35, 0.25, 0.15, 0.25);
    /** Planted causal effect: purchase probability multiplier for the 7 days after a touch. */
    static final double[] TOUCH_BOOST = {2.5, 1.3, 1.1, 1.0};
    static final int TOUCH_EFFECT_DAYS = 7;
    /** Cost per click in fen. */
    static final int[] CPC_FEN = {120, 250, 180, 60, 150};

    record Campaign(String id, int media, String name, int fromDay, int toDay) {}

    private record Season(String name, MonthDay from, MonthDay to, int[] media) {}

    private static final Season[] SEASONS = {
        new Season("spring_sale", MonthDay.of(3, 1), MonthDay.of(4, 15), new int[] {0, 1, 2, 3, 4}),
        new Season("mid_year_618", MonthDay.of(6, 1), MonthDay.of(6, 18), new int[] {0, 2, 4}),
        new Season("summer_home", MonthDay.of(7, 1), MonthDay.of(8, 15), new int[] {0, 1, 3}),
        new Season("autumn_refresh", MonthDay.of(9, 1), MonthDay.of(9, 30), new int[] {2, 3}),
        new Season("double11_presale", MonthDay.of(10, 20), MonthDay.of(11, 11), new int[] {0, 1, 4}),
    };

    final List<Campaign> all;
    /** Campaign indexes active per (media, day). */
    final int[][][] active;

    Campaigns(LocalDate start, int days) {
        List<Campaign> list = new ArrayList<>();
        for (int m = 0; m < MEDIA.length; m++) {
            list.add(new Campaign(id(list.size()), m, MEDIA[m] + "_always_on", 0, days - 1));
        }
        LocalDate end = start.plusDays(days - 1);
        for (int year = start.getYear(); year <= end.getYear(); year++) {
            for (Season s : SEASONS) {
                LocalDate from = s.from().atYear(year);
                LocalDate to = s.to().atYear(year);
                if (to.isBefore(start) || from.isAfter(end)) {
                    continue;
                }
                int f = (int) Math.max(0, from.toEpochDay() - start.toEpochDay());
                int t = (int) Math.min(days - 1, to.toEpochDay() - start.toEpochDay());
                for (int m : s.media()) {
                    list.add(new Campaign(id(list.size()), m, s.name() + "_" + year, f, t));
                }
            }
        }
        all = List.copyOf(list);
        active = new int[MEDIA.length][days][];
        for (int m = 0; m < MEDIA.length; m++) {
            for (int d = 0; d < days; d++) {
                List<Integer> ids = new ArrayList<>();
                for (int c = 0; c < all.size(); c++) {
                    Campaign k = all.get(c);
                    if (k.media() == m && k.fromDay() <= d && d <= k.toDay()) {
                        ids.add(c);
                    }
                }
                active[m][d] = ids.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    private static String id(int index) {
        return String.format("C%04d", index + 1);
    }
}
