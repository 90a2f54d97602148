package org.dirstore.format;

import java.time.Instant;

/**
 * Transaction ids: 64-bit, strictly increasing, {@code epochMillis << 16 | counter}. A tid therefore
 * names a moment, so "restore to 12:00" is meaningful, and up to 65536 commits fit in a millisecond.
 */
public final class Tids {
    /** Bits of the counter below the milliseconds. */
    public static final int COUNTER_BITS = 16;

    private Tids() {
    }

    /** The wall-clock time a tid was assigned at (millisecond precision). */
    public static Instant toInstant(long tid) {
        return Instant.ofEpochMilli(tid >>> COUNTER_BITS);
    }

    /** The greatest tid that can have been assigned at or before {@code time}. */
    public static long lastTidAt(Instant time) {
        return (time.toEpochMilli() << COUNTER_BITS) | ((1L << COUNTER_BITS) - 1);
    }

    /** The smallest tid of the millisecond {@code epochMillis}. */
    public static long firstTidOf(long epochMillis) {
        return epochMillis << COUNTER_BITS;
    }

    /** Sixteen lower-case hex digits, the form used in file names. */
    public static String hex(long tid) {
        return String.format("%016x", tid);
    }

    /** Parses sixteen hex digits (or a decimal number) back into a tid. */
    public static long parse(String text) {
        String t = text.trim();
        if (t.startsWith("0x")) {
            return Long.parseUnsignedLong(t.substring(2), 16);
        }
        if (t.length() == 16 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Long.parseUnsignedLong(t, 16);
        }
        return Long.parseLong(t);
    }

    /** Hands out tids that never go backwards, even if the wall clock does. */
    public static final class Clock {
        private long last;

        public Clock(long lastAssigned) {
            this.last = lastAssigned;
        }

        /** The next tid: the current millisecond if it is ahead, otherwise last + 1. */
        public synchronized long next() {
            long candidate = firstTidOf(System.currentTimeMillis());
            last = Math.max(candidate, last + 1);
            return last;
        }

        public synchronized void advanceTo(long tid) {
            last = Math.max(last, tid);
        }
    }
}
