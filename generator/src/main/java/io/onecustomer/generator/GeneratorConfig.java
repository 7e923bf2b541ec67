package io.onecustomer.generator;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Everything that shapes the generated data. Output depends on every component except
 * {@code threads}: the same config with any thread count gives byte-identical files.
 *
 * @param out             output folder; the generator writes {@code out/landing} and {@code out/truth}
 * @param seed            random seed
 * @param people          number of simulated people (1 .. 9,999,999; person ids are P + 7 digits)
 * @param start           first business day (dt) of the window
 * @param days            number of business days (1 .. 3660)
 * @param badRate         probability that a data line is a planted bad row (0 .. 0.5)
 * @param maxLinesPerFile data lines per file part before a new part starts (>= 2)
 * @param threads         days generated in parallel (1 .. 256)
 * @param adTouchRate     probability that a person with web access gets an ad touch on a given day (0 .. 0.5;
 *                        the planted effect of each media on purchases is in {@code Campaigns.TOUCH_BOOST})
 */
public record GeneratorConfig(Path out, long seed, int people, LocalDate start, int days, double badRate,
        int maxLinesPerFile, int threads, double adTouchRate) {

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_PEOPLE = 20_000;
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 5, 20);
    public static final int DEFAULT_DAYS = 180;
    public static final double DEFAULT_BAD_RATE = 0.005;
    public static final int DEFAULT_MAX_LINES_PER_FILE = 500_000;
    public static final int MAX_PEOPLE = 9_999_999;
    public static final int MAX_DAYS = 3660;
    public static final double MAX_BAD_RATE = 0.5;
    public static final int MAX_THREADS = 256;
    public static final double DEFAULT_AD_TOUCH_RATE = 0.005;
    public static final double MAX_AD_TOUCH_RATE = 0.5;

    /** The default ad touch rate. */
    public GeneratorConfig(Path out, long seed, int people, LocalDate start, int days, double badRate,
            int maxLinesPerFile, int threads) {
        this(out, seed, people, start, days, badRate, maxLinesPerFile, threads, DEFAULT_AD_TOUCH_RATE);
    }

    public GeneratorConfig {
        if (out == null) {
            throw new IllegalArgumentException("out must be set");
        }
        if (start == null) {
            throw new IllegalArgumentException("start must be set");
        }
        if (people < 1) {
            throw new IllegalArgumentException("people must be >= 1, got " + people);
        }
        if (people > MAX_PEOPLE) {
            throw new IllegalArgumentException("people must be <= " + MAX_PEOPLE + ", got " + people);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        if (!(badRate >= 0 && badRate <= MAX_BAD_RATE)) {
            throw new IllegalArgumentException("badRate must be between 0 and " + MAX_BAD_RATE + ", got " + badRate);
        }
        if (maxLinesPerFile < 2) {
            throw new IllegalArgumentException("maxLinesPerFile must be >= 2, got " + maxLinesPerFile);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + ", got " + threads);
        }
        if (!(adTouchRate >= 0 && adTouchRate <= MAX_AD_TOUCH_RATE)) {
            throw new IllegalArgumentException("adTouchRate must be between 0 and " + MAX_AD_TOUCH_RATE + ", got "
                    + adTouchRate);
        }
        if (start.getYear() < 1971 || start.plusDays(days + 200L).getYear() > 9999) {
            throw new IllegalArgumentException("start must be between 1971 and 9998, got " + start);
        }
    }

    /** Defaults: seed 42, 20,000 people, 180 days from 2026-05-20, bad rate 0.005, 500,000 lines per file. */
    public static GeneratorConfig defaults(Path out) {
        return new GeneratorConfig(out, DEFAULT_SEED, DEFAULT_PEOPLE, DEFAULT_START, DEFAULT_DAYS, DEFAULT_BAD_RATE,
                DEFAULT_MAX_LINES_PER_FILE, Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors())),
                DEFAULT_AD_TOUCH_RATE);
    }

    public GeneratorConfig withOut(Path value) {
        return new GeneratorConfig(value, seed, people, start, days, badRate, maxLinesPerFile, threads, adTouchRate);
    }

    public GeneratorConfig withSeed(long value) {
        return new GeneratorConfig(out, value, people, start, days, badRate, maxLinesPerFile, threads, adTouchRate);
    }

    public GeneratorConfig withPeople(int value) {
        return new GeneratorConfig(out, seed, value, start, days, badRate, maxLinesPerFile, threads, adTouchRate);
    }

    public GeneratorConfig withStart(LocalDate value) {
        return new GeneratorConfig(out, seed, people, value, days, badRate, maxLinesPerFile, threads, adTouchRate);
    }

    public GeneratorConfig withDays(int value) {
        return new GeneratorConfig(out, seed, people, start, value, badRate, maxLinesPerFile, threads, adTouchRate);
    }

    public GeneratorConfig withBadRate(double value) {
        return new GeneratorConfig(out, seed, people, start, days, value, maxLinesPerFile, threads, adTouchRate);
    }

    public GeneratorConfig withMaxLinesPerFile(int value) {
        return new GeneratorConfig(out, seed, people, start, days, badRate, value, threads, adTouchRate);
    }

    public GeneratorConfig withThreads(int value) {
        return new GeneratorConfig(out, seed, people, start, days, badRate, maxLinesPerFile, value, adTouchRate);
    }

    public GeneratorConfig withAdTouchRate(double value) {
        return new GeneratorConfig(out, seed, people, start, days, badRate, maxLinesPerFile, threads, value);
    }
}
