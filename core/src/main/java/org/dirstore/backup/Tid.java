package org.dirstore.backup;

import java.time.Instant;

/**
 * Tid text forms used by backups: 16 lowercase hex digits. A tid is {@code epochMillis << 16 | counter}.
 */
public final class Tid {
    private Tid() {
    }

    /** The tid as 16 lowercase hex digits. */
    public static String hex(long tid) {
        return String.format("%016x", tid);
    }

    /** Parses exactly 16 hex digits. */
    public static long parseHex(String text) {
        if (text.length() != 16) {
            throw new IllegalArgumentException("tid '" + text + "' must be 16 hex digits");
        }
        return Long.parseUnsignedLong(text, 16);
    }

    /**
     * Parses a tid given by an operator: decimal, or hex with a {@code 0x} prefix, or 16 hex digits.
     */
    public static long parseUser(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.length() == 16 && !t.chars().allMatch(Character::isDigit)) {
                return Long.parseUnsignedLong(t, 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad tid '" + text + "' (decimal, 0x-hex or 16 hex digits)", e);
        }
    }

    /** The greatest tid committed at or before {@code time}: {@code (epochMillis << 16) | 0xFFFF}. */
    public static long latestAt(Instant time) {
        return (time.toEpochMilli() << 16) | 0xFFFFL;
    }

    /** The wall-clock time encoded in a tid. */
    public static Instant timeOf(long tid) {
        return Instant.ofEpochMilli(tid >>> 16);
    }
}
