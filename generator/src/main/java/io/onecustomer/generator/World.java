package io.onecustomer.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulated people and the rules of their behaviour. Numeric per-person state lives in primitive
 * arrays built once from (seed, person index); strings (ids, phones, emails) are derived on demand.
 * Every behavioural decision is a pure function of (seed, person, day), so any day can be generated
 * on its own, on any thread.
 */
final class World {
    // channels for purchases (same indexes as Catalog channels)
    static final int MKT = Catalog.CH_MARKETPLACE;
    static final int MINI = Catalog.CH_MINIPROGRAM;
    static final int POS = Catalog.CH_POS;

    // person flags
    static final int F_MKT = 1;
    static final int F_MINI = 1 << 1;
    static final int F_POS = 1 << 2;
    static final int F_WEB = 1 << 3;
    static final int F_MEMBER = 1 << 4;
    static final int F_EMAIL = 1 << 5;
    static final int F_PHONE2 = 1 << 6;
    static final int F_UNIONID = 1 << 7;
    static final int F_MP_PHONE = 1 << 8;
    static final int F_FADING = 1 << 9;
    static final int F_CN_NAME = 1 << 10;
    static final int F_BIRTHDAY = 1 << 11;
    static final int DEVICE_SHIFT = 12; // 2 bits: number of devices (0..3)

    static final String[] SEGMENTS = {"vip", "regular", "occasional"};
    static final int VIP = 0;
    static final double[] SEGMENT_CUMULATIVE = Rng.cumulative(0.05, 0.35, 0.60);
    /** Base daily purchase probability per segment (before individual factor and day effects). */
    static final double[] SEGMENT_RATE = {0.075, 0.027, 0.0085};
    /** Daily probability of an organic clickstream session for web users. */
    static final double[] SEGMENT_VISIT = {0.23, 0.125, 0.075};
    /** Daily probability of an organic mini-program visit for mini-program users. */
    static final double[] SEGMENT_MP_VISIT = {0.12, 0.07, 0.04};
    /** Share of members registered before the window whose profile changes (and so appear in CRM) in it. */
    static final double PROFILE_CHANGE_EXISTING = 0.35;
    static final double PROFILE_CHANGE_NEW = 0.15;

    static final double CHURN_SHARE = 0.25;
    static final double CHURN_VISIT_FACTOR = 0.03;
    static final double GAP_VISIT_FACTOR = 0.1;
    static final double TICKET_RATE = 0.02;
    static final int TICKET_MAX_DELAY = 9;
    static final double PROMO_MARKETPLACE = 3.0;
    static final double PROMO_MINIPROGRAM = 1.5;
    static final double WEEKEND_POS = 1.6;
    static final double DROP_FACTOR = 0.4;
    static final double PREBROWSE_POS = 0.6;
    static final double PREBROWSE_ONLINE = 0.3;
    static final double CROSS_SELL_SHARE = 0.55;

