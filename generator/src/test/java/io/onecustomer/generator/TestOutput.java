package io.onecustomer.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reading generated output in tests. */
final class TestOutput {
    private TestOutput() {}

    /** Every file under root, by relative path (sorted), with its bytes. */
    static Map<String, byte[]> tree(Path root) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Physical lines of a file (without the '\n'); the last '\n' does not start a line. */
    static List<byte[]> lines(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                byte[] line = new byte[i - start];
                System.arraycopy(b, start, line, 0, line.length);
                out.add(line);
                start = i + 1;
            }
        }
        if (start < b.length) {
            byte[] line = new byte[b.length - start];
            System.arraycopy(b, start, line, 0, line.length);
            out.add(line);
        }
        return out;
    }

    /** A simple (unquoted) truth CSV as rows of column -> value. */
    static List<Map<String, String>> csv(Path file) {
        List<byte[]> ls = lines(file);
        List<String> header = CsvLine.parse(new String(ls.get(0), StandardCharsets.UTF_8));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < ls.size(); i++) {
            List<String> v = CsvLine.parse(new String(ls.get(i), StandardCharsets.UTF_8));
            if (v.size() != header.size()) {
                throw new IllegalStateException(file + " line " + (i + 1) + " has " + v.size() + " fields");
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int k = 0; k < header.size(); k++) {
                m.put(header.get(k), v.get(k));
            }
            rows.add(m);
        }
        return rows;
    }

    static String header(Path file) {
        return new String(lines(file).get(0), StandardCharsets.UTF_8);
    }
}
