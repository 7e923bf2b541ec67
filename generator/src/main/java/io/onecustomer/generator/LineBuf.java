package io.onecustomer.generator;

import java.util.Arrays;

/** A growable byte buffer for one output line, with a fast UTF-8 encoder for char data. */
final class LineBuf {
    byte[] bytes = new byte[1024];
    int len;

    void clear() {
        len = 0;
    }

    private void ensure(int extra) {
        if (len + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, len + extra));
        }
    }

    void put(char asciiChar) {
        ensure(1);
        bytes[len++] = (byte) asciiChar;
    }

    void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, len, b.length);
        len += b.length;
    }

    void putAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[len++] = (byte) s.charAt(i);
        }
    }

    /** UTF-8 encodes {@code cs[from, to)}. */
    void putUtf8(CharSequence cs, int from, int to) {
        ensure((to - from) * 3);
        for (int i = from; i < to; i++) {
            char c = cs.charAt(i);
            if (c < 0x80) {
                bytes[len++] = (byte) c;
            } else if (c < 0x800) {
                bytes[len++] = (byte) (0xC0 | (c >> 6));
                bytes[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(cs.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, cs.charAt(++i));
                ensure(1);
                bytes[len++] = (byte) (0xF0 | (cp >> 18));
                bytes[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[len++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                bytes[len++] = (byte) (0xE0 | (c >> 12));
                bytes[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    void putUtf8(CharSequence cs) {
        putUtf8(cs, 0, cs.length());
    }
}
