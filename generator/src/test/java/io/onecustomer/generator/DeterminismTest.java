package io.onecustomer.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
    @TempDir
    Path tmp;

    private GeneratorConfig small(String dir, int threads) {
        return new GeneratorConfig(tmp.resolve(dir), 42, 300, LocalDate.of(2026, 6, 15), 5, 0.02, 200, threads);
    }

    private static void assertSameTree(Map<String, byte[]> a, Map<String, byte[]> b) {
        assertEquals(a.keySet(), b.keySet(), "same files");
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), "same bytes in " + k);
        }
    }

    @Test
    void sameSeedTwiceGivesIdenticalBytes() {
        GenerationSummary s1 = Generator.generate(small("a", 2));
        GenerationSummary s2 = Generator.generate(small("b", 2));
        Map<String, byte[]> a = TestOutput.tree(tmp.resolve("a"));
        Map<String, byte[]> b = TestOutput.tree(tmp.resolve("b"));
        assertTrue(a.size() > 100, "a real data set was written: " + a.size() + " files");
        assertSameTree(a, b);
        assertEquals(s1.lines(), s2.lines());
        assertEquals(s1.badRows(), s2.badRows());
    }

    @Test
    void threadCountDoesNotChangeOutput() {
        Generator.generate(small("one", 1));
        Generator.generate(small("four", 4));
        assertSameTree(TestOutput.tree(tmp.resolve("one")), TestOutput.tree(tmp.resolve("four")));
    }

    @Test
    void differentSeedGivesDifferentData() {
        Generator.generate(small("a", 2));
        Generator.generate(small("b", 2).withSeed(43));
        Map<String, byte[]> a = TestOutput.tree(tmp.resolve("a"));
        Map<String, byte[]> b = TestOutput.tree(tmp.resolve("b"));
        String people = "truth/people.csv";
        assertNotEquals(Arrays.hashCode(a.get(people)), Arrays.hashCode(b.get(people)));
        String events = "landing/clickstream/dt=2026-06-15/events-00000.jsonl";
        assertTrue(!Arrays.equals(a.get(events), b.get(events)));
    }
}
