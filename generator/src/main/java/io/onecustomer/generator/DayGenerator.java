package io.onecustomer.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates every landing file of one business day. Walks all people once, asking the {@link World}
 * what each does that day, and streams the records straight to the entity writers.
 */
final class DayGenerator {
    private static final String[] MKT_STATUS = {"TRADE_FINISHED", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_CLOSED"};
    private static final String[] PAY_TYPES = {"WECHAT_PAY", "ALIPAY", "CARD", "CASH"};
    private static final double[] PAY_CUMULATIVE = Rng.cumulative(45, 30, 15, 10);
    private static final String[] CATEGORIES = {"delivery", "quality", "refund", "product_question", "complaint"};
    private static final double[] CATEGORY_CUMULATIVE = Rng.cumulative(35, 20, 15, 20, 10);
    private static final String[] TIERS = {"BASIC", "SILVER", "GOLD", "PLATINUM"};
    private static final String[] CLICK_TYPES = {"view", "add_to_cart", "coupon_claim", "store_locator"};
    private static final double[] CLICK_CUMULATIVE = Rng.cumulative(70, 15, 8, 7);
    private static final String[] MP_TYPES = {"page_view", "add_to_cart", "coupon_claim", "share"};
    private static final double[] MP_CUMULATIVE = Rng.cumulative(70, 15, 8, 7);
    private static final double[] ALL_CATEGORIES = Rng.cumulative(4, 3, 6, 7, 20, 8, 22, 14, 18);

    private final World w;
    private final DayContext ctx;
    private final int d;
    private final long epochDay;
    private final boolean promo;
    private final EntityWriter[] writers = new EntityWriter[Entity.values().length];
    private final Row[] rows = new Row[Entity.values().length];
    private final Rng rng = new Rng();
    private final OrderPlan plan = new OrderPlan();
    private final OrderPlan other = new OrderPlan();
    private final StringBuilder tmp = new StringBuilder(64);
    private final long kDist;
    private final long kAds;
    private final long kAnon;
    private final long saltClick;
    private final long saltMp;
    private final int[] touchesPerCampaign;
    private final long[] touchesPerMedia = new long[Campaigns.MEDIA.length];
    private long diversionRows;
    private long lowPriceRows;
    private int seq;

    DayGenerator(DayContext ctx) {
        this.ctx = ctx;
        this.w = ctx.world();
        this.d = ctx.day();
        this.epochDay = w.epochDay(d);
        this.promo = w.promoDay[d];
        this.kDist = Hash.streamKey(w.seed, 50);
        this.kAds = Hash.streamKey(w.seed, 51);
        this.kAnon = Hash.streamKey(w.seed, 52);
        this.saltClick = Hash.streamKey(w.seed, 53);
        this.saltMp = Hash.streamKey(w.seed, 54);
        this.touchesPerCampaign = new int[w.campaigns.all.size()];
    }

    DayResult run() {
        Entity[] es = Entity.values();
        try {
            for (Entity e : es) {
                writers[e.ordinal()] = new EntityWriter(e, ctx);
                rows[e.ordinal()] = new Row(e);
            }
            catalog();
            for (int i = 0; i < w.n; i++) {
                person(i);
            }
            anonymousClickstream();
            distributors();
            adSpend();
        } finally {
            for (EntityWriter wr : writers) {
                if (wr != null) {
                    wr.close();
                }
            }
        }
        long[] lines = new long[es.length];
        long[] good = new long[es.length];
        long[] bad = new long[es.length];
        int[] files = new int[es.length];
        List<String> manifest = new ArrayList<>();
        StringBuilder badRows = new StringBuilder();
        for (EntityWriter wr : writers) {
            int k = wr.e.ordinal();
            lines[k] = wr.lines;
            good[k] = wr.good;
            bad[k] = wr.badCount;
            files[k] = wr.files;
            manifest.addAll(wr.manifest);
            badRows.append(wr.badRows);
        }
        try {
            Files.writeString(ctx.truthRoot().resolve(Generator.PARTS_DIR).resolve("bad_rows-" + ctx.dt() + ".csv"),
                    badRows, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DayResult(d, lines, good, bad, files, List.copyOf(manifest), touchesPerMedia, diversionRows,
                lowPriceRows);
    }

    private EntityWriter out(Entity e) {
        return writers[e.ordinal()];
    }

    private Row row(Entity e) {
        return rows[e.ordinal()].reset();
    }

    // ---------------------------------------------------------------- catalog

    private void catalog() {
        Catalog c = w.catalog;
        for (int p = 0; p < c.size; p++) {
            for (int ch = 0; ch < Catalog.CHANNELS.length; ch++) {
                Row r = row(Entity.PRODUCTS_CATALOG);
                r.str(c.code[p]).str(c.name[p]).str(Catalog.CATEGORIES[c.category[p]]).money(c.listCents[p])
                        .money(c.mapCents[p]).str(Catalog.CHANNELS[ch]);
                c.appendSku(r.begin(), ch, p);
                r.end().str(c.activeOn(p, d) ? "Y" : "N");
                out(Entity.PRODUCTS_CATALOG).write(r, -1);
            }
        }
    }

    // ---------------------------------------------------------------- people

    private void person(int i) {
        if (d < w.firstActive[i]) {
            return;
        }
        seq = 0;
        rng.reseed(Hash.of(w.kSession, i, d));
        int ch = w.purchaseChannel(i, d);
        if (ch >= 0) {
            plan.plan(w, i, d, ch);
            switch (ch) {
                case World.MKT -> marketplaceOrder(i);
                case World.MINI -> miniOrder(i);
                default -> posReceipt(i);
            }
        }
        boolean web = w.has(i, World.F_WEB);
        if (web) {
            clickstream(i);
        }
        if (w.has(i, World.F_MINI)) {
            miniVisits(i, ch, web);
        }
        tickets(i);
        if (w.has(i, World.F_MEMBER)) {
            crm(i);
        }
    }

    private long lineAmount(int line) {
        long gross = w.catalog.listCents[plan.product[line]] * plan.qty[line];
        return gross - gross * plan.discountPct / 100;
    }

    private void marketplaceOrder(int i) {
        String status;
        boolean refunded;
        double s = plan.statusDraw;
        if (s < 0.03) {
            status = MKT_STATUS[2];
            refunded = true;
        } else if (s < 0.05) {
            status = MKT_STATUS[0];
            refunded = true;
        } else if (s < 0.15) {
            status = MKT_STATUS[1];
            refunded = false;
        } else {
            status = MKT_STATUS[0];
            refunded = false;
        }
        long phone = w.phoneOn(i, d);
        String cityName = plan.extraDraw < 0.05
                ? Geo.CITIES[w.region[i]][(w.city[i] + 1) % Geo.CITIES[w.region[i]].length] : w.cityName(i);
        for (int k = 0; k < plan.lines; k++) {
            Row r = row(Entity.MARKETPLACE_ORDERS);
            w.appendOrderId(r.begin(), World.MKT, i, d, plan.store);
            r.end();
            StringBuilder sb = r.begin();
            w.appendOrderId(sb, World.MKT, i, d, plan.store);
            sb.append('-').append(k + 1);
            r.end();
            w.appendBuyerNick(r.begin(), i);
            r.end();
            Noise.appendMasked(r.begin(), phone);
            r.end().str(cityName);
            w.catalog.appendSku(r.begin(), Catalog.CH_MARKETPLACE, plan.product[k]);
            r.end().num(plan.qty[k]).money(w.catalog.listCents[plan.product[k]]).money(lineAmount(k)).str(status)
                    .str(refunded ? "SUCCESS" : "NO_REFUND")
                    .ts(TsFormat.LOCAL_SECONDS, epochDay, plan.sec, 0);
            out(Entity.MARKETPLACE_ORDERS).write(r, i);
        }
    }

    private void miniOrder(int i) {
        // browse, add to cart, then pay
        int t = Math.max(0, plan.sec - rng.between(300, 2400));
        for (int k = 0; k < plan.lines; k++) {
            t = Math.min(plan.sec, t + rng.between(20, 200));
            miniEvent(i, "page_view", plan.product[k], t);
        }
        for (int k = 0; k < plan.lines; k++) {
            t = Math.min(plan.sec, t + rng.between(5, 60));
            miniEvent(i, "add_to_cart", plan.product[k], t);
        }
        String status = plan.statusDraw < 0.04 ? "REFUNDED" : "PAID";
        String phone = null;
        if (w.has(i, World.F_MP_PHONE)) {
            tmp.setLength(0);
            Noise.appendPhone(tmp, w.phoneOn(i, d), pickFormat(Noise.MINI_FORMATS, plan.extraDraw));
            phone = tmp.toString();
        }
        for (int k = 0; k < plan.lines; k++) {
            Row r = row(Entity.MINIPROGRAM_ORDERS);
            w.appendOrderId(r.begin(), World.MINI, i, d, plan.store);
            r.end().num(k + 1);
            openidAndUnionid(r, i);
            r.str(phone);
            w.catalog.appendSku(r.begin(), Catalog.CH_MINIPROGRAM, plan.product[k]);
            r.end().num(plan.qty[k]).num(lineAmount(k)).ts(TsFormat.ISO_UTC, epochDay, plan.sec, 0).str(status);
            out(Entity.MINIPROGRAM_ORDERS).write(r, i);
        }
    }

    private static int pickFormat(double[] cumulative, double u) {
        return World.pickCumulative(cumulative, u);
    }

    private void posReceipt(int i) {
        boolean member = w.isMemberOn(i, d);
        boolean showsCard = member && rng.chance(0.8);
        String phone = null;
        if (rng.chance(member ? 0.5 : 0.35)) {
            if (rng.chance(0.02)) {
                phone = Noise.PHONE_PLACEHOLDERS[rng.nextInt(Noise.PHONE_PLACEHOLDERS.length)];
            } else {
                tmp.setLength(0);
                Noise.appendPhone(tmp, w.phoneOn(i, d), rng.pick(Noise.POS_FORMATS));
                phone = tmp.toString();
            }
        }
        String pay = PAY_TYPES[rng.pick(PAY_CUMULATIVE)];
        String store = Geo.STORES.get(plan.store).id();
        for (int k = 0; k < plan.lines; k++) {
            long unit = w.catalog.listCents[plan.product[k]];
            long gross = unit * plan.qty[k];
            long discount = gross * (plan.discountPct + (member ? 5 : 0)) / 100;
            Row r = row(Entity.POS_SALES);
            w.appendOrderId(r.begin(), World.POS, i, d, plan.store);
            r.end().num(k + 1).str(store).ts(TsFormat.SLASH_MINUTES, epochDay, plan.sec, 0);
            if (showsCard) {
                w.appendCardNo(r.begin(), i);
                r.end();
            } else {
                r.nul();
            }
            r.str(phone);
            w.catalog.appendSku(r.begin(), Catalog.CH_POS, plan.product[k]);
            r.end().num(plan.qty[k]).money(unit).money(discount).money(gross - discount).str(pay);
            out(Entity.POS_SALES).write(r, i);
        }
    }

    // ---------------------------------------------------------------- clickstream

    private static final int SESSION_ORGANIC = 0;
    private static final int SESSION_AD = 1;
    private static final int SESSION_PREBROWSE = 2;

    private void clickstream(int i) {
        int media = w.touchOn(i, d);
        if (media >= 0) {
            clickSession(i, SESSION_AD, media, null);
        }
        OrderPlan target = prebrowseTarget(i);
        if (target != null) {
            clickSession(i, SESSION_PREBROWSE, -1, target);
        }
        double p = World.SEGMENT_VISIT[w.segment[i]] * w.visitFactor(i, d);
        if (Hash.unit(Hash.of(w.kVisit, i, d)) < p) {
            clickSession(i, SESSION_ORGANIC, -1, null);
        }
    }

    /** The order this person places in 1-3 days and browses for today, or null. */
    private OrderPlan prebrowseTarget(int i) {
        for (int k = 1; k <= 3; k++) {
            int day = d + k;
            long h = Hash.of(w.kPrebrowse, i, day);
            if (1 + Hash.below(Hash.mix(h), 3) != k) {
                continue;
            }
            double u = Hash.unit(h);
            if (u >= World.PREBROWSE_POS) {
                continue;
            }
            int ch = w.purchaseChannel(i, day);
            if (ch < 0 || (ch != World.POS && u >= World.PREBROWSE_ONLINE)) {
                continue;
            }
            return other.plan(w, i, day, ch);
        }
        return null;
    }

    private void clickSession(int i, int type, int media, OrderPlan target) {
        int devices = w.devices(i);
        int device = rng.nextInt(devices);
        long deviceKey = World.deviceKey(i, device);
        boolean app = (Hash.mix(deviceKey ^ saltClick) & 1) == 0;
        boolean loggedIn = w.isMemberOn(i, d) && rng.chance(0.4);
        int events = switch (type) {
            case SESSION_AD -> 1 + rng.nextInt(4);
            case SESSION_PREBROWSE -> 2 + rng.nextInt(4);
            default -> 1 + rng.nextInt(6);
        };
        int t = rng.between(7 * 3600, 23 * 3600);
        int campaign = -1;
        if (type == SESSION_AD) {
            int[] active = w.campaigns.active[media][d];
            campaign = active[rng.nextInt(active.length)];
            touchesPerCampaign[campaign]++;
            touchesPerMedia[media]++;
        }
        for (int e = 0; e < events; e++) {
            String eventType;
            int product;
            if (type == SESSION_PREBROWSE && e < target.lines && e < events - 1) {
                eventType = "view";
                product = target.product[e];
            } else if (type == SESSION_PREBROWSE && e == events - 1 && target.channel == World.POS) {
                eventType = "store_locator";
                product = -1;
            } else if (e == 0) {
                eventType = "view";
                product = randomProduct();
            } else {
                int k = rng.pick(CLICK_CUMULATIVE);
                eventType = CLICK_TYPES[k];
                product = k <= 1 ? randomProduct() : -1;
            }
            t = Math.min(86399, t + rng.between(3, 150));
            boolean utm = e == 0 && type == SESSION_AD;
            clickEvent(i, deviceKey, loggedIn, app, eventType, product, utm ? media : -1, campaign, t);
        }
    }

    private int randomProduct() {
        Catalog c = w.catalog;
        int cat = rng.pick(ALL_CATEGORIES);
        int[] ps = c.byCategory[cat];
        int k = rng.nextInt(ps.length);
        for (int t = 0; t < ps.length; t++) {
            int p = ps[(k + t) % ps.length];
            if (c.activeOn(p, d)) {
                return p;
            }
        }
        return ps[k];
    }

    private void clickEvent(int i, long deviceKey, boolean loggedIn, boolean app, String type, int product, int media,
            int campaign, int t) {
        Row r = row(Entity.CLICKSTREAM_EVENTS);
        StringBuilder sb = r.begin().append("cs-");
        Fmt.hex(sb, Hash.mix(((long) d << 40 | (long) i << 12 | seq++) ^ saltClick), 16);
        r.end();
        w.appendDeviceId(r.begin(), deviceKey);
        r.end();
        w.appendAnonymousId(r.begin(), deviceKey);
        r.end();
        if (loggedIn) {
            w.appendMemberId(r.begin(), i);
            r.end();
        } else {
            r.nul();
        }
        r.str(app ? "app" : "web").str(type);
        if (product >= 0) {
            w.catalog.appendSku(r.begin(), Catalog.CH_WEB, product);
            r.end();
        } else {
            r.nul();
        }
        if (media >= 0) {
            r.str(Campaigns.MEDIA[media]).str(Campaigns.UTM_MEDIUM[media]).str(w.campaigns.all.get(campaign).name());
        } else {
            r.nul().nul().nul();
        }
        r.ts(TsFormat.ISO_OFFSET_MILLIS, epochDay, t, rng.nextInt(1000));
        out(Entity.CLICKSTREAM_EVENTS).write(r, i < w.n ? i : -1);
    }

    /** Visitors who are not (yet) known people: fresh devices, never logged in. */
    private void anonymousClickstream() {
        int sessions = (int) Math.max(1, Math.round(w.n * 0.004));
        for (int j = 0; j < sessions; j++) {
            rng.reseed(Hash.of(kAnon, j, d));
            long deviceKey = 1L << 62 | (long) d << 32 | j;
            boolean app = rng.chance(0.4);
            int events = 1 + rng.nextInt(4);
            int t = rng.between(0, 23 * 3600);
            seq = 0;
            for (int e = 0; e < events; e++) {
                int k = e == 0 ? 0 : rng.pick(CLICK_CUMULATIVE);
                t = Math.min(86399, t + rng.between(3, 150));
                clickEvent(w.n + j, deviceKey, false, app, CLICK_TYPES[k], k <= 1 ? randomProduct() : -1, -1, -1, t);
            }
        }
    }

    // ---------------------------------------------------------------- mini-program

    private void miniVisits(int i, int purchaseChannel, boolean web) {
        if (!web) {
            OrderPlan target = prebrowseTarget(i);
            if (target != null) {
                int t = rng.between(8 * 3600, 22 * 3600);
                for (int k = 0; k < target.lines; k++) {
                    t = Math.min(86399, t + rng.between(10, 240));
                    miniEvent(i, "page_view", target.product[k], t);
                }
            }
        }
        if (purchaseChannel == World.MINI) {
            return;
        }
        double p = World.SEGMENT_MP_VISIT[w.segment[i]] * w.visitFactor(i, d);
        if (Hash.unit(Hash.of(w.kMpVisit, i, d)) < p) {
            int events = 1 + rng.nextInt(5);
            int t = rng.between(7 * 3600, 23 * 3600);
            for (int e = 0; e < events; e++) {
                int k = e == 0 ? 0 : rng.pick(MP_CUMULATIVE);
                int product = k <= 1 || (k == 3 && rng.chance(0.5)) ? randomProduct() : -1;
                if (k == 0 && rng.chance(0.25)) {
                    product = -1; // page views of non-product pages
                }
                t = Math.min(86399, t + rng.between(3, 200));
                miniEvent(i, MP_TYPES[k], product, t);
            }
        }
    }

    /** The mini-program's open id, then its union id or null when the person has none. */
    private void openidAndUnionid(Row r, int i) {
        w.appendOpenid(r.begin(), i);
        r.end();
        if (w.has(i, World.F_UNIONID)) {
            w.appendUnionid(r.begin(), i);
            r.end();
        } else {
            r.nul();
        }
    }

    private void miniEvent(int i, String event, int product, int t) {
        Row r = row(Entity.MINIPROGRAM_EVENTS);
        StringBuilder sb = r.begin().append("mpe-");
        Fmt.hex(sb, Hash.mix(((long) d << 40 | (long) i << 12 | seq++) ^ saltMp), 16);
        r.end();
        openidAndUnionid(r, i);
        r.str(event);
        if (product >= 0) {
            w.catalog.appendSku(r.begin(), Catalog.CH_MINIPROGRAM, product);
            r.end();
        } else {
            r.nul();
        }
        r.ts(TsFormat.EPOCH_MILLIS, epochDay, t, rng.nextInt(1000));
        out(Entity.MINIPROGRAM_EVENTS).write(r, i);
    }

    // ---------------------------------------------------------------- service

    private void tickets(int i) {
        for (int k = 0; k <= World.TICKET_MAX_DELAY; k++) {
            int od = d - k;
            if (od < 0) {
                break;
            }
            long h = Hash.of(w.kTicket, i, od);
            if (Hash.unit(h) >= World.TICKET_RATE || Hash.below(Hash.mix(h), World.TICKET_MAX_DELAY + 1) != k) {
                continue;
            }
            int ch = w.purchaseChannel(i, od);
            if (ch < 0) {
                continue;
            }
            other.plan(w, i, od, ch);
            ticket(i, k, od, other);
        }
        if (d == w.complaintDay[i]) {
            ticket(i, 10, -1, null);
        }
    }

    private void ticket(int i, int seqNo, int orderDay, OrderPlan order) {
        Rng t = new Rng(Hash.of(w.kTicket ^ 0x5555, i, (long) d * 16 + seqNo));
        String channel;
        if (order == null) {
            channel = t.chance(0.6) ? "hotline" : "online_chat";
        } else {
            channel = switch (order.channel) {
                case World.MKT -> t.chance(0.7) ? "marketplace_im" : "hotline";
                case World.POS -> t.chance(0.5) ? "store" : "hotline";
                default -> t.chance(0.6) ? "online_chat" : "hotline";
            };
        }
        int sec = t.between(9 * 3600, 21 * 3600 + 1800);
        if (order != null && orderDay == d) {
            sec = Math.min(86399, Math.max(sec, order.sec + 600));
        }
        String phone = null;
        if (channel.equals("hotline") || (channel.equals("store") && t.chance(0.6))) {
            if (t.chance(0.01)) {
                phone = Noise.PHONE_PLACEHOLDERS[t.nextInt(Noise.PHONE_PLACEHOLDERS.length)];
            } else {
                tmp.setLength(0);
                Noise.appendPhone(tmp, w.phoneOn(i, d), t.pick(Noise.SERVICE_FORMATS));
                phone = tmp.toString();
            }
        }
        String email = null;
        if (w.has(i, World.F_EMAIL) && (channel.equals("online_chat") || (channel.equals("hotline") && t.chance(0.2)))) {
            tmp.setLength(0);
            Noise.appendNoisyEmail(tmp, w.email(i), t);
            email = tmp.toString();
        }
        boolean memberId = w.isMemberOn(i, d) && !channel.equals("marketplace_im")
                && t.chance(channel.equals("hotline") ? 0.5 : 0.8);
        String category = order == null ? "complaint" : CATEGORIES[t.pick(CATEGORY_CUMULATIVE)];
        boolean open = t.chance(w.days - 1 - d < 3 ? 0.5 : 0.05);
        int satisfaction = 0;
        if (!open && t.chance(0.75)) {
            satisfaction = category.equals("complaint") ? t.between(1, 3) : t.between(2, 5);
        }
        Row r = row(Entity.SERVICE_TICKETS);
        w.appendTicketId(r.begin(), i, d, seqNo);
        r.end().ts(TsFormat.LOCAL_SECONDS, epochDay, sec, 0).str(channel).str(phone).str(email);
        if (memberId) {
            w.appendMemberId(r.begin(), i);
            r.end();
        } else {
            r.nul();
        }
        if (order != null && t.chance(0.8)) {
            w.appendOrderId(r.begin(), order.channel, i, orderDay, order.store);
            r.end();
        } else {
            r.nul();
        }
        r.str(category);
        if (satisfaction > 0) {
            r.num(satisfaction);
        } else {
            r.nul();
        }
        r.str(open ? "OPEN" : "CLOSED");
        out(Entity.SERVICE_TICKETS).write(r, i);
    }

    // ---------------------------------------------------------------- crm

    private void crm(int i) {
        int reg = w.regDay[i];
        boolean registration = d == reg;
        boolean phoneChange = d == w.phoneChangeDay[i] && d > reg;
        boolean profile = d == w.profileDay[i];
        if (!registration && !phoneChange && !profile) {
            return;
        }
        Rng t = new Rng(Hash.of(w.kCrm, i, d));
        Rng p = new Rng(Hash.of(w.kCrm ^ 0x77, i)); // stable profile attributes
        int seg = w.segment[i];
        int tier = switch (seg) {
            case 0 -> p.chance(0.6) ? 2 : 3;
            case 1 -> p.pick(Rng.cumulative(30, 50, 20));
            default -> p.chance(0.75) ? 0 : 1;
        };
        boolean upgraded = d >= w.profileDay[i] && p.chance(0.5);
        if (upgraded) {
            tier = Math.min(3, tier + 1);
        }
        boolean sms = p.chance(0.6);
        boolean mail = w.has(i, World.F_EMAIL) && p.chance(0.5);
        if (d >= w.profileDay[i] && !upgraded) {
            sms = !sms;
        }
        int regChannel;
        if (w.has(i, World.F_POS) && p.chance(0.7)) {
            regChannel = World.POS;
        } else if (w.has(i, World.F_MINI)) {
            regChannel = World.MINI;
        } else if (w.has(i, World.F_WEB)) {
            regChannel = Catalog.CH_WEB;
        } else {
            regChannel = World.MKT;
        }
        int regSec = p.between(9 * 3600, 21 * 3600);
        int updSec = registration ? regSec : t.between(8 * 3600, 22 * 3600);
        boolean placeholder = t.chance(0.005);
        boolean placeholderEmail = placeholder && w.has(i, World.F_EMAIL) && t.chance(0.5);

        Row r = row(Entity.CRM_MEMBERS);
        w.appendMemberId(r.begin(), i);
        r.end();
        w.appendCardNo(r.begin(), i);
        r.end();
        if (placeholder && !placeholderEmail) {
            r.str(Noise.PHONE_PLACEHOLDERS[t.nextInt(Noise.PHONE_PLACEHOLDERS.length)]);
        } else {
            Noise.appendPhone(r.begin(), w.phoneOn(i, d), t.pick(Noise.CRM_FORMATS));
            r.end();
        }
        if (placeholderEmail) {
            r.str(Noise.EMAIL_PLACEHOLDERS[t.nextInt(Noise.EMAIL_PLACEHOLDERS.length)]);
        } else if (w.has(i, World.F_EMAIL)) {
            Noise.appendNoisyEmail(r.begin(), w.email(i), t);
            r.end();
        } else {
            r.nul();
        }
        r.str(w.name(i));
        if (w.has(i, World.F_BIRTHDAY)) {
            Fmt.date(r.begin(), java.time.LocalDate.of(1960, 1, 1).toEpochDay() + p.nextInt(44 * 365), '-');
            r.end();
        } else {
            r.nul();
        }
        r.str(TIERS[tier]).str(sms ? "Y" : "N").str(mail ? "Y" : "N");
        if (regChannel == World.POS) {
            r.str(Geo.STORES.get(w.homeStore[i]).id());
        } else {
            r.nul();
        }
        r.str(Catalog.CHANNELS[regChannel]);
        StringBuilder sb = r.begin();
        Fmt.localSeconds(sb, w.epochDay(reg), regSec);
        r.end().ts(TsFormat.LOCAL_SECONDS, epochDay, updSec, 0);
        out(Entity.CRM_MEMBERS).write(r, i);
    }

    // ---------------------------------------------------------------- distributors

    private void distributors() {
        Catalog c = w.catalog;
        boolean weekend = w.date(d).getDayOfWeek().getValue() >= 6;
        int[] picked = new int[8];
        for (int k = 0; k < Geo.DISTRIBUTORS.size(); k++) {
            Geo.Distributor dist = Geo.DISTRIBUTORS.get(k);
            boolean diverting = k == w.diversionDistributor && d >= w.diversionFrom && d <= w.diversionTo;
            boolean lowPrice = k == w.lowPriceDistributor && d >= w.lowPriceFrom && d <= w.lowPriceTo;
            for (int rIdx = 0; rIdx < dist.retailers().size(); rIdx++) {
                rng.reseed(Hash.of(kDist, k * 64L + rIdx, d));
                if (!rng.chance(weekend ? 0.9 : 0.75)) {
                    continue;
                }
                int m = rng.between(2, 6);
                int count = 0;
                if (lowPrice && rng.chance(0.6)) {
                    picked[count++] = w.lowPriceProducts[rng.nextInt(w.lowPriceProducts.length)];
                }
                int guard = 0;
                while (count < m && guard++ < 50) {
                    int[] ps = c.byCategory[rng.pick(ALL_CATEGORIES)];
                    int p = ps[rng.nextInt(ps.length)];
                    boolean dup = !c.activeOn(p, d);
                    for (int j = 0; j < count; j++) {
                        dup |= picked[j] == p;
                    }
                    if (!dup) {
                        picked[count++] = p;
                    }
                }
                for (int j = 0; j < count; j++) {
                    int p = picked[j];
                    boolean diverted = diverting && rng.chance(0.25);
                    boolean cheap = lowPrice && isLowPriceProduct(p);
                    long list = c.listCents[p];
                    long price = cheap ? list * rng.between(40, 50) / 100 : list * rng.between(90, 100) / 100;
                    int qty = rng.between(1, weekend ? 16 : 12);
                    Row r = row(Entity.DISTRIBUTOR_SELLOUT);
                    r.ts(TsFormat.DATE, epochDay, 0, 0).str(dist.id())
                            .str(Geo.REGIONS[diverted ? w.diversionRegion : dist.region()]);
                    c.appendSku(r.begin(), Catalog.CH_DISTRIBUTOR, p);
                    r.end().num(qty).money(price).str(dist.retailers().get(rIdx));
                    boolean good = out(Entity.DISTRIBUTOR_SELLOUT).write(r, -1);
                    if (good && diverted) {
                        diversionRows++;
                    }
                    if (good && cheap) {
                        lowPriceRows++;
                    }
                }
            }
        }
    }

    private boolean isLowPriceProduct(int p) {
        for (int q : w.lowPriceProducts) {
            if (q == p) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- ad spend

    private void adSpend() {
        for (int m = 0; m < Campaigns.MEDIA.length; m++) {
            for (int c : w.campaigns.active[m][d]) {
                Campaigns.Campaign k = w.campaigns.all.get(c);
                rng.reseed(Hash.of(kAds, c, d));
                double base = m == Campaigns.TMALL ? 300 + w.n * 0.01 : 100 + w.n * 0.002;
                boolean seasonal = !k.name().endsWith("_always_on");
                double volume = base * (0.7 + 0.6 * rng.nextDouble()) * (promo ? 2.0 : 1.0) * (seasonal ? 1.5 : 1.0);
                long clicks = Math.max(1, Math.round(touchesPerCampaign[c] * 20 + volume));
                long impressions = clicks * rng.between(30, 90);
                long cost = Math.round(clicks * Campaigns.CPC_FEN[m] * (0.8 + 0.4 * rng.nextDouble()));
                Row r = row(Entity.AD_SPEND_DAILY);
                r.ts(TsFormat.DATE, epochDay, 0, 0).str(Campaigns.MEDIA[m]).str(k.id()).str(k.name()).num(impressions)
                        .num(clicks).money(cost);
                out(Entity.AD_SPEND_DAILY).write(r, -1);
            }
        }
    }
}
