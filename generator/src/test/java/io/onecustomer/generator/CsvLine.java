package io.onecustomer.generator;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 parsing of a single CSV line (fields quoted with '"' when needed, '""' escapes a quote). */
final class CsvLine {
    private CsvLine() {}

    /** The fields of the line; an empty unquoted field is returned as "". */
    static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            f.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quote: " + line);
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after closing quote: " + line);
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new IllegalArgumentException("quote inside unquoted field: " + line);
                    }
                    f.append(c);
                }
            }
            out.add(f.toString());
            if (i >= n) {
                return out;
            }
            i++; // comma
        }
    }
}
