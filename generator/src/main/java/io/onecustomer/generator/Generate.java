package io.onecustomer.generator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Command line entry point.
 *
 * <pre>
 * java -cp onecustomer-generator.jar io.onecustomer.generator.Generate --out DIR [--people N] [--days N]
 *     [--start YYYY-MM-DD] [--seed N] [--bad-rate X] [--max-lines-per-file N] [--threads N]
 *     [--ad-touch-rate X] [--overwrite]
 * </pre>
 *
 * Exit codes: 0 done, 2 usage error (unknown flag, bad value, invalid config, existing output without
 * --overwrite), 1 failure while generating.
 */
public final class Generate {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    static final String USAGE = String.join("\n",
            "usage: Generate --out DIR [options]",
            "  --out DIR                 output folder (writes DIR/landing and DIR/truth)   required",
            "  --people N                simulated people                                  default 20000",
            "  --days N                  business days                                     default 180",
            "  --start YYYY-MM-DD        first business day                                default 2026-05-20",
            "  --seed N                  random seed                                       default 42",
            "  --bad-rate X              share of data lines planted as bad rows (0..0.5)  default 0.005",
            "  --max-lines-per-file N    data lines per file part                          default 500000",
            "  --threads N               days generated in parallel                        default: processors",
            "  --ad-touch-rate X         daily chance of an ad touch per web user (0..0.5)  default 0.005",
            "  --corrections X           share of marketplace order lines re-sent corrected"
                    + " 1-3 days later (0..0.5)  default 0",
            "  --late-files X            share of landing files declared late in truth/late_files.csv"
                    + " (0..0.5)  default 0",
            "  --overwrite               delete an existing DIR/landing and DIR/truth first",
            "  --help                    this text");

    private Generate() {}

    public static void main(String[] args) {
        int code = run(args, System.err);
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /** Parses, generates and reports on {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream err) {
        Path out = null;
        GeneratorConfig defaults = GeneratorConfig.defaults(Path.of("."));
        long seed = defaults.seed();
        int people = defaults.people();
        LocalDate start = defaults.start();
        int days = defaults.days();
        double badRate = defaults.badRate();
        int maxLines = defaults.maxLinesPerFile();
        int threads = defaults.threads();
        double adTouchRate = defaults.adTouchRate();
        boolean overwrite = false;
        double corrections = 0;
        double lateFiles = 0;
        try {
            for (int k = 0; k < args.length; k++) {
                String flag = args[k];
                switch (flag) {
                    case "--help", "-h" -> {
                        err.println(USAGE);
                        return EXIT_OK;
                    }
                    case "--overwrite" -> overwrite = true;
                    case "--out" -> out = Path.of(value(args, k++));
                    case "--people" -> people = parseInt(flag, value(args, k++));
                    case "--days" -> days = parseInt(flag, value(args, k++));
                    case "--start" -> start = parseDate(flag, value(args, k++));
                    case "--seed" -> seed = parseLong(flag, value(args, k++));
                    case "--bad-rate" -> badRate = parseDouble(flag, value(args, k++));
                    case "--max-lines-per-file" -> maxLines = parseInt(flag, value(args, k++));
                    case "--threads" -> threads = parseInt(flag, value(args, k++));
                    case "--ad-touch-rate" -> adTouchRate = parseDouble(flag, value(args, k++));
                    case "--corrections" -> corrections = parseRate(flag, value(args, k++));
                    case "--late-files" -> lateFiles = parseRate(flag, value(args, k++));
                    default -> throw new UsageException("unknown flag: " + flag);
                }
            }
            if (out == null) {
                throw new UsageException("--out is required");
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        GeneratorConfig config;
        try {
            config = new GeneratorConfig(out, seed, people, start, days, badRate, maxLines, threads, adTouchRate);
        } catch (IllegalArgumentException e) {
            err.println("error: invalid value for " + flagOf(e.getMessage()) + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        int step = Math.max(1, (int) Math.ceil(config.days() / 10.0));
        err.println("generating " + config.people() + " people x " + config.days() + " days from " + config.start()
                + " (seed " + config.seed() + ", bad rate " + config.badRate() + ", " + config.threads() + " threads) into "
                + config.out().toAbsolutePath().normalize());
        long t0 = System.nanoTime();
        try {
            GenerationSummary summary = Generator.generate(config, overwrite, (done, total, day) -> {
                if (done % step == 0 || done == total) {
                    synchronized (err) {
                        err.printf("progress: %d/%d days (%d%%), %d s%n", done, total, 100 * done / total,
                                (System.nanoTime() - t0) / 1_000_000_000L);
                    }
                }
            });
            err.println(summary.describe());
            if (corrections > 0 || lateFiles > 0) {
                LateData.Planted p = LateData.plant(config.out(), config.seed(), corrections, lateFiles);
                err.println("late data: " + p.corrections() + " corrected order line(s) re-sent"
                        + " (truth/corrections.csv), " + p.lateFiles() + " late file(s) (truth/late_files.csv)");
            }
            return EXIT_OK;
        } catch (OutputExistsException e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            err.println("error: generation failed: " + e);
            e.printStackTrace(err);
            return EXIT_FAILURE;
        }
    }

    private static double parseRate(String flag, String v) {
        double x = parseDouble(flag, v);
        if (!(x >= 0 && x <= 0.5)) {
            throw new UsageException(flag + " must be between 0 and 0.5, got " + v);
        }
        return x;
    }

    /** The flag behind a {@link GeneratorConfig} validation message ("people must be ..." -> --people). */
    static String flagOf(String message) {
        String field = message == null ? "" : message.split(" ", 2)[0];
        return switch (field) {
            case "badRate" -> "--bad-rate";
            case "adTouchRate" -> "--ad-touch-rate";
            case "maxLinesPerFile" -> "--max-lines-per-file";
            default -> "--" + field;
        };
    }

    private static String value(String[] args, int k) {
        if (k + 1 >= args.length || args[k + 1].startsWith("--")) {
            throw new UsageException(args[k] + " needs a value");
        }
        return args[k + 1];
    }

    private static int parseInt(String flag, String v) {
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": not an integer: " + v);
        }
    }

    private static long parseLong(String flag, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": not an integer: " + v);
        }
    }

    private static double parseDouble(String flag, String v) {
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": not a number: " + v);
        }
    }

    private static LocalDate parseDate(String flag, String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new UsageException(flag + ": not a date (YYYY-MM-DD): " + v);
        }
    }

    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
