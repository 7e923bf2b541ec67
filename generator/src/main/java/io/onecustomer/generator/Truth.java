package io.onecustomer.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the truth folder: who is who, what was planted, and which lines are bad. */
final class Truth {
    private Truth() {}

    static void writePeople(World w, Path truth) {
        try (BufferedWriter out = Files.newBufferedWriter(truth.resolve("people.csv"), StandardCharsets.UTF_8)) {
            out.write("person_id,phone,email,member_id,card_no,buyer_nick,openid,unionid,device_ids,region,city,segment,"
                    + "first_active_date,churn_date,shared_phone_group\n");
            StringBuilder sb = new StringBuilder(512);
            for (int i = 0; i < w.n; i++) {
                sb.setLength(0);
                w.appendPersonId(sb, i);
                sb.append(",+86").append(w.phoneNumber(w.phoneOwner[i], 0)).append(',');
                if (w.has(i, World.F_EMAIL)) {
                    sb.append(w.email(i));
                }
                sb.append(',');
                if (w.has(i, World.F_MEMBER)) {
                    w.appendMemberId(sb, i);
                    sb.append(',');
                    w.appendCardNo(sb, i);
                } else {
                    sb.append(',');
                }
                sb.append(',');
                if (w.has(i, World.F_MKT)) {
                    w.appendBuyerNick(sb, i);
                }
                sb.append(',');
                if (w.has(i, World.F_MINI)) {
                    w.appendOpenid(sb, i);
                }
                sb.append(',');
                if (w.has(i, World.F_UNIONID)) {
                    w.appendUnionid(sb, i);
                }
                sb.append(',');
                for (int k = 0; k < w.devices(i); k++) {
                    if (k > 0) {
                        sb.append('|');
                    }
                    w.appendDeviceId(sb, World.deviceKey(i, k));
                }
                sb.append(',').append(Geo.REGIONS[w.region[i]]).append(',').append(w.cityName(i)).append(',')
                        .append(World.SEGMENTS[w.segment[i]]).append(',');
                Fmt.date(sb, w.epochDay(w.firstActive[i]), '-');
                sb.append(',');
                if (w.churnDay[i] != Integer.MAX_VALUE) {
                    Fmt.date(sb, w.epochDay(w.churnDay[i]), '-');
                }
                sb.append(',');
                if (w.group[i] > 0) {
                    sb.append('G');
                    Fmt.pad(sb, w.group[i], 5);
                }
                sb.append('\n');
                out.append(sb);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeStatic(World w, Path truth) {
        List<String> lines = new ArrayList<>();
        lines.add("distributor_id,authorised_region");
        for (Geo.Distributor d : Geo.DISTRIBUTORS) {
            lines.add(d.id() + "," + Geo.REGIONS[d.region()]);
        }
        write(truth.resolve("distributors.csv"), lines);

        lines.clear();
        lines.add("store_id,city,region");
        for (Geo.Store s : Geo.STORES) {
            lines.add(s.id() + "," + s.city() + "," + Geo.REGIONS[s.region()]);
        }
        write(truth.resolve("stores.csv"), lines);

        try (BufferedWriter out = Files.newBufferedWriter(truth.resolve("phone_changes.csv"), StandardCharsets.UTF_8);
                BufferedWriter gaps = Files.newBufferedWriter(truth.resolve("activity_gaps.csv"), StandardCharsets.UTF_8)) {
            out.write("person_id,old_phone,new_phone,change_date\n");
            gaps.write("person_id,start_date,end_date\n");
            StringBuilder sb = new StringBuilder(128);
            for (int i = 0; i < w.n; i++) {
                if (w.has(i, World.F_PHONE2)) {
                    sb.setLength(0);
                    w.appendPersonId(sb, i);
                    sb.append(",+86").append(w.phoneNumber(i, 0)).append(",+86").append(w.phoneNumber(i, 1)).append(',');
                    Fmt.date(sb, w.epochDay(w.phoneChangeDay[i]), '-');
                    out.append(sb).append('\n');
                }
                if (w.gapStart[i] != Integer.MAX_VALUE) {
                    sb.setLength(0);
                    w.appendPersonId(sb, i);
                    sb.append(',');
                    Fmt.date(sb, w.epochDay(w.gapStart[i]), '-');
                    sb.append(',');
                    Fmt.date(sb, w.epochDay(w.gapEnd[i] - 1), '-');
                    gaps.append(sb).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeMerged(World w, Path truth, DayResult[] results) {
        List<String> manifest = new ArrayList<>();
        manifest.add("source,entity,dt,file,lines,good_lines,bad_lines");
        for (DayResult r : results) {
            manifest.addAll(r.manifest());
        }
        write(truth.resolve("manifest.csv"), manifest);

        try (OutputStream out = Files.newOutputStream(truth.resolve("bad_rows.csv"))) {
            out.write("source,entity,dt,file,line,kind,expected,reason\n".getBytes(StandardCharsets.US_ASCII));
            for (int d = 0; d < results.length; d++) {
                Path part = truth.resolve(Generator.PARTS_DIR).resolve("bad_rows-" + DayContext.dt(w, d) + ".csv");
                try (InputStream in = Files.newInputStream(part)) {
                    in.transferTo(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        write(truth.resolve("planted_events.csv"), plantedEvents(w, results));
    }

    private static List<String> plantedEvents(World w, DayResult[] results) {
        String first = DayContext.dt(w, 0);
        String last = DayContext.dt(w, w.days - 1);
        long[] touches = new long[Campaigns.MEDIA.length];
        long diversion = 0;
        long lowPrice = 0;
        for (DayResult r : results) {
            for (int m = 0; m < touches.length; m++) {
                touches[m] += r.touchesPerMedia()[m];
            }
            diversion += r.diversionRows();
            lowPrice += r.lowPriceRows();
        }
        long churners = 0;
        long fading = 0;
        long complaints = 0;
        long gaps = 0;
        long phoneChanges = 0;
        long grouped = 0;
        long acquired = 0;
        long sofa = 0;
        long followUpsPlanned = 0;
        long followUpsInWindow = 0;
        long coffeeOnly = 0;
        for (int i = 0; i < w.n; i++) {
            if (w.churnDay[i] != Integer.MAX_VALUE) {
                churners++;
                fading += w.has(i, World.F_FADING) ? 1 : 0;
                complaints += w.complaintDay[i] != Integer.MIN_VALUE ? 1 : 0;
            }
            gaps += w.gapStart[i] != Integer.MAX_VALUE ? 1 : 0;
            phoneChanges += w.has(i, World.F_PHONE2) ? 1 : 0;
            grouped += w.group[i] > 0 ? 1 : 0;
            acquired += w.firstActive[i] >= 0 ? 1 : 0;
            if (w.sofaDay[i] != Integer.MIN_VALUE) {
                sofa++;
                if (w.coffeeDay[i] != Integer.MIN_VALUE) {
                    followUpsPlanned++;
                    followUpsInWindow += w.coffeeDay[i] < w.days ? 1 : 0;
                }
            } else if (w.coffeeDay[i] != Integer.MIN_VALUE) {
                coffeeOnly++;
            }
        }
        List<String> rows = new ArrayList<>();
        rows.add("kind,scope,start_date,end_date,effect");
        for (int[] p : w.promotions) {
            rows.add(row("promotion", "source=marketplace;source=miniprogram", DayContext.dt(w, p[0]), DayContext.dt(w, p[1]),
                    "marketplace purchase probability x" + World.PROMO_MARKETPLACE + " and discount 15-25%; miniprogram x"
                            + World.PROMO_MINIPROGRAM + "; ad volume x2"));
        }
        StringBuilder stores = new StringBuilder();
        for (int s : Geo.STORES_BY_REGION[w.dropRegion]) {
            if (stores.length() > 0) {
                stores.append('|');
            }
            stores.append(Geo.STORES.get(s).id());
        }
        rows.add(row("sales_drop", "source=pos;region=" + Geo.REGIONS[w.dropRegion] + ";stores=" + stores,
                DayContext.dt(w, w.dropFrom), DayContext.dt(w, w.dropTo),
                "POS purchase probability x" + World.DROP_FACTOR + " (-60%) for people of the region; the only planted drop"));
        rows.add(row("weekend_boost", "source=pos", first, last,
                "POS purchase probability x" + World.WEEKEND_POS + " on Saturdays and Sundays"));
        for (int m = 0; m < Campaigns.CLICK_MEDIA; m++) {
            double boost = Campaigns.TOUCH_BOOST[m];
            rows.add(row("ad_effect", "utm_source=" + Campaigns.MEDIA[m], first, last,
                    "purchase probability (all channels) x" + boost + " during the " + Campaigns.TOUCH_EFFECT_DAYS
                            + " days after a clickstream ad touch" + (boost == 1.0 ? " (no effect)" : "")
                            + "; touches independent of behaviour; touches=" + touches[m]));
        }
        rows.add(row("ad_effect", "media=tmall", first, last,
                "ad_spend only; no clickstream touches and no planted effect"));
        rows.add(row("cross_sell", "category=sofa->coffee_table", first, last,
                "sofa buyers=" + sofa + "; " + Math.round(World.CROSS_SELL_SHARE * 100)
                        + "% planned to buy a coffee_table 7-90 days later (planned=" + followUpsPlanned + "; in window="
                        + followUpsInWindow + "); coffee_table buyers without a sofa=" + coffeeOnly
                        + "; random orders never contain sofas or coffee tables"));
        Geo.Distributor div = Geo.DISTRIBUTORS.get(w.diversionDistributor);
        rows.add(row("distributor_diversion", "distributor=" + div.id() + ";authorised_region=" + Geo.REGIONS[div.region()]
                        + ";reported_region=" + Geo.REGIONS[w.diversionRegion],
                DayContext.dt(w, w.diversionFrom), DayContext.dt(w, w.diversionTo),
                "about 25% of the distributor's rows report a region it is not authorised for; rows=" + diversion));
        StringBuilder skus = new StringBuilder();
        for (int p : w.lowPriceProducts) {
            if (skus.length() > 0) {
                skus.append('|');
            }
            skus.append(w.catalog.sku(Catalog.CH_DISTRIBUTOR, p));
        }
        rows.add(row("distributor_low_price", "distributor=" + Geo.DISTRIBUTORS.get(w.lowPriceDistributor).id() + ";skus=" + skus,
                DayContext.dt(w, w.lowPriceFrom), DayContext.dt(w, w.lowPriceTo),
                "unit_price 40-50% of list price (norm 90-100%; MAP is 90%); rows=" + lowPrice));
        rows.add(row("churn", "people", first, last, "churners=" + churners
                + " (people.csv churn_date): no purchases from churn_date; visits x" + World.CHURN_VISIT_FACTOR
                + " after; purchases unchanged before; fading visits (x1 to x0.5 over the last 30 days) for " + fading
                + "; extra complaint ticket within 30 days before churn for " + complaints));
        rows.add(row("natural_gap", "people", first, last, "non-churners with a 30-60 day pause=" + gaps
                + " (activity_gaps.csv): no purchases; visits x" + World.GAP_VISIT_FACTOR));
        rows.add(row("phone_change", "people", first, last, "people switching to a second phone=" + phoneChanges
                + " (phone_changes.csv); people.csv phone is the first one"));
        rows.add(row("shared_phone", "people", first, last, "people in families sharing one phone=" + grouped + " in "
                + w.groups + " groups (people.csv shared_phone_group)"));
        rows.add(row("acquisition", "people", first, last, "people first active inside the window=" + acquired
                + "; nothing is generated for a person before first_active_date"));
        rows.add(row("browse_before_buy", "source=clickstream;source=miniprogram", first, last,
                Math.round(World.PREBROWSE_POS * 100) + "% of POS and " + Math.round(World.PREBROWSE_ONLINE * 100)
                        + "% of online purchases by web users have a clickstream session 1-3 days before viewing the"
                        + " product (POS: ending with store_locator); mini-program-only users page_view it instead"));
        rows.add(row("segment_spend", "segment=vip|regular|occasional", first, last,
                "base daily purchase probability " + World.SEGMENT_RATE[0] + "/" + World.SEGMENT_RATE[1] + "/"
                        + World.SEGMENT_RATE[2] + " x individual factor 0.6-1.4; vip buy pricier items and more lines"));
        rows.add(row("service_tickets", "source=service", first, last,
                Math.round(World.TICKET_RATE * 100) + "% of orders get a ticket 0-" + World.TICKET_MAX_DELAY
                        + " days later (order_ref for 80%)"));
        for (int p = 0; p < w.catalog.size; p++) {
            if (w.catalog.inactiveFrom[p] < w.days) {
                rows.add(row("product_discontinued", "product=" + w.catalog.code[p], DayContext.dt(w, w.catalog.inactiveFrom[p]),
                        last, "catalog active=N; no sales from this day"));
            }
        }
        return rows;
    }

    private static String row(String kind, String scope, String from, String to, String effect) {
        return csv(kind) + "," + csv(scope) + "," + from + "," + to + "," + csv(effect);
    }

    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static void write(Path p, List<String> lines) {
        try {
            Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
