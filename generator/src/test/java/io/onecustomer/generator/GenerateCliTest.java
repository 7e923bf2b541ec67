package io.onecustomer.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCliTest {
    @TempDir
    Path tmp;

    private record Result(int code, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = Generate.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return new Result(code, buf.toString(StandardCharsets.UTF_8));
    }

    private String[] small(String... extra) {
        String[] base = {"--out", tmp.resolve("out").toString(), "--people", "50", "--days", "3", "--threads", "2"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void generatesAndPrintsProgressAndSummary() {
        Result r = run(small("--start", "2026-06-01", "--seed", "5", "--bad-rate", "0.01", "--max-lines-per-file", "1000"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("progress: 3/3 days (100%)"), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("generated 50 people x 3 days: ")), r.err());
        assertTrue(Files.isDirectory(tmp.resolve("out/landing/pos/dt=2026-06-01")));
        assertTrue(Files.isRegularFile(tmp.resolve("out/truth/manifest.csv")));
    }

    @Test
    void unknownFlagExitsWithUsageError() {
        Result r = run(small("--colour", "blue"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown flag: --colour"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void badValuesNameTheFlag() {
        Result notInt = run(small("--people", "many"));
        assertEquals(2, notInt.code());
        assertTrue(notInt.err().contains("--people: not an integer: many"), notInt.err());

        Result badDate = run(small("--start", "2026-13-01"));
        assertEquals(2, badDate.code());
        assertTrue(badDate.err().contains("--start: not a date (YYYY-MM-DD): 2026-13-01"), badDate.err());

        Result badRate = run(small("--bad-rate", "0.9"));
        assertEquals(2, badRate.code());
        assertTrue(badRate.err().contains("invalid value for --bad-rate: badRate must be between 0 and 0.5, got 0.9"),
                badRate.err());

        Result zero = run(small("--days", "0"));
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("invalid value for --days: days must be between 1 and 3660, got 0"), zero.err());

        Result missing = run("--people", "10");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--out is required"), missing.err());

        Result noValue = run("--out");
        assertEquals(2, noValue.code());
        assertTrue(noValue.err().contains("--out needs a value"), noValue.err());
    }

    @Test
    void refusesExistingOutputWithoutOverwrite() throws IOException {
        assertEquals(0, run(small()).code());
        Path marker = tmp.resolve("out/landing/marker.txt");
        Files.writeString(marker, "keep me");

        Result again = run(small());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists; pass --overwrite"), again.err());
        assertTrue(Files.exists(marker), "nothing was deleted");

        Result overwrite = run(small("--overwrite", "--seed", "9"));
        assertEquals(0, overwrite.code(), overwrite.err());
        assertFalse(Files.exists(marker), "landing/ was replaced");
    }

    @Test
    void apiRefusesExistingOutputAndOverwriteReplacesLandingAndTruth() throws IOException {
        GeneratorConfig c = new GeneratorConfig(tmp.resolve("api"), 1, 40, LocalDate.of(2026, 5, 20), 2, 0.01, 1000, 1);
        Generator.generate(c);
        OutputExistsException e = assertThrows(OutputExistsException.class, () -> Generator.generate(c));
        assertTrue(e.getMessage().contains("landing"), e.getMessage());

        Path staleLanding = tmp.resolve("api/landing/pos/dt=2020-01-01/sales-00000.csv");
        Path staleTruth = tmp.resolve("api/truth/old.csv");
        Files.createDirectories(staleLanding.getParent());
        Files.writeString(staleLanding, "x");
        Files.writeString(staleTruth, "x");
        Path other = tmp.resolve("api/notes.txt");
        Files.writeString(other, "not ours");

        GenerationSummary s = Generator.generate(c.withDays(1), true);
        assertEquals(1, s.days());
        assertFalse(Files.exists(staleLanding));
        assertFalse(Files.exists(staleTruth));
        assertTrue(Files.exists(other), "only landing/ and truth/ are deleted");
        assertFalse(Files.exists(tmp.resolve("api/landing/pos/dt=2026-05-21")), "only the new window is present");
    }

    @Test
    void refusesTruthWithoutLanding() throws IOException {
        Files.createDirectories(tmp.resolve("t/truth"));
        GeneratorConfig c = new GeneratorConfig(tmp.resolve("t"), 1, 10, LocalDate.of(2026, 5, 20), 1, 0, 100, 1);
        assertThrows(OutputExistsException.class, () -> Generator.generate(c));
    }
}
