package io.onecustomer.generator;

/**
 * Allocation-free formatting of dates, times, numbers and money into a {@link StringBuilder}.
 * All local times are Asia/Shanghai, which has had a fixed +08:00 offset since 1991.
 */
final class Fmt {
    private Fmt() {}

    static final int SHANGHAI_OFFSET_SECONDS = 8 * 3600;

    static void pad(StringBuilder sb, long v, int width) {
        if (v < 0) {
            throw new IllegalArgumentException("negative: " + v);
        }
        long p = 1;
        for (int i = 1; i < width; i++) {
            p *= 10;
        }
        while (p > 1 && v < p) {
            sb.append('0');
            p /= 10;
        }
        sb.append(v);
    }

    static void pad2(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** Days since 1970-01-01 to packed year*10000 + month*100 + day (Howard Hinnant's civil_from_days). */
    static int civil(long epochDay) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        return (int) (y * 10000 + m * 100 + d);
    }

    static void date(StringBuilder sb, long epochDay, char sep) {
        int c = civil(epochDay);
        pad(sb, c / 10000, 4);
        sb.append(sep);
        pad2(sb, c / 100 % 100);
        sb.append(sep);
        pad2(sb, c % 100);
    }

    static void compactDate(StringBuilder sb, long epochDay) {
        int c = civil(epochDay);
        pad(sb, c, 8);
    }

    static void hms(StringBuilder sb, int sec) {
        pad2(sb, sec / 3600);
        sb.append(':');
        pad2(sb, sec / 60 % 60);
        sb.append(':');
        pad2(sb, sec % 60);
    }

    /** {@code yyyy-MM-dd HH:mm:ss} local time. */
    static void localSeconds(StringBuilder sb, long epochDay, int sec) {
        date(sb, epochDay, '-');
        sb.append(' ');
        hms(sb, sec);
    }

    /** {@code yyyy/MM/dd HH:mm} local time (POS). */
    static void slashMinutes(StringBuilder sb, long epochDay, int sec) {
        date(sb, epochDay, '/');
        sb.append(' ');
        pad2(sb, sec / 3600);
        sb.append(':');
        pad2(sb, sec / 60 % 60);
    }

    /** ISO-8601 UTC with Z, from a local (Shanghai) day and second of day. */
    static void isoUtc(StringBuilder sb, long epochDay, int sec) {
        long t = epochDay * 86400 + sec - SHANGHAI_OFFSET_SECONDS;
        long day = Math.floorDiv(t, 86400);
        int s = (int) (t - day * 86400);
        date(sb, day, '-');
        sb.append('T');
        hms(sb, s);
        sb.append('Z');
    }

    /** ISO-8601 with milliseconds and the +08:00 offset. */
    static void isoOffsetMillis(StringBuilder sb, long epochDay, int sec, int millis) {
        date(sb, epochDay, '-');
        sb.append('T');
        hms(sb, sec);
        sb.append('.');
        pad(sb, millis, 3);
        sb.append("+08:00");
    }

    static long epochMillis(long epochDay, int sec, int millis) {
        return (epochDay * 86400 + sec - SHANGHAI_OFFSET_SECONDS) * 1000L + millis;
    }

    /** Cents as a decimal string with two places ({@code 12900 -> 129.00}). */
    static void money(StringBuilder sb, long cents) {
        if (cents < 0) {
            sb.append('-');
            cents = -cents;
        }
        sb.append(cents / 100).append('.');
        pad2(sb, (int) (cents % 100));
    }

    static final char[] HEX = "0123456789abcdef".toCharArray();

    static void hex(StringBuilder sb, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            sb.append(HEX[(int) (v >>> (i * 4)) & 15]);
        }
    }

    private static final char[] B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-".toCharArray();

    /** {@code n} base-64-ish characters (WeChat id alphabet) from a hash. */
    static void idChars(StringBuilder sb, long h, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(B62[(int) (h & 63)]);
            h = (h >>> 6) | (h << 58);
            if (i % 10 == 9) {
                h = Hash.mix(h);
            }
        }
    }
}
