package io.onecustomer.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A buffered, unsynchronised file writer of bytes. */
final class ByteSink implements AutoCloseable {
    private final OutputStream out;
    private final byte[] buf;
    private int pos;

    ByteSink(Path path, int bufferSize) {
        try {
            Files.createDirectories(path.getParent());
            this.out = Files.newOutputStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
        this.buf = new byte[bufferSize];
    }

    void write(byte[] b, int off, int len) {
        if (len > buf.length - pos) {
            flushBuffer();
            if (len > buf.length) {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            }
        }
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    void write(LineBuf line) {
        write(line.bytes, 0, line.len);
    }

    void newline() {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = '\n';
    }

    private void flushBuffer() {
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pos = 0;
    }

    @Override
    public void close() {
        flushBuffer();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