    static final String[] SURNAMES = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
        "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo"};
    static final String[] SURNAMES_CN = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
        "胡", "郭", "何", "林", "高", "罗"};
    static final String[] GIVEN = {"Wei", "Fang", "Na", "Min", "Jing", "Lei", "Yang", "Jun", "Yan", "Tao", "Ming",
        "Chao", "Xiu Ying", "Hua", "Li", "Qiang", "Lin", "Ping", "Gang", "Hui"};
    static final String[] GIVEN_CN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "军", "燕", "涛", "明", "超", "秀英", "华",
        "丽", "强", "琳", "平", "刚", "慧"};
    static final String[] EMAIL_DOMAINS = {"qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "sina.com",
        "foxmail.com"};

    final GeneratorConfig cfg;
    final int n;
    final int days;
    final long seed;
    final LocalDate start;
    final double adTouchRate;
    final long startEpochDay;
    final Catalog catalog;
    final Campaigns campaigns;

    final byte[] region;
    final byte[] city;
    final byte[] segment;
    final short[] homeStore;
    final int[] flags;
    final int[] firstActive;
    final int[] churnDay;
    final int[] gapStart;
    final int[] gapEnd;
    final int[] phoneChangeDay;
    final int[] regDay;
    final int[] profileDay;
    final int[] complaintDay;
    final int[] sofaDay;
    final int[] coffeeDay;
    final float[] rate;
    final float[] shareMkt;
    final float[] shareMini;
    final float[] sharePos;
    final int[] phoneOwner;
    final int[] group;
    final int groups;
    final int[] touchOffset;
    final int[] touches;

    // day effects, sized days + LOOKAHEAD so that look-ahead decisions past the window stay defined
    static final int LOOKAHEAD = 8;
    final float[] fMkt;
    final float[] fMini;
    final float[][] fPos;
    final boolean[] promoDay;
    final List<int[]> promotions = new ArrayList<>(); // {fromDay, toDay}
    final int dropRegion;
    final int dropFrom;
    final int dropTo; // inclusive

    // planted distributor anomalies (window day indexes, inclusive)
    final int diversionDistributor = 3; // D04, authorised West
    final int diversionRegion = 4; // reports Central
    final int diversionFrom;
    final int diversionTo;
    final int lowPriceDistributor = 1; // D02
    final int[] lowPriceProducts;
    final int lowPriceFrom;
    final int lowPriceTo;

    // stream keys
    final long kPerson;
    final long kGroup;
    final long kTouch;
    final long kBuy;
    final long kOrder;
    final long kTicket;
    final long kPrebrowse;
    final long kVisit;
    final long kMpVisit;
    final long kSession;
    final long kCrm;
    final long kNoise;
    /** Per-day bijections giving orders and tickets unique, unlinkable numbers: [MKT, MINI, POS, TICKET][day]. */
    private final Hash.Affine[][] idPerm;
    private final Hash.Affine phonePerm;
    private final Hash.Affine memberPerm;
    private final Hash.Affine cardPerm;
    private final Hash.Affine emailPerm;
    private final long saltOpen;
    private final long saltUnion;
    private final long saltDevice;
    private final long saltAnon;
    private final int saltNick;

    World(GeneratorConfig cfg) {
        this.cfg = cfg;
        this.n = cfg.people();
        this.days = cfg.days();
        this.seed = cfg.seed();
        this.start = cfg.start();
        this.adTouchRate = cfg.adTouchRate();
        this.startEpochDay = start.toEpochDay();
        this.catalog = new Catalog(seed, days);
        this.campaigns = new Campaigns(start, days);
        kPerson = Hash.streamKey(seed, 1);
        kGroup = Hash.streamKey(seed, 2);
        kTouch = Hash.streamKey(seed, 3);
        kBuy = Hash.streamKey(seed, 4);
        kOrder = Hash.streamKey(seed, 5);
        kTicket = Hash.streamKey(seed, 6);
        kPrebrowse = Hash.streamKey(seed, 7);
        kVisit = Hash.streamKey(seed, 8);
        kMpVisit = Hash.streamKey(seed, 9);
        kSession = Hash.streamKey(seed, 10);
        kCrm = Hash.streamKey(seed, 11);
        kNoise = Hash.streamKey(seed, 12);
        phonePerm = new Hash.Affine(7L * 10 * 99_999_999L, Hash.streamKey(seed, 20));
        memberPerm = new Hash.Affine(100_000_000L, Hash.streamKey(seed, 21));
        cardPerm = new Hash.Affine(100_000_000L, Hash.streamKey(seed, 22));
        emailPerm = new Hash.Affine(10_000_000L, Hash.streamKey(seed, 23));
        saltOpen = Hash.streamKey(seed, 24);
        saltUnion = Hash.streamKey(seed, 25);
        saltDevice = Hash.streamKey(seed, 26);
        saltAnon = Hash.streamKey(seed, 27);
        saltNick = (int) Hash.streamKey(seed, 28);
        idPerm = new Hash.Affine[4][days + LOOKAHEAD];
        for (int k = 0; k < 4; k++) {
            for (int d = 0; d < days + LOOKAHEAD; d++) {
                idPerm[k][d] = new Hash.Affine(k == 0 ? 100_000_000L : 10_000_000L, Hash.of(Hash.streamKey(seed, 40 + k), d));
            }
        }

        region = new byte[n];
        city = new byte[n];
        segment = new byte[n];
        homeStore = new short[n];
        flags = new int[n];
        firstActive = new int[n];
        churnDay = new int[n];
        gapStart = new int[n];
        gapEnd = new int[n];
        phoneChangeDay = new int[n];
        regDay = new int[n];
        profileDay = new int[n];
        complaintDay = new int[n];
        sofaDay = new int[n];
        coffeeDay = new int[n];
        rate = new float[n];
        shareMkt = new float[n];
        shareMini = new float[n];
        sharePos = new float[n];
        phoneOwner = new int[n];
        group = new int[n];

        Rng rng = new Rng();
        for (int i = 0; i < n; i++) {
            buildPerson(i, rng);
        }
        groups = buildPhoneGroups(rng);

        // ad touches: a sparse, per-person sorted list of (day << 3 | media)
        touchOffset = new int[n + 1];
        int[] buf = new int[Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, (long) n * days / 150))];
        int count = 0;
        for (int i = 0; i < n; i++) {
            touchOffset[i] = count;
            if ((flags[i] & F_WEB) != 0) {
                for (int d = Math.max(0, firstActive[i]); d < days; d++) {
                    long h = Hash.of(kTouch, i, d);
                    if (Hash.unit(h) < adTouchRate) {
                        int media = pickCumulative(Campaigns.TOUCH_CUMULATIVE, Hash.unit(Hash.mix(h)));
                        if (count == buf.length) {
                            buf = Arrays.copyOf(buf, buf.length * 2);
                        }
                        buf[count++] = d << 3 | media;
                    }
                }
            }
        }
        touchOffset[n] = count;
        touches = Arrays.copyOf(buf, count);

        // day effects
        int span = days + LOOKAHEAD;
        fMkt = new float[span];
        fMini = new float[span];
        fPos = new float[Geo.REGIONS.length][span];
        promoDay = new boolean[span];
        MonthDay[][] promoDefs = {{MonthDay.of(6, 16), MonthDay.of(6, 18)}, {MonthDay.of(11, 9), MonthDay.of(11, 11)}};
        LocalDate last = start.plusDays(span - 1);
        for (int year = start.getYear(); year <= last.getYear(); year++) {
            for (MonthDay[] p : promoDefs) {
                int f = (int) (p[0].atYear(year).toEpochDay() - startEpochDay);
                int t = (int) (p[1].atYear(year).toEpochDay() - startEpochDay);
                if (t < 0 || f >= span) {
                    continue;
                }
                if (f < days) {
                    promotions.add(new int[] {Math.max(0, f), Math.min(days - 1, t)});
                }
                for (int d = Math.max(0, f); d <= Math.min(span - 1, t); d++) {
                    promoDay[d] = true;
                }
            }
        }
        dropRegion = Math.floorMod(Hash.streamKey(seed, 30), Geo.REGIONS.length);
        int dropLen = Math.min(10, days);
        dropFrom = Math.max(0, days - 25);
        dropTo = Math.min(days - 1, dropFrom + dropLen - 1);
        for (int d = 0; d < span; d++) {
            DayOfWeek dow = start.plusDays(d).getDayOfWeek();
            boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            fMkt[d] = (float) (promoDay[d] ? PROMO_MARKETPLACE : 1.0);
            fMini[d] = (float) (promoDay[d] ? PROMO_MINIPROGRAM : 1.0);
            for (int r = 0; r < Geo.REGIONS.length; r++) {
                double f = weekend ? WEEKEND_POS : 1.0;
                if (r == dropRegion && d >= dropFrom && d <= dropTo) {
                    f *= DROP_FACTOR;
                }
                fPos[r][d] = (float) f;
            }
        }
        diversionFrom = Math.min(days - 1, (int) (days * 0.30));
        diversionTo = Math.min(days - 1, diversionFrom + 29);
        lowPriceFrom = Math.min(days - 1, (int) (days * 0.55));
        lowPriceTo = Math.min(days - 1, lowPriceFrom + 19);
        Rng prng = new Rng(Hash.streamKey(seed, 31));
        int[] lp = new int[3];
        for (int k = 0; k < lp.length; k++) {
            int c = 2 + k; // bed, mattress, chair
            lp[k] = catalog.byCategory[c][prng.nextInt(catalog.byCategory[c].length)];
        }
        lowPriceProducts = lp;
    }

    static int pickCumulative(double[] cumulative, double u) {
        double x = u * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    private void buildPerson(int i, Rng rng) {
        rng.reseed(Hash.of(kPerson, i));
        int r = rng.pick(Geo.REGION_CUMULATIVE);
        region[i] = (byte) r;
        city[i] = (byte) rng.nextInt(Geo.CITIES[r].length);
        int seg = rng.pick(SEGMENT_CUMULATIVE);
        segment[i] = (byte) seg;
        boolean pos = rng.chance(0.55);
        boolean mkt = rng.chance(0.50);
        boolean mini = rng.chance(0.35);
        if (!pos && !mkt && !mini) {
            double u = rng.nextDouble();
            if (u < 0.45) {
                pos = true;
            } else if (u < 0.80) {
                mkt = true;
            } else {
                mini = true;
            }
        }
        int f = 0;
        if (mkt) {
            f |= F_MKT;
        }
        if (mini) {
            f |= F_MINI;
        }
        if (pos) {
            f |= F_POS;
        }
        boolean web = rng.chance(pos ? 0.70 : 0.50);
        if (web) {
            f |= F_WEB;
            int devices = 1 + (rng.chance(0.45) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0);
            f |= devices << DEVICE_SHIFT;
        }
        boolean member = rng.chance(pos ? 0.56 : (mini ? 0.40 : 0.16));
        if (member) {
            f |= F_MEMBER;
        }
        if (rng.chance(member ? 0.72 : 0.50)) {
            f |= F_EMAIL;
        }
        if (mini && rng.chance(0.85)) {
            f |= F_UNIONID;
        }
        if (mini && rng.chance(0.50)) {
            f |= F_MP_PHONE;
        }
        if (rng.chance(0.12)) {
            f |= F_CN_NAME;
        }
        if (rng.chance(0.70)) {
            f |= F_BIRTHDAY;
        }
        rate[i] = (float) (SEGMENT_RATE[seg] * (0.6 + 0.8 * rng.nextDouble()));
        double wm = mkt ? 0.3 + rng.nextDouble() : 0;
        double wi = mini ? 0.3 + rng.nextDouble() : 0;
        double wp = pos ? 0.3 + rng.nextDouble() : 0;
        double ws = wm + wi + wp;
        shareMkt[i] = (float) (wm / ws);
        shareMini[i] = (float) (wi / ws);
        sharePos[i] = (float) (wp / ws);
        homeStore[i] = (short) pickStore(r, Geo.CITIES[r][city[i]], rng);

        int fa = rng.chance(0.80) ? -(1 + rng.nextInt(730)) : rng.nextInt(days);
        firstActive[i] = fa;
        int activeFrom = Math.max(0, fa);
        int churn = Integer.MAX_VALUE;
        if (rng.chance(CHURN_SHARE)) {
            int lo = Math.max(fa + 14, Math.min(14, days / 2));
            int hi = days - 1;
            if (lo <= hi) {
                churn = rng.between(lo, hi);
            }
        }
        churnDay[i] = churn;
        boolean churner = churn != Integer.MAX_VALUE;
        if (churner && rng.chance(0.5)) {
            f |= F_FADING;
        }
        complaintDay[i] = Integer.MIN_VALUE;
        if (churner && rng.chance(0.3)) {
            int c = churn - rng.between(1, 30);
            if (c >= activeFrom) {
                complaintDay[i] = c;
            }
        }
        gapStart[i] = Integer.MAX_VALUE;
        gapEnd[i] = Integer.MAX_VALUE;
        if (!churner && rng.chance(0.10)) {
            int len = rng.between(30, 60);
            int hi = days - len - 1;
            if (hi >= activeFrom && days >= 60) {
                gapStart[i] = rng.between(activeFrom, hi);
                gapEnd[i] = gapStart[i] + len; // exclusive
            }
        }
        phoneChangeDay[i] = Integer.MAX_VALUE;
        if (rng.chance(0.05)) {
            int lo = Math.max(days / 10, activeFrom + 1);
            int hi = days - 1 - days / 10;
            if (lo <= hi) {
                f |= F_PHONE2;
                phoneChangeDay[i] = rng.between(lo, hi);
            }
        }
        int endActive = Math.min(days, churn); // exclusive
        regDay[i] = Integer.MAX_VALUE;
        profileDay[i] = Integer.MAX_VALUE;
        if (member) {
            regDay[i] = fa < 0 ? fa + rng.nextInt(-fa) : Math.min(days - 1, fa + rng.nextInt(4));
            // CRM is a delta feed: members registered before the window show up only through a profile change
            if (rng.chance(regDay[i] < 0 ? PROFILE_CHANGE_EXISTING : PROFILE_CHANGE_NEW)) {
                int lo = Math.max(regDay[i] + 1, 0);
                int hi = Math.min(endActive, days) - 1;
                if (lo <= hi) {
                    profileDay[i] = rng.between(lo, hi);
                }
            }
        }
        sofaDay[i] = Integer.MIN_VALUE;
        coffeeDay[i] = Integer.MIN_VALUE;
        if (activeFrom < endActive) {
            if (rng.chance(seg == VIP ? 0.25 : 0.09)) {
                int s = rng.between(activeFrom, endActive - 1);
                if (!inGap(i, s)) {
                    sofaDay[i] = s;
                    if (rng.chance(CROSS_SELL_SHARE)) {
                        int c = s + rng.between(7, 90);
                        if (c < churn && !inGap(i, c)) {
                            coffeeDay[i] = c;
                        }
                    }
                }
            } else if (rng.chance(0.03)) {
                int c = rng.between(activeFrom, endActive - 1);
                if (!inGap(i, c)) {
                    coffeeDay[i] = c;
                }
            }
        }
        flags[i] = f;
        phoneOwner[i] = i;
    }

    private static int pickStore(int r, String cityName, Rng rng) {
        int[] inRegion = Geo.STORES_BY_REGION[r];
        int same = 0;
        for (int s : inRegion) {
            if (Geo.STORES.get(s).city().equals(cityName)) {
                same++;
            }
        }
        if (same > 0) {
            int k = rng.nextInt(same);
            for (int s : inRegion) {
                if (Geo.STORES.get(s).city().equals(cityName) && k-- == 0) {
                    return s;
                }
            }
        }
        return inRegion[rng.nextInt(inRegion.length)];
    }

    /** Families of 2-4 consecutive people sharing the first member's phone, region and city. */
    private int buildPhoneGroups(Rng rng) {
        int g = 0;
        for (int i = 0; i < n; ) {
            rng.reseed(Hash.of(kGroup, i));
            if (rng.chance(0.0017)) {
                int size = rng.between(2, 4);
                if (i + size <= n) {
                    g++;
                    for (int k = 0; k < size; k++) {
                        int j = i + k;
                        group[j] = g;
                        phoneOwner[j] = i;
                        region[j] = region[i];
                        city[j] = city[i];
                        homeStore[j] = homeStore[i];
                        if (k > 0 && (flags[j] & F_PHONE2) != 0) {
                            flags[j] &= ~F_PHONE2;
                            phoneChangeDay[j] = Integer.MAX_VALUE;
                        }
                    }
                    if ((flags[i] & F_PHONE2) != 0) { // the family phone does not change
                        flags[i] &= ~F_PHONE2;
                        phoneChangeDay[i] = Integer.MAX_VALUE;
                    }
                    i += size;
                    continue;
                }
            }
            i++;
        }
        return g;
    }

    // ---------------------------------------------------------------- behaviour

    boolean has(int i, int flag) {
        return (flags[i] & flag) != 0;
    }

    int devices(int i) {
        return (flags[i] >>> DEVICE_SHIFT) & 3;
    }

    boolean inGap(int i, int d) {
        return d >= gapStart[i] && d < gapEnd[i];
    }

    boolean isChurned(int i, int d) {
        return d >= churnDay[i];
    }

    boolean isMemberOn(int i, int d) {
        return (flags[i] & F_MEMBER) != 0 && d >= regDay[i];
    }

    /** Purchase probability multiplier from ad touches in the 7 days before {@code d}. */
    double adBoost(int i, int d) {
        double boost = 1.0;
        for (int k = touchOffset[i], e = touchOffset[i + 1]; k < e; k++) {
            int td = touches[k] >>> 3;
            if (td >= d) {
                break;
            }
            if (td >= d - Campaigns.TOUCH_EFFECT_DAYS) {
                boost = Math.max(boost, Campaigns.TOUCH_BOOST[touches[k] & 7]);
            }
        }
        return boost;
    }

    /** Media of the ad touch on day {@code d}, or -1. */
    int touchOn(int i, int d) {
        for (int k = touchOffset[i], e = touchOffset[i + 1]; k < e; k++) {
            int td = touches[k] >>> 3;
            if (td == d) {
                return touches[k] & 7;
            }
            if (td > d) {
                break;
            }
        }
        return -1;
    }

    /**
     * The channel the person buys through on day {@code d} (at most one order per person and day), or -1.
     * A pure function of (seed, person, day); also valid a few days past the window for look-ahead.
     */
    int purchaseChannel(int i, int d) {
        if (d < firstActive[i] || d >= churnDay[i] || inGap(i, d)) {
            return -1;
        }
        long h = Hash.of(kBuy, i, d);
        if (d == sofaDay[i] || d == coffeeDay[i]) {
            double u = Hash.unit(h);
            if (u < shareMkt[i]) {
                return MKT;
            }
            return u < shareMkt[i] + shareMini[i] ? MINI : (sharePos[i] > 0 ? POS : (shareMini[i] > 0 ? MINI : MKT));
        }
        double base = rate[i] * adBoost(i, d);
        double u = Hash.unit(h);
        double p = base * shareMkt[i] * fMkt[d];
        if (u < p) {
            return MKT;
        }
        u -= p;
        p = base * shareMini[i] * fMini[d];
        if (u < p) {
            return MINI;
        }
        u -= p;
        p = base * sharePos[i] * fPos[region[i]][d];
        return u < p ? POS : -1;
    }

    /** Probability of an organic clickstream or mini-program visit. */
    double visitFactor(int i, int d) {
        if (d >= churnDay[i]) {
            return CHURN_VISIT_FACTOR;
        }
        double f = 1.0;
        if ((flags[i] & F_FADING) != 0) {
            int before = churnDay[i] - d; // 1..30 in the last 30 days
            if (before <= 30) {
                f = 0.5 + 0.5 * (before - 1) / 29.0;
            }
        }
        if (inGap(i, d)) {
            f *= GAP_VISIT_FACTOR;
        }
        return f;
    }

    // ---------------------------------------------------------------- identifiers

    void appendPersonId(StringBuilder sb, int i) {
        sb.append('P');
        Fmt.pad(sb, i + 1L, 7);
    }

    String personId(int i) {
        StringBuilder sb = new StringBuilder(8);
        appendPersonId(sb, i);
        return sb.toString();
    }

    /** The 11-digit mobile number of a person's phone {@code version} (0 first, 1 after a change). */
    long phoneNumber(int i, int version) {
        long y = phonePerm.apply(2L * i + version);
        long block = 10L * 99_999_999L;
        long second = 3 + y / block;
        long rem = y % block;
        long third = rem / 99_999_999L;
        long tail = rem % 99_999_999L + 1;
        return 10_000_000_000L + second * 1_000_000_000L + third * 100_000_000L + tail;
    }

    /** The phone the person uses on day {@code d} (family phone, or the new number after a change). */
    long phoneOn(int i, int d) {
        if ((flags[i] & F_PHONE2) != 0 && d >= phoneChangeDay[i]) {
            return phoneNumber(i, 1);
        }
        return phoneNumber(phoneOwner[i], 0);
    }

    void appendMemberId(StringBuilder sb, int i) {
        sb.append('M');
        Fmt.pad(sb, memberPerm.apply(i), 8);
    }

    void appendCardNo(StringBuilder sb, int i) {
        sb.append("MC");
        Fmt.pad(sb, cardPerm.apply(i), 8);
    }

    void appendBuyerNick(StringBuilder sb, int i) {
        sb.append("tb_");
        Fmt.hex(sb, Hash.mix32(i ^ saltNick) & 0xFFFFFFFFL, 8);
    }

    void appendOpenid(StringBuilder sb, int i) {
        long h = Hash.mix(i ^ saltOpen);
        sb.append('o');
        Fmt.hex(sb, h, 16);
        Fmt.idChars(sb, Hash.mix(h), 11);
    }

    void appendUnionid(StringBuilder sb, int i) {
        long h = Hash.mix(i ^ saltUnion);
        sb.append('u');
        Fmt.hex(sb, h, 16);
        Fmt.idChars(sb, Hash.mix(h), 11);
    }

    void appendDeviceId(StringBuilder sb, long deviceKey) {
        sb.append("d-");
        Fmt.hex(sb, Hash.mix(deviceKey ^ saltDevice), 16);
    }

    void appendAnonymousId(StringBuilder sb, long deviceKey) {
        sb.append("a-");
        Fmt.hex(sb, Hash.mix(deviceKey ^ saltAnon), 16);
    }

    /** Key of a person's k-th device; anonymous visitors use keys with bit 62 set. */
    static long deviceKey(int i, int k) {
        return (long) i << 2 | k;
    }

    /**
     * The order id of person {@code i}'s order on {@code day} through {@code channel}: marketplace
     * {@code T+yyyyMMdd+8 digits}, mini-program {@code WX+yyyyMMdd+7 digits}, POS receipt
     * {@code R+store(3)+yyyyMMdd+7 digits}.
     */
    void appendOrderId(StringBuilder sb, int channel, int i, int day, int store) {
        switch (channel) {
            case MKT -> {
                sb.append('T');
                Fmt.compactDate(sb, epochDay(day));
                Fmt.pad(sb, idPerm[0][day].apply(i), 8);
            }
            case MINI -> {
                sb.append("WX");
                Fmt.compactDate(sb, epochDay(day));
                Fmt.pad(sb, idPerm[1][day].apply(i), 7);
            }
            case POS -> {
                sb.append('R');
                Fmt.pad(sb, Geo.STORES.get(store).number(), 3);
                Fmt.compactDate(sb, epochDay(day));
                Fmt.pad(sb, idPerm[2][day].apply(i), 7);
            }
            default -> throw new IllegalArgumentException("channel " + channel);
        }
    }

    /** Ticket id {@code TK+yyyyMMdd+7 digits+2-digit sequence}. */
    void appendTicketId(StringBuilder sb, int i, int day, int seq) {
        sb.append("TK");
        Fmt.compactDate(sb, epochDay(day));
        Fmt.pad(sb, idPerm[3][day].apply(i), 7);
        Fmt.pad(sb, seq, 2);
    }

    int surnameIndex(int i) {
        return Math.floorMod(Hash.of(kCrm, i, 1), SURNAMES.length);
    }

    int givenIndex(int i) {
        return Math.floorMod(Hash.of(kCrm, i, 2), GIVEN.length);
    }

    String name(int i) {
        int s = surnameIndex(i);
        int g = givenIndex(i);
        if ((flags[i] & F_CN_NAME) != 0) {
            return SURNAMES_CN[s] + GIVEN_CN[g];
        }
        return SURNAMES[s] + " " + GIVEN[g];
    }

    /** Canonical (lower-case, trimmed) email. */
    String email(int i) {
        String local = SURNAMES[surnameIndex(i)].toLowerCase() + "." + GIVEN[givenIndex(i)].replace(" ", "").toLowerCase()
                + "." + emailPerm.apply(i);
        String domain = EMAIL_DOMAINS[Math.floorMod(Hash.of(kCrm, i, 3), EMAIL_DOMAINS.length)];
        return local + "@" + domain;
    }

    String cityName(int i) {
        return Geo.CITIES[region[i]][city[i]];
    }

    LocalDate date(int day) {
        return start.plusDays(day);
    }

    long epochDay(int day) {
        return startEpochDay + day;
    }
}
