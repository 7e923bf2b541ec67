package io.onecustomer.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Late and corrected data, planted over a generated output (a pass after {@link Generator}, so the
 * world and every other file stay byte-identical):
 *
 * <ul>
 *   <li><b>Corrections.</b> A share of the marketplace's good order lines is sent again one to three
 *       days later with new content, the way the marketplace restates an order: a refund after
 *       delivery ({@code refund_status} SUCCESS), a cancellation of an unconfirmed order ({@code
 *       status} TRADE_CLOSED), or a price adjustment ({@code payment} 10% lower). The re-sent lines
 *       go to {@code marketplace/dt=<arrival>/orders-corrections.jsonl}. {@code
 *       truth/corrections.csv} lists each with the order line's silver status and net amount after
 *       the correction.
 *   <li><b>Late files.</b> A share of the (entity, day) landing files is declared late: {@code
 *       truth/late_files.csv} says on which later day each arrives. The files are written in their
 *       day's folder like any other; a consumer that wants to replay the lateness holds them back
 *       until that day.
 * </ul>
 *
 * Deterministic in (seed, rates) and the generated files.
 */
public final class LateData {
    private LateData() {}

    static final String CORRECTIONS_FILE = "orders-corrections.jsonl";

    private static final Pattern OID = Pattern.compile("\"oid\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private static final Pattern REFUND = Pattern.compile("\"refund_status\":\"([A-Z_]+)\"");
    private static final Pattern PAYMENT = Pattern.compile("\"payment\":\"([0-9.]+)\"");

    /** What was planted. */
    public record Planted(int corrections, int lateFiles) {}

