package org.dirstore.format;

import java.nio.charset.StandardCharsets;

/** UTF-8 helpers for the short strings (user, description, root names) kept in binary records. */
public final class Strings {
    public static final int MAX_BYTES = 0xffff;

    private Strings() {
    }

    /** UTF-8 bytes of {@code s}, refusing strings that do not fit a 16-bit length. */
    public static byte[] utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_BYTES) {
            throw new IllegalArgumentException("string longer than " + MAX_BYTES + " UTF-8 bytes: "
                    + s.substring(0, 40) + "...");
        }
        return b;
    }
}
