package io.onecustomer.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LateDataTest {
    static final LocalDate START = LocalDate.of(2026, 5, 20);

    private static Path generate(Path out) {
        Generator.generate(GeneratorConfig.defaults(out).withPeople(1000).withDays(5).withStart(START).withSeed(3)
                .withThreads(2));
        return out;
    }

    private static List<String[]> csv(Path f) throws IOException {
        return Files.readAllLines(f, StandardCharsets.UTF_8).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void correctionsAreResentLaterWithExactlyTheirCorrectedFieldAndListedInTruth(@TempDir Path tmp) throws IOException {
        Path out = generate(tmp.resolve("a"));
        LateData.Planted p = LateData.plant(out, 3, 0.3, 0.2);
        List<String[]> corrections = csv(out.resolve("truth/corrections.csv"));
        assertEquals(p.corrections(), corrections.size());
        assertTrue(corrections.size() > 10, "planted " + corrections.size());
        assertEquals(3, corrections.stream().map(c -> c[6]).distinct().count(), "refund, cancellation, price adjustment");
        for (String[] c : corrections) {
            LocalDate original = LocalDate.parse(c[1]);
            LocalDate arrival = LocalDate.parse(c[4]);
            assertTrue(arrival.isAfter(original) && !arrival.isAfter(START.plusDays(4))
                    && !arrival.isAfter(original.plusDays(3)), String.join(",", c));
            String before = Files.readAllLines(out.resolve("landing").resolve(c[2]), StandardCharsets.ISO_8859_1)
                    .get(Integer.parseInt(c[3]) - 1);
            String after = Files.readAllLines(out.resolve("landing/marketplace/dt=" + arrival + "/"
                    + LateData.CORRECTIONS_FILE), StandardCharsets.ISO_8859_1).get(Integer.parseInt(c[5]) - 1);
            assertTrue(before.contains("\"oid\":\"" + c[0].substring("marketplace:".length()) + "\""), before);
            assertNotEquals(before, after);
            switch (c[6]) {
                case "refund" -> assertEquals(before.replace("\"NO_REFUND\"", "\"SUCCESS\""), after);
                case "cancellation" -> assertTrue(after.contains("\"status\":\"TRADE_CLOSED\"")
                        && after.replaceAll("\"status\":\"[A-Z_]+\"", "").equals(before.replaceAll("\"status\":\"[A-Z_]+\"", "")));
                case "price_adjustment" -> assertTrue(after.contains("\"payment\":\"" + c[8] + "\"")
                        && !c[8].equals("0.00"), after);
                default -> throw new AssertionError(c[6]);
            }
        }
        // Every correction file is in the manifest with its line count.
        for (String[] m : csv(out.resolve("truth/manifest.csv"))) {
            assertTrue(Files.exists(out.resolve("landing").resolve(m[3])), m[3]);
        }
        long listed = csv(out.resolve("truth/manifest.csv")).stream().filter(m -> m[3].endsWith(LateData.CORRECTIONS_FILE))
                .mapToLong(m -> Long.parseLong(m[4])).sum();
        assertEquals(corrections.size(), listed);
    }

    @Test
    void lateFilesArriveOneOrTwoDaysLaterAndPlantingIsDeterministic(@TempDir Path tmp) throws IOException {
        Path a = generate(tmp.resolve("a"));
        Path b = generate(tmp.resolve("b"));
        LateData.plant(a, 3, 0.1, 0.2);
        LateData.plant(b, 3, 0.1, 0.2);
        List<String[]> late = csv(a.resolve("truth/late_files.csv"));
        assertFalse(late.isEmpty());
        for (String[] l : late) {
            LocalDate dt = LocalDate.parse(l[2]);
            LocalDate arrival = LocalDate.parse(l[4]);
            assertTrue(arrival.isAfter(dt) && !arrival.isAfter(dt.plusDays(2)) && !arrival.isAfter(START.plusDays(4)),
                    String.join(",", l));
            assertTrue(Files.exists(a.resolve("landing").resolve(l[3])), l[3]);
        }
        for (String f : List.of("truth/late_files.csv", "truth/corrections.csv", "truth/manifest.csv")) {
            assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f);
        }
    }
}
