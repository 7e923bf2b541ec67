package io.onecustomer.generator;

/**
 * One record being written, as slices of a reusable character buffer (no allocation per field), plus
 * at most one defect to apply when it is serialised as a bad row.
 */
final class Row {
    final Entity entity;
    final StringBuilder sb = new StringBuilder(512);
    private final int[] from;
    private final int[] to;
    private final boolean[] nul;
    private int n;

    // the main timestamp, kept so that a future_timestamp defect can re-render it
    long epochDay;
    int sec;
    int millis;

    // defect state
    private int overrideField = -1;
    private String overrideText;
    private boolean overrideQuoted;
    private byte[] overrideRaw;
    private int columnDelta;

    Row(Entity entity) {
        this.entity = entity;
        int c = entity.columns.length;
        from = new int[c];
        to = new int[c];
        nul = new boolean[c];
    }

    Row reset() {
        sb.setLength(0);
        n = 0;
        clearDefect();
        return this;
    }

    void clearDefect() {
        overrideField = -1;
        overrideText = null;
        overrideRaw = null;
        overrideQuoted = false;
        columnDelta = 0;
    }

    /** Starts a field whose text the caller appends to {@link #sb}; finish with {@link #end()}. */
    StringBuilder begin() {
        from[n] = sb.length();
        return sb;
    }

    Row end() {
        to[n] = sb.length();
        nul[n] = false;
        n++;
        return this;
    }

    Row str(CharSequence s) {
        if (s == null) {
            return nul();
        }
        begin().append(s);
        return end();
    }

    Row num(long v) {
        begin().append(v);
        return end();
    }

    Row money(long cents) {
        Fmt.money(begin(), cents);
        return end();
    }

    Row nul() {
        from[n] = sb.length();
        to[n] = sb.length();
        nul[n] = true;
        n++;
        return this;
    }

    Row ts(TsFormat format, long epochDay, int sec, int millis) {
        this.epochDay = epochDay;
        this.sec = sec;
        this.millis = millis;
        format.render(begin(), epochDay, sec, millis);
        return end();
    }

    int fields() {
        return n;
    }

    boolean isNull(int f) {
        return nul[f];
    }

    String get(int f) {
        return nul[f] ? null : sb.substring(from[f], to[f]);
    }

    // ---------------------------------------------------------------- defects

    void override(int field, String text, boolean quoted) {
        overrideField = field;
        overrideText = text;
        overrideQuoted = quoted;
    }

    void overrideRaw(int field, byte[] raw) {
        overrideField = field;
        overrideRaw = raw;
    }

    void columnDelta(int delta) {
        columnDelta = delta;
    }

    // ---------------------------------------------------------------- serialisation

    void writeTo(LineBuf out) {
        if (n != entity.columns.length) {
            throw new IllegalStateException(entity + " row has " + n + " fields, expected " + entity.columns.length);
        }
        out.clear();
        if (entity.csv) {
            writeCsv(out);
        } else {
            writeJson(out);
        }
    }

    /** Appends this row's record key (fields joined with '#'). */
    void appendKey(LineBuf out) {
        int[] k = entity.keyFields;
        for (int i = 0; i < k.length; i++) {
            if (i > 0) {
                out.put('#');
            }
            out.putUtf8(sb, from[k[i]], to[k[i]]);
        }
    }

    private void writeCsv(LineBuf out) {
        int cols = n + (columnDelta < 0 ? -1 : 0);
        for (int f = 0; f < cols; f++) {
            if (f > 0) {
                out.put(',');
            }
            if (f == overrideField) {
                if (overrideRaw != null) {
                    out.put(overrideRaw);
                } else {
                    csvText(out, overrideText, 0, overrideText.length());
                }
            } else if (!nul[f]) {
                csvText(out, sb, from[f], to[f]);
            }
        }
        if (columnDelta > 0) {
            out.put(',');
        }
    }

    private static void csvText(LineBuf out, CharSequence s, int a, int b) {
        boolean quote = false;
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            out.putUtf8(s, a, b);
            return;
        }
        out.put('"');
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                out.put('"');
            }
            out.putUtf8(s, i, i + 1);
        }
        out.put('"');
    }

    private void writeJson(LineBuf out) {
        out.put('{');
        for (int f = 0; f < n; f++) {
            if (f > 0) {
                out.put(',');
            }
            out.put(entity.jsonNames[f]);
            if (f == overrideField) {
                if (overrideRaw != null) {
                    out.put('"');
                    out.put(overrideRaw);
                    out.put('"');
                } else if (overrideQuoted) {
                    jsonString(out, overrideText, 0, overrideText.length());
                } else {
                    out.putUtf8(overrideText);
                }
            } else if (nul[f]) {
                out.putAscii("null");
            } else if (entity.jsonNumber[f]) {
                out.putUtf8(sb, from[f], to[f]);
            } else {
                jsonString(out, sb, from[f], to[f]);
            }
        }
        out.put('}');
    }

    private static void jsonString(LineBuf out, CharSequence s, int a, int b) {
        out.put('"');
        int run = a;
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                out.putUtf8(s, run, i);
                out.put('\\');
                switch (c) {
                    case '"' -> out.put('"');
                    case '\\' -> out.put('\\');
                    case '\n' -> out.put('n');
                    case '\r' -> out.put('r');
                    case '\t' -> out.put('t');
                    default -> {
                        out.put('u');
                        out.putAscii(String.format("%04x", (int) c));
                    }
                }
                run = i + 1;
            }
        }
        out.putUtf8(s, run, b);
        out.put('"');
    }
}
