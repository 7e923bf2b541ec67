package io.onecustomer.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes one entity's landing files for one day: rotates parts every {@code maxLinesPerFile} lines,
 * plants bad rows at the configured rate (one defect each), and records the truth for every line
 * (record key and person, bad-row entries, manifest rows).
 */
final class EntityWriter implements AutoCloseable {
    private static final int BUFFER = 1 << 17;

    final Entity e;
    private final DayContext ctx;
    private final Rng bad;
    private final double badRate;
    private final int maxLines;
    private final LineBuf line = new LineBuf();
    private final LineBuf rec = new LineBuf();
    private final ByteSink records;

    private ByteSink sink;
    private int part = -1;
    private String relFile;
    private int partLines;
    private int partGood;
    private int partBad;

    long lines;
    long good;
    long badCount;
    int files;
    final StringBuilder badRows = new StringBuilder();
    final List<String> manifest = new ArrayList<>();

    EntityWriter(Entity e, DayContext ctx) {
        this.e = e;
        this.ctx = ctx;
        this.badRate = ctx.badRate();
        this.maxLines = ctx.maxLinesPerFile();
        this.bad = new Rng(Hash.of(Hash.streamKey(ctx.world().seed, 100 + e.ordinal()), ctx.day()));
        if (e.keyFields != null) {
            records = new ByteSink(ctx.truthRoot().resolve("records").resolve(e.tableName())
                    .resolve("dt=" + ctx.dt() + ".csv"), 1 << 16);
            rec.clear();
            rec.putAscii("record_key,person_id");
            records.write(rec);
            records.newline();
        } else {
            records = null;
        }
    }

    /**
     * Writes the row (maybe as a planted bad row). Returns true when the record's own line is good.
     *
     * @param person person index, or -1 for records without a person
     */
    boolean write(Row row, int person) {
        row.clearDefect();
        if (badRate <= 0 || bad.nextDouble() >= badRate) {
            row.writeTo(line);
            emit(null);
            record(row, person);
            return true;
        }
        BadKind kind = chooseKind(row);
        if (kind == BadKind.DUPLICATE) {
            row.writeTo(line);
            if (sink != null && partLines + 2 > maxLines) {
                openPart();
            }
            emit(null);
            record(row, person);
            emit(kind);
            record(row, person);
            return true;
        }
        if (e.extraCopies) {
            row.writeTo(line);
            emit(null);
            record(row, person);
        }
        applyDefect(kind, row);
        row.writeTo(line);
        if (kind == BadKind.MALFORMED_JSON) {
            truncate();
        }
        emit(kind);
        record(row, person);
        return e.extraCopies;
    }

    private BadKind chooseKind(Row row) {
        BadKind[] ks = e.kinds;
        int start = bad.nextInt(ks.length);
        for (int k = 0; k < ks.length; k++) {
            BadKind c = ks[(start + k) % ks.length];
            if (c != BadKind.UNPARSEABLE_NUMBER || firstNumberField(row, 0) >= 0) {
                return c;
            }
        }
        return ks[0];
    }

    private int firstNumberField(Row row, int offset) {
        int[] nf = e.numberFields;
        for (int k = 0; k < nf.length; k++) {
            int f = nf[(offset + k) % nf.length];
            if (!row.isNull(f) && !row.get(f).isEmpty()) {
                return f;
            }
        }
        return -1;
    }

    private void applyDefect(BadKind kind, Row row) {
        switch (kind) {
            case MALFORMED_JSON -> { } // applied after serialisation
            case WRONG_COLUMN_COUNT -> row.columnDelta(bad.chance(0.5) ? -1 : 1);
            case UNPARSEABLE_NUMBER -> {
                int f = firstNumberField(row, bad.nextInt(e.numberFields.length));
                String v = row.get(f);
                row.override(f, v.charAt(0) + "O" + v.substring(1), true);
            }
            case UNPARSEABLE_TIMESTAMP -> {
                String v = row.get(e.tsField);
                String broken = bad.chance(0.3) ? "########" : v.substring(0, 5) + "O" + v.substring(6);
                row.override(e.tsField, broken, true);
            }
            case NEGATIVE_QUANTITY -> row.override(e.qtyField, "-" + row.get(e.qtyField), !e.jsonNumber[e.qtyField]);
            case FUTURE_TIMESTAMP -> {
                StringBuilder sb = new StringBuilder(32);
                e.tsFormat.render(sb, row.epochDay + 30 + bad.nextInt(61), row.sec, row.millis);
                row.override(e.tsField, sb.toString(), !e.jsonNumber[e.tsField]);
            }
            case INVALID_ENCODING -> row.overrideRaw(e.encodingField, e.gbkText);
            case UNKNOWN_SKU -> row.override(e.skuField, Catalog.unknownSku(e.skuChannel, bad), true);
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** Cuts a JSON line inside the object (any proper prefix of an object is invalid JSON). */
    private void truncate() {
        int len = line.len;
        int cut = len / 3 + bad.nextInt(Math.max(1, len - 1 - len / 3));
        while (cut > 1 && (line.bytes[cut] & 0xC0) == 0x80) {
            cut--; // never split a UTF-8 sequence: the line must have exactly one defect
        }
        line.len = cut;
    }

    private void emit(BadKind kind) {
        if (sink == null || partLines >= maxLines) {
            openPart();
        }
        sink.write(line);
        sink.newline();
        partLines++;
        lines++;
        if (kind == null) {
            partGood++;
            good++;
        } else {
            partBad++;
            badCount++;
            int physical = partLines + (e.csv ? 1 : 0);
            badRows.append(e.source).append(',').append(e.entity).append(',').append(ctx.dt()).append(',')
                    .append(relFile).append(',').append(physical).append(',').append(kind.kind).append(',')
                    .append(kind.expected).append(',').append(kind.reason).append('\n');
        }
    }

    private void record(Row row, int person) {
        if (records == null) {
            return;
        }
        rec.clear();
        row.appendKey(rec);
        rec.put(',');
        if (person >= 0) {
            rec.put('P');
            int v = person + 1;
            for (int div = 1_000_000; div > 0; div /= 10) {
                rec.put((char) ('0' + (v / div) % 10));
            }
        }
        records.write(rec);
        records.newline();
    }

    private void openPart() {
        closePart();
        part++;
        relFile = e.source + "/dt=" + ctx.dt() + "/" + e.entity + "-" + String.format("%05d", part) + "."
                + e.extension();
        sink = new ByteSink(ctx.landingRoot().resolve(relFile), BUFFER);
        files++;
        if (e.csv) {
            LineBuf h = new LineBuf();
            h.putAscii(e.header);
            sink.write(h);
            sink.newline();
        }
    }

    private void closePart() {
        if (sink == null) {
            return;
        }
        sink.close();
        manifest.add(e.source + "," + e.entity + "," + ctx.dt() + "," + relFile + "," + partLines + "," + partGood + ","
                + partBad);
        sink = null;
        partLines = 0;
        partGood = 0;
        partBad = 0;
    }

    @Override
    public void close() {
        if (sink == null && part < 0) {
            openPart(); // every source/entity has at least an empty part 00000 per day
        }
        closePart();
        if (records != null) {
            records.close();
        }
    }
}
