package io.onecustomer.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Generates the landing files of every source for a window of business days, plus the truth the jobs
 * never read. Days are independent and run in parallel; the output does not depend on the thread count.
 *
 * <pre>
 * out/landing/&lt;source&gt;/dt=YYYY-MM-DD/&lt;entity&gt;-NNNNN.&lt;csv|jsonl&gt;
 * out/truth/{people,distributors,stores,planted_events,bad_rows,manifest,phone_changes,activity_gaps}.csv
 * out/truth/records/&lt;source&gt;_&lt;entity&gt;/dt=YYYY-MM-DD.csv
 * </pre>
 */
public final class Generator {
    static final String PARTS_DIR = ".parts";

    private Generator() {}

    /** Called after each finished day (from worker threads; days finish in any order). */
    @FunctionalInterface
    public interface Progress {
        void dayDone(int daysDone, int daysTotal, LocalDate day);
    }

    /** Generates into {@code config.out()}; refuses when it already holds generated output. */
    public static GenerationSummary generate(GeneratorConfig config) {
        return generate(config, false, null);
    }

    /**
     * Generates into {@code config.out()}.
     *
     * @param overwrite delete an existing {@code landing/} and {@code truth/} first instead of refusing
     * @throws OutputExistsException when {@code landing/} or {@code truth/} exists and {@code overwrite} is false
     */
    public static GenerationSummary generate(GeneratorConfig config, boolean overwrite) {
        return generate(config, overwrite, null);
    }

    public static GenerationSummary generate(GeneratorConfig config, boolean overwrite, Progress progress) {
        long t0 = System.nanoTime();
        Path landing = config.out().resolve("landing");
        Path truth = config.out().resolve("truth");
        if (Files.exists(landing) || Files.exists(truth)) {
            if (!overwrite) {
                throw new OutputExistsException(Files.exists(landing) ? landing : truth);
            }
            deleteRecursively(landing);
            deleteRecursively(truth);
        }
        try {
            Files.createDirectories(landing);
            Files.createDirectories(truth.resolve(PARTS_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + config.out(), e);
        }

        World world = new World(config);
        int days = config.days();
        DayResult[] results = new DayResult[days];
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "generator-day");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> people = pool.submit(() -> Truth.writePeople(world, truth));
            AtomicInteger done = new AtomicInteger();
            List<Future<DayResult>> futures = new ArrayList<>(days);
            for (int d = 0; d < days; d++) {
                DayContext ctx = new DayContext(world, d, DayContext.dt(world, d), landing, truth, config.badRate(),
                        config.maxLinesPerFile());
                futures.add(pool.submit(() -> {
                    DayResult r = new DayGenerator(ctx).run();
                    int n = done.incrementAndGet();
                    if (progress != null) {
                        progress.dayDone(n, days, world.date(ctx.day()));
                    }
                    return r;
                }));
            }
            for (int d = 0; d < days; d++) {
                results[d] = futures.get(d).get();
            }
            people.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }

        Truth.writeStatic(world, truth);
        Truth.writeMerged(world, truth, results);
        deleteRecursively(truth.resolve(PARTS_DIR));

        Map<String, Long> lines = new LinkedHashMap<>();
        int files = 0;
        long bad = 0;
        for (Entity e : Entity.values()) {
            long sum = 0;
            for (DayResult r : results) {
                sum += r.lines()[e.ordinal()];
                files += r.files()[e.ordinal()];
                bad += r.bad()[e.ordinal()];
            }
            lines.put(e.source + "/" + e.entity, sum);
        }
        return new GenerationSummary(files, lines, bad, config.people(), days, (System.nanoTime() - t0) / 1_000_000);
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
