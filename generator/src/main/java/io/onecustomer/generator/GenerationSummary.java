package io.onecustomer.generator;

import java.util.Map;

/**
 * What a generation run wrote.
 *
 * @param filesWritten landing files written (all parts of all sources and days)
 * @param lines        data lines (excluding CSV headers) per {@code source/entity}, good and bad
 * @param badRows      planted bad rows (lines listed in truth/bad_rows.csv)
 * @param people       simulated people
 * @param days         business days
 * @param elapsedMs    wall time
 */
public record GenerationSummary(int filesWritten, Map<String, Long> lines, long badRows, int people, int days,
        long elapsedMs) {

    public GenerationSummary {
        lines = Map.copyOf(lines);
    }

    /** Sum of {@link #lines()}. */
    public long totalLines() {
        return lines.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line for logs. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("generated ").append(people).append(" people x ").append(days).append(" days: ")
                .append(filesWritten).append(" files, ").append(totalLines()).append(" lines (");
        boolean first = true;
        for (Entity e : Entity.values()) {
            String key = e.source + "/" + e.entity;
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(key).append('=').append(lines.getOrDefault(key, 0L));
        }
        sb.append("), ").append(badRows).append(" bad rows, ").append(elapsedMs).append(" ms");
        return sb.toString();
    }
}
