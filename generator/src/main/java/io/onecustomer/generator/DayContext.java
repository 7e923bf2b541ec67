package io.onecustomer.generator;

import java.nio.file.Path;

/** Where and for which day a {@link DayGenerator} writes. */
record DayContext(World world, int day, String dt, Path landingRoot, Path truthRoot, double badRate,
        int maxLinesPerFile) {

    static String dt(World w, int day) {
        StringBuilder sb = new StringBuilder(10);
        Fmt.date(sb, w.epochDay(day), '-');
        return sb.toString();
    }
}
