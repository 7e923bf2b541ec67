package io.onecustomer.generator;

import java.util.List;

/** What one day produced: line counts per entity, manifest rows and planted-event counters. */
record DayResult(int day, long[] lines, long[] good, long[] bad, int[] files, List<String> manifest,
        long[] touchesPerMedia, long diversionRows, long lowPriceRows) {}
