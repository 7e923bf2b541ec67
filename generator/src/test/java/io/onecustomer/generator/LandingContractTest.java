package io.onecustomer.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks a generated data set line by line against docs/landing-formats.md (see {@link ContractSpec}). */
class LandingContractTest {
    private static final int MAX_LINES = 700;
    private static final LocalDate START = LocalDate.of(2026, 6, 15);
    private static final int DAYS = 6;
    private static final Pattern FILE = Pattern.compile("([a-z_]+)/dt=(\\d{4}-\\d{2}-\\d{2})/([a-z]+)-(\\d{5})\\.(csv|jsonl)");

    @TempDir
    static Path out;
    static Path landing;
    static Path truth;
    static GenerationSummary summary;
    static List<Map<String, String>> badRows;
    /** file -> physical line -> bad row entry. */
    static Map<String, Map<Integer, Map<String, String>>> badByFile = new HashMap<>();
    static Map<LocalDate, Set<String>> catalogSkus = new HashMap<>();
    static List<String> landingFiles;

    @BeforeAll
    static void generate() throws IOException {
        summary = Generator.generate(new GeneratorConfig(out, 11, 2000, START, DAYS, 0.08, MAX_LINES, 2));
        landing = out.resolve("landing");
        truth = out.resolve("truth");
        badRows = TestOutput.csv(truth.resolve("bad_rows.csv"));
        for (Map<String, String> r : badRows) {
            Map<String, String> prev = badByFile.computeIfAbsent(r.get("file"), k -> new HashMap<>())
                    .put(Integer.parseInt(r.get("line")), r);
            assertEquals(null, prev, "one bad_rows entry per line: " + r);
        }
        try (Stream<Path> walk = Files.walk(landing)) {
            landingFiles = walk.filter(Files::isRegularFile).map(p -> landing.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        for (String f : landingFiles) {
            if (!f.startsWith("products/")) {
                continue;
            }
            LocalDate dt = LocalDate.parse(f.substring(f.indexOf("dt=") + 3, f.indexOf("dt=") + 13));
            List<byte[]> ls = TestOutput.lines(landing.resolve(f));
            Map<Integer, Map<String, String>> bad = badByFile.getOrDefault(f, Map.of());
            for (int i = 1; i < ls.size(); i++) {
                if (!bad.containsKey(i + 1)) {
                    List<String> v = CsvLine.parse(new String(ls.get(i), StandardCharsets.UTF_8));
                    catalogSkus.computeIfAbsent(dt, k -> new HashSet<>()).add(v.get(6));
                }
            }
        }
    }

    private static LocalDate dtOf(String file) {
        Matcher m = FILE.matcher(file);
        assertTrue(m.matches(), file);
        return LocalDate.parse(m.group(2));
    }

    private static ContractSpec.Spec specOf(String file) {
        Matcher m = FILE.matcher(file);
        assertTrue(m.matches(), file);
        return ContractSpec.spec(m.group(1), m.group(3));
    }

    @Test
    void csvHeadersMatchContract() {
        Map<String, String> contract = Map.of(
                "pos", "receipt_no,line_no,store_id,sale_time,member_card,phone,store_sku,qty,unit_price,discount,line_amount,pay_type",
                "crm", "member_id,card_no,phone,email,name,birthday,tier,consent_sms,consent_email,registered_store,"
                        + "registered_channel,registered_at,updated_at",
                "distributor", "report_date,distributor_id,region,dist_sku,qty,unit_price,retailer",
                "ad_spend", "spend_date,media,campaign_id,campaign_name,impressions,clicks,cost",
                "service", "ticket_id,created_at,contact_channel,phone,email,member_id,order_ref,category,satisfaction,status",
                "products", "product_code,product_name,category,list_price,min_advertised_price,channel,channel_sku,active");
        int checked = 0;
        for (String f : landingFiles) {
            String source = f.substring(0, f.indexOf('/'));
            if (f.endsWith(".csv")) {
                assertEquals(contract.get(source), TestOutput.header(landing.resolve(f)), f);
                checked++;
            } else {
                List<byte[]> ls = TestOutput.lines(landing.resolve(f));
                if (!ls.isEmpty()) {
                    assertFalse(new String(ls.get(0), StandardCharsets.UTF_8).startsWith("event_id,"), "no header in " + f);
                }
            }
        }
        assertEquals(6 * DAYS, checked - extraParts(".csv"), "every CSV entity has a file per day");
    }

    private static long extraParts(String ext) {
        return landingFiles.stream().filter(f -> f.endsWith(ext) && !f.contains("-00000.")).count();
    }

    @Test
    void filesFollowTheLandingLayout() {
        Map<String, Integer> parts = new TreeMap<>();
        for (String f : landingFiles) {
            Matcher m = FILE.matcher(f);
            assertTrue(m.matches(), "layout <source>/dt=YYYY-MM-DD/<entity>-NNNNN.<ext>: " + f);
            ContractSpec.Spec spec = ContractSpec.spec(m.group(1), m.group(3));
            assertEquals(spec.csv() ? "csv" : "jsonl", m.group(5), f);
            parts.merge(m.group(1) + "/" + m.group(3) + "/" + m.group(2), 1, Integer::sum);
            int data = TestOutput.lines(landing.resolve(f)).size() - (spec.csv() ? 1 : 0);
            assertTrue(data <= MAX_LINES, f + " has " + data + " lines");
            String next = f.replaceFirst("-\\d{5}\\.", String.format("-%05d.", Integer.parseInt(m.group(4)) + 1));
            if (landingFiles.contains(next)) {
                assertTrue(data >= MAX_LINES - 1, "a part is only closed when full: " + f + " has " + data);
            }
        }
        assertEquals(10 * DAYS, parts.size(), "every source/entity has files for every day: " + parts.keySet());
        assertTrue(parts.values().stream().anyMatch(n -> n > 1), "some days are split into parts");
    }

    @Test
    void everyBadRowHasExactlyItsDefect() {
        Map<String, String> expected = Map.of("malformed_json", "reject", "wrong_column_count", "reject",
                "unparseable_number", "reject", "unparseable_timestamp", "reject", "negative_quantity", "reject",
                "future_timestamp", "reject", "invalid_encoding", "reject", "unknown_sku", "flag", "duplicate", "dedupe");
        Map<String, List<byte[]>> cache = new HashMap<>();
        for (Map<String, String> r : badRows) {
            String file = r.get("file");
            ContractSpec.Spec spec = specOf(file);
            assertEquals(spec.source(), r.get("source"));
            assertEquals(spec.entity(), r.get("entity"));
            assertEquals(dtOf(file).toString(), r.get("dt"));
            assertEquals(expected.get(r.get("reason")), r.get("expected"), "expected outcome of " + r);
            List<byte[]> ls = cache.computeIfAbsent(file, k -> TestOutput.lines(landing.resolve(k)));
            int line = Integer.parseInt(r.get("line"));
            assertTrue(line >= (spec.csv() ? 2 : 1) && line <= ls.size(), "line exists: " + r);
            byte[] bytes = ls.get(line - 1);
            byte[] prev = line - 2 >= (spec.csv() ? 1 : 0) ? ls.get(line - 2) : null;
            Set<String> defects = ContractSpec.defects(spec, bytes, prev, dtOf(file), catalogSkus.get(dtOf(file)));
            assertEquals(Set.of(r.get("reason")), defects,
                    () -> r + " -> " + new String(bytes, StandardCharsets.ISO_8859_1));
            if (r.get("reason").equals("duplicate")) {
                assertFalse(badByFile.get(file).containsKey(line - 1), "a duplicate copies a good line: " + r);
            }
        }
    }

    @Test
    void goodLinesAreFullyValid() {
        long good = 0;
        Set<String> seenKinds = new TreeSet<>();
        for (String f : landingFiles) {
            ContractSpec.Spec spec = specOf(f);
            LocalDate dt = dtOf(f);
            List<byte[]> ls = TestOutput.lines(landing.resolve(f));
            Map<Integer, Map<String, String>> bad = badByFile.getOrDefault(f, Map.of());
            for (int i = spec.csv() ? 1 : 0; i < ls.size(); i++) {
                int physical = i + 1;
                if (bad.containsKey(physical)) {
                    seenKinds.add(spec.table() + ":" + bad.get(physical).get("reason"));
                    continue;
                }
                byte[] prev = i - 1 >= (spec.csv() ? 1 : 0) ? ls.get(i - 1) : null;
                Set<String> defects = ContractSpec.defects(spec, ls.get(i), prev, dt, catalogSkus.get(dt));
                if (!defects.isEmpty()) {
                    fail(f + " line " + physical + " is not in bad_rows but has " + defects + ": "
                            + new String(ls.get(i), StandardCharsets.UTF_8));
                }
                good++;
            }
        }
        assertTrue(good > 10_000, "good lines checked: " + good);
        // bad-row kinds only where they make sense
        for (String k : seenKinds) {
            String table = k.substring(0, k.indexOf(':'));
            String reason = k.substring(k.indexOf(':') + 1);
            ContractSpec.Spec spec = ContractSpec.SPECS.stream().filter(s -> s.table().equals(table)).findFirst().orElseThrow();
            switch (reason) {
                case "malformed_json" -> assertFalse(spec.csv(), k);
                case "wrong_column_count" -> assertTrue(spec.csv(), k);
                case "negative_quantity" -> assertTrue(spec.fields().stream().anyMatch(x -> x.kind() == ContractSpec.Kind.QTY), k);
                case "unknown_sku" -> assertTrue(spec.fields().stream().anyMatch(x -> x.kind() == ContractSpec.Kind.SKU), k);
                case "duplicate" -> assertTrue(spec.orderLines(), k);
                default -> { }
            }
        }
    }

    @Test
    void everyReasonCodeIsPlanted() {
        Set<String> reasons = new TreeSet<>();
        Map<String, Set<String>> perTable = new TreeMap<>();
        for (Map<String, String> r : badRows) {
            reasons.add(r.get("reason"));
            perTable.computeIfAbsent(r.get("source") + "_" + r.get("entity"), k -> new TreeSet<>()).add(r.get("reason"));
        }
        assertEquals(new TreeSet<>(List.of("malformed_json", "wrong_column_count", "unparseable_number",
                "unparseable_timestamp", "negative_quantity", "future_timestamp", "invalid_encoding", "unknown_sku",
                "duplicate")), reasons);
        assertEquals(Set.of("malformed_json", "future_timestamp", "invalid_encoding", "unknown_sku"),
                perTable.get("miniprogram_events"));
        assertEquals(Set.of("wrong_column_count", "unparseable_number", "invalid_encoding"), perTable.get("products_catalog"));
        assertTrue(perTable.get("pos_sales").containsAll(Set.of("duplicate", "negative_quantity", "unknown_sku")));
        assertEquals(summary.badRows(), badRows.size());
    }

    @Test
    void invalidEncodingRowsHoldGbkChinese() {
        Charset gbk = Charset.forName("GBK");
        int n = 0;
        for (Map<String, String> r : badRows) {
            if (!r.get("reason").equals("invalid_encoding")) {
                continue;
            }
            byte[] line = TestOutput.lines(landing.resolve(r.get("file"))).get(Integer.parseInt(r.get("line")) - 1);
            assertFalse(ContractSpec.isValidUtf8(line), r.toString());
            String asGbk = new String(line, gbk);
            assertTrue(asGbk.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    "GBK-decodes to Chinese: " + asGbk);
            n++;
        }
        assertTrue(n > 10, "invalid_encoding rows: " + n);
    }

    @Test
    void manifestCountsMatchFiles() {
        List<Map<String, String>> manifest = TestOutput.csv(truth.resolve("manifest.csv"));
        assertEquals("source,entity,dt,file,lines,good_lines,bad_lines", TestOutput.header(truth.resolve("manifest.csv")));
        Set<String> listed = new HashSet<>();
        long total = 0;
        for (Map<String, String> m : manifest) {
            String f = m.get("file");
            assertTrue(listed.add(f), "listed once: " + f);
            ContractSpec.Spec spec = specOf(f);
            assertEquals(spec.source(), m.get("source"));
            assertEquals(spec.entity(), m.get("entity"));
            assertEquals(dtOf(f).toString(), m.get("dt"));
            int data = TestOutput.lines(landing.resolve(f)).size() - (spec.csv() ? 1 : 0);
            long lines = Long.parseLong(m.get("lines"));
            long good = Long.parseLong(m.get("good_lines"));
            long bad = Long.parseLong(m.get("bad_lines"));
            assertEquals(data, lines, "lines of " + f);
            assertEquals(lines, good + bad, f);
            assertEquals(badByFile.getOrDefault(f, Map.of()).size(), bad, "bad lines of " + f);
            total += lines;
        }
        assertEquals(new HashSet<>(landingFiles), listed, "the manifest lists every landing file");
        assertEquals(summary.totalLines(), total);
    }

    @Test
    void truthRecordsCoverEveryLine() {
        Set<String> people = new HashSet<>();
        for (Map<String, String> p : TestOutput.csv(truth.resolve("people.csv"))) {
            people.add(p.get("person_id"));
        }
        for (ContractSpec.Spec spec : ContractSpec.SPECS) {
            if (spec.recordKey() == null) {
                assertFalse(Files.exists(truth.resolve("records").resolve(spec.table())), spec.table());
                continue;
            }
            for (int d = 0; d < DAYS; d++) {
                LocalDate dt = START.plusDays(d);
                Path rec = truth.resolve("records").resolve(spec.table()).resolve("dt=" + dt + ".csv");
                assertEquals("record_key,person_id", TestOutput.header(rec));
                List<Map<String, String>> records = TestOutput.csv(rec);
                List<String> files = landingFiles.stream()
                        .filter(f -> f.startsWith(spec.source() + "/dt=" + dt + "/" + spec.entity() + "-")).toList();
                int k = 0;
                for (String f : files) {
                    List<byte[]> ls = TestOutput.lines(landing.resolve(f));
                    Map<Integer, Map<String, String>> bad = badByFile.getOrDefault(f, Map.of());
                    for (int i = spec.csv() ? 1 : 0; i < ls.size(); i++, k++) {
                        assertTrue(k < records.size(), "a record per line in " + rec);
                        Map<String, String> r = records.get(k);
                        String person = r.get("person_id");
                        assertTrue(person.isEmpty() ? spec.source().equals("clickstream") : people.contains(person),
                                "person of " + r + " in " + rec);
                        if (!bad.containsKey(i + 1)) {
                            Map<String, Object> v = ContractSpec.values(spec, new String(ls.get(i), StandardCharsets.UTF_8));
                            assertNotNull(v);
                            StringBuilder key = new StringBuilder();
                            for (String part : spec.recordKey().split("#")) {
                                if (key.length() > 0) {
                                    key.append('#');
                                }
                                Object o = v.get(part);
                                key.append(o instanceof java.math.BigDecimal b ? b.toPlainString() : o);
                            }
                            assertEquals(key.toString(), r.get("record_key"), f + " line " + (i + 1));
                        }
                    }
                }
                assertEquals(records.size(), k, "records of " + rec);
            }
        }
    }

    @Test
    void recordKeysAreUniqueExceptPlantedDuplicates() {
        for (ContractSpec.Spec spec : ContractSpec.SPECS) {
            if (spec.recordKey() == null) {
                continue;
            }
            Set<String> keys = new HashSet<>();
            long duplicates = badRows.stream().filter(r -> r.get("reason").equals("duplicate")
                    && (r.get("source") + "_" + r.get("entity")).equals(spec.table())).count();
            long rows = 0;
            for (int d = 0; d < DAYS; d++) {
                for (Map<String, String> r : TestOutput.csv(truth.resolve("records").resolve(spec.table())
                        .resolve("dt=" + START.plusDays(d) + ".csv"))) {
                    keys.add(r.get("record_key"));
                    rows++;
                }
            }
            assertEquals(rows - duplicates, keys.size(), "unique natural keys in " + spec.table());
        }
    }

    @Test
    void truthFilesHaveContractHeaders() {
        assertEquals("person_id,phone,email,member_id,card_no,buyer_nick,openid,unionid,device_ids,region,city,segment,"
                + "first_active_date,churn_date,shared_phone_group", TestOutput.header(truth.resolve("people.csv")));
        assertEquals("source,entity,dt,file,line,kind,expected,reason", TestOutput.header(truth.resolve("bad_rows.csv")));
        assertEquals("distributor_id,authorised_region", TestOutput.header(truth.resolve("distributors.csv")));
        assertEquals("kind,scope,start_date,end_date,effect", TestOutput.header(truth.resolve("planted_events.csv")));
        List<Map<String, String>> d = TestOutput.csv(truth.resolve("distributors.csv"));
        assertEquals(List.of("D01", "D02", "D03", "D04", "D05", "D06"), d.stream().map(r -> r.get("distributor_id")).toList());
        assertFalse(Files.exists(truth.resolve(Generator.PARTS_DIR)), "no temporary folders left");
    }

    @Test
    void peopleTruthIsWellFormed() {
        List<Map<String, String>> people = TestOutput.csv(truth.resolve("people.csv"));
        assertEquals(2000, people.size());
        Map<String, List<String>> groups = new HashMap<>();
        for (int i = 0; i < people.size(); i++) {
            Map<String, String> p = people.get(i);
            assertEquals(String.format("P%07d", i + 1), p.get("person_id"));
            assertTrue(p.get("phone").matches("\\+861[3-9]\\d{9}"), p.get("phone"));
            assertTrue(p.get("email").isEmpty() || p.get("email").equals(p.get("email").trim().toLowerCase()), p.get("email"));
            assertEquals(p.get("member_id").isEmpty(), p.get("card_no").isEmpty());
            assertTrue(Set.of("North", "East", "South", "West", "Central").contains(p.get("region")));
            assertTrue(Set.of("vip", "regular", "occasional").contains(p.get("segment")));
            assertTrue(p.get("unionid").isEmpty() || !p.get("openid").isEmpty(), "unionid only for mini-program users");
            if (!p.get("device_ids").isEmpty()) {
                int n = p.get("device_ids").split("\\|").length;
                assertTrue(n >= 1 && n <= 3, p.get("device_ids"));
            }
            if (!p.get("churn_date").isEmpty()) {
                LocalDate c = LocalDate.parse(p.get("churn_date"));
                assertTrue(!c.isBefore(START) && c.isBefore(START.plusDays(DAYS)), "churn inside the window: " + c);
                assertTrue(c.isAfter(LocalDate.parse(p.get("first_active_date"))));
            }
            if (!p.get("shared_phone_group").isEmpty()) {
                groups.computeIfAbsent(p.get("shared_phone_group"), k -> new ArrayList<>()).add(p.get("phone"));
            }
        }
        assertFalse(groups.isEmpty(), "some families share a phone");
        for (List<String> phones : groups.values()) {
            assertTrue(phones.size() >= 2 && phones.size() <= 4);
            assertEquals(1, new HashSet<>(phones).size(), "a family shares one phone");
        }
        Set<String> owners = new HashSet<>();
        for (Map<String, String> p : people) {
            if (p.get("shared_phone_group").isEmpty()) {
                assertTrue(owners.add(p.get("phone")), "phones are unique outside families: " + p.get("phone"));
            }
        }
    }

    @Test
    void plantedEventsListTheRequiredPatterns() {
        List<Map<String, String>> ev = TestOutput.csv(truth.resolve("planted_events.csv"));
        Set<String> kindsAndScopes = new HashSet<>();
        for (Map<String, String> e : ev) {
            kindsAndScopes.add(e.get("kind"));
            kindsAndScopes.add(e.get("kind") + "|" + e.get("scope"));
            LocalDate from = LocalDate.parse(e.get("start_date"));
            LocalDate to = LocalDate.parse(e.get("end_date"));
            assertFalse(to.isBefore(from), e.toString());
        }
        for (String k : List.of("promotion", "sales_drop", "distributor_diversion", "distributor_low_price", "cross_sell",
                "churn", "ad_effect|utm_source=douyin", "ad_effect|utm_source=baidu", "ad_effect|utm_source=display_net")) {
            assertTrue(kindsAndScopes.contains(k), "planted_events has " + k);
        }
        Map<String, String> promo = ev.stream().filter(e -> e.get("kind").equals("promotion")).findFirst().orElseThrow();
        assertEquals("2026-06-16", promo.get("start_date"));
        assertEquals("2026-06-18", promo.get("end_date"));
    }
}
