package io.onecustomer.generator;

/** The timestamp formats used by the landing files. */
enum TsFormat {
    /** {@code yyyy-MM-dd HH:mm:ss}, Asia/Shanghai local time. */
    LOCAL_SECONDS,
    /** {@code yyyy/MM/dd HH:mm}, store local time. */
    SLASH_MINUTES,
    /** ISO-8601 UTC with {@code Z}. */
    ISO_UTC,
    /** ISO-8601 with milliseconds and {@code +08:00}. */
    ISO_OFFSET_MILLIS,
    /** Epoch milliseconds (a JSON number). */
    EPOCH_MILLIS,
    /** {@code yyyy-MM-dd}. */
    DATE;

    void render(StringBuilder sb, long epochDay, int sec, int millis) {
        switch (this) {
            case LOCAL_SECONDS -> Fmt.localSeconds(sb, epochDay, sec);
            case SLASH_MINUTES -> Fmt.slashMinutes(sb, epochDay, sec);
            case ISO_UTC -> Fmt.isoUtc(sb, epochDay, sec);
            case ISO_OFFSET_MILLIS -> Fmt.isoOffsetMillis(sb, epochDay, sec, millis);
            case EPOCH_MILLIS -> sb.append(Fmt.epochMillis(epochDay, sec, millis));
            case DATE -> Fmt.date(sb, epochDay, '-');
            default -> throw new IllegalStateException();
        }
    }
}