    /**
     * Plants corrections and late files in the output folder {@code out} of a generation that used
     * {@code seed}. Run it once per output (a second run would correct the corrections).
     *
     * @param correctionRate share of the marketplace's good order lines re-sent corrected (0..0.5)
     * @param lateFileRate share of (entity, day) landing files that arrive late (0..0.5)
     */
    public static Planted plant(Path out, long seed, double correctionRate, double lateFileRate) {
        if (!(correctionRate >= 0 && correctionRate <= 0.5) || !(lateFileRate >= 0 && lateFileRate <= 0.5)) {
            throw new IllegalArgumentException("correction and late-file rates must be between 0 and 0.5, got "
                    + correctionRate + " and " + lateFileRate);
        }
        try {
            Path landing = out.resolve("landing");
            Path truth = out.resolve("truth");
            List<String[]> manifest = readCsv(truth.resolve("manifest.csv"));
            TreeMap<LocalDate, List<String[]>> filesByDay = new TreeMap<>();
            manifest.forEach(m -> filesByDay.computeIfAbsent(LocalDate.parse(m[2]), d -> new ArrayList<>()).add(m));
            if (filesByDay.isEmpty()) {
                return new Planted(0, 0);
            }
            LocalDate last = filesByDay.lastKey();
            Set<String> badLines = new HashSet<>();
            readCsv(truth.resolve("bad_rows.csv")).forEach(b -> badLines.add(b[3] + ":" + b[4]));
            int corrections = correctionRate > 0 ? corrections(landing, truth, seed, correctionRate, filesByDay, last,
                    badLines) : 0;
            int late = lateFiles(truth, seed, lateFileRate, filesByDay, last);
            return new Planted(corrections, late);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int corrections(Path landing, Path truth, long seed, double rate,
            TreeMap<LocalDate, List<String[]>> filesByDay, LocalDate last, Set<String> badLines) throws IOException {
        long key = Hash.streamKey(seed, 9001);
        Map<LocalDate, List<String>> arriving = new TreeMap<>();
        List<String> truthRows = new ArrayList<>();
        truthRows.add("order_line_id,original_dt,original_file,original_line,arrival_dt,arrival_line,kind,status,"
                + "net_amount");
        for (Map.Entry<LocalDate, List<String[]>> day : filesByDay.entrySet()) {
            LocalDate d = day.getKey();
            if (!d.isBefore(last)) {
                continue;
            }
            for (String[] m : day.getValue()) {
                if (!m[0].equals("marketplace") || !m[1].equals("orders")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(landing.resolve(m[3]), StandardCharsets.ISO_8859_1);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (badLines.contains(m[3] + ":" + (i + 1))) {
                        continue;
                    }
                    Matcher oid = OID.matcher(line);
                    Matcher status = STATUS.matcher(line);
                    Matcher refund = REFUND.matcher(line);
                    Matcher payment = PAYMENT.matcher(line);
                    if (!oid.find() || !status.find() || !refund.find() || !payment.find()
                            || !refund.group(1).equals("NO_REFUND") || status.group(1).equals("TRADE_CLOSED")) {
                        continue;
                    }
                    long h = Hash.of(key, oid.group(1).hashCode(), d.toEpochDay());
                    if (Hash.unit(h) >= rate) {
                        continue;
                    }
                    LocalDate arrival = d.plusDays(1 + Math.floorMod(h >>> 20, 3));
                    if (arrival.isAfter(last)) {
                        arrival = last;
                    }
                    String kind;
                    String fixed;
                    String silverStatus;
                    BigDecimal net;
                    BigDecimal paid = new BigDecimal(payment.group(1));
                    if (!status.group(1).equals("TRADE_FINISHED")) {
                        kind = "cancellation";
                        fixed = line.replace("\"status\":\"" + status.group(1) + "\"", "\"status\":\"TRADE_CLOSED\"");
                        silverStatus = "cancelled";
                        net = BigDecimal.ZERO.setScale(2);
                    } else if (Math.floorMod(h >>> 40, 2) == 0) {
                        kind = "refund";
                        fixed = line.replace("\"refund_status\":\"NO_REFUND\"", "\"refund_status\":\"SUCCESS\"");
                        silverStatus = "refunded";
                        net = BigDecimal.ZERO.setScale(2);
                    } else {
                        kind = "price_adjustment";
                        net = paid.multiply(new BigDecimal("0.90")).setScale(2, RoundingMode.HALF_UP);
                        fixed = line.replace("\"payment\":\"" + payment.group(1) + "\"", "\"payment\":\"" + net + "\"");
                        silverStatus = "completed";
                    }
                    List<String> to = arriving.computeIfAbsent(arrival, a -> new ArrayList<>());
                    to.add(fixed);
                    truthRows.add("marketplace:" + oid.group(1) + "," + d + "," + m[3] + "," + (i + 1) + "," + arrival
                            + "," + to.size() + "," + kind + "," + silverStatus + "," + net.toPlainString());
                }
            }
        }
        List<String> manifestRows = new ArrayList<>();
        int n = 0;
        for (Map.Entry<LocalDate, List<String>> a : arriving.entrySet()) {
            String rel = "marketplace/dt=" + a.getKey() + "/" + CORRECTIONS_FILE;
            Path file = landing.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.write(file, a.getValue(), StandardCharsets.ISO_8859_1);
            int lines = a.getValue().size();
            n += lines;
            manifestRows.add("marketplace,orders," + a.getKey() + "," + rel + "," + lines + "," + lines + ",0");
        }
        Files.write(truth.resolve("manifest.csv"), manifestRows, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.write(truth.resolve("corrections.csv"), truthRows, StandardCharsets.UTF_8);
        return n;
    }

    private static int lateFiles(Path truth, long seed, double rate, TreeMap<LocalDate, List<String[]>> filesByDay,
            LocalDate last) throws IOException {
        long key = Hash.streamKey(seed, 9002);
        List<String> rows = new ArrayList<>();
        rows.add("source,entity,dt,file,arrival_dt");
        for (Map.Entry<LocalDate, List<String[]>> day : filesByDay.entrySet()) {
            LocalDate d = day.getKey();
            if (!d.isBefore(last) || rate == 0) {
                continue;
            }
            for (String[] m : day.getValue()) {
                if (m[3].endsWith(CORRECTIONS_FILE)) {
                    continue;
                }
                long h = Hash.of(key, (m[0] + "/" + m[1]).hashCode(), d.toEpochDay());
                if (Hash.unit(h) >= rate) {
                    continue;
                }
                LocalDate arrival = d.plusDays(1 + Math.floorMod(h >>> 20, 2));
                rows.add(String.join(",", m[0], m[1], m[2], m[3], (arrival.isAfter(last) ? last : arrival).toString()));
            }
        }
        Files.write(truth.resolve("late_files.csv"), rows, StandardCharsets.UTF_8);
        return rows.size() - 1;
    }

    private static List<String[]> readCsv(Path f) throws IOException {
        if (!Files.exists(f)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
            return lines.skip(1).filter(l -> !l.isEmpty()).map(l -> l.split(",", -1)).toList();
        }
    }
}
