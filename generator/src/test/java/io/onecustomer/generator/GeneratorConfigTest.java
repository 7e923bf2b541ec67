package io.onecustomer.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {
    private final GeneratorConfig base = GeneratorConfig.defaults(Path.of("out"));

    @Test
    void defaultsMatchTheDocumentedValues() {
        assertEquals(Path.of("out"), base.out());
        assertEquals(42, base.seed());
        assertEquals(20_000, base.people());
        assertEquals(LocalDate.of(2026, 5, 20), base.start());
        assertEquals(180, base.days());
        assertEquals(0.005, base.badRate());
        assertEquals(500_000, base.maxLinesPerFile());
        assertEquals(Math.min(256, Runtime.getRuntime().availableProcessors()), base.threads());
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void invalidValuesAreRejectedWithMessagesNamingThem() {
        assertEquals("people must be >= 1, got 0", message(() -> base.withPeople(0)));
        assertEquals("people must be <= 9999999, got 10000000", message(() -> base.withPeople(10_000_000)));
        assertEquals("days must be between 1 and 3660, got 0", message(() -> base.withDays(0)));
        assertEquals("badRate must be between 0 and 0.5, got -0.1", message(() -> base.withBadRate(-0.1)));
        assertEquals("badRate must be between 0 and 0.5, got NaN", message(() -> base.withBadRate(Double.NaN)));
        assertEquals("maxLinesPerFile must be >= 2, got 1", message(() -> base.withMaxLinesPerFile(1)));
        assertEquals("threads must be between 1 and 256, got 0", message(() -> base.withThreads(0)));
        assertEquals("adTouchRate must be between 0 and 0.5, got 0.6", message(() -> base.withAdTouchRate(0.6)));
        assertEquals("out must be set", message(() -> base.withOut(null)));
        assertEquals("start must be set", message(() -> base.withStart(null)));
    }

    @Test
    void withersChangeOneComponent() {
        GeneratorConfig c = base.withSeed(7).withPeople(10).withDays(3).withBadRate(0).withMaxLinesPerFile(2).withThreads(1)
                .withStart(LocalDate.of(2026, 1, 1));
        assertEquals(new GeneratorConfig(Path.of("out"), 7, 10, LocalDate.of(2026, 1, 1), 3, 0, 2, 1), c);
        assertTrue(c.toString().contains("people=10"));
        assertEquals(0.05, c.withAdTouchRate(0.05).adTouchRate());
        assertEquals(GeneratorConfig.DEFAULT_AD_TOUCH_RATE, c.adTouchRate());
    }
}
