package org.dirstore.journal;

import java.nio.ByteBuffer;

/** A big-endian byte buffer that grows as records are appended to a group-commit batch. */
final class GrowableBuffer {
    private ByteBuffer buf;

    GrowableBuffer(int initial) {
        buf = ByteBuffer.allocate(initial);
    }

    private void ensure(int more) {
        if (buf.remaining() < more) {
            int capacity = Math.max(buf.capacity() * 2, buf.position() + more);
            ByteBuffer bigger = ByteBuffer.allocate(capacity);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }

    GrowableBuffer put(byte b) {
        ensure(1);
        buf.put(b);
        return this;
    }

    GrowableBuffer put(byte[] b) {
        ensure(b.length);
        buf.put(b);
        return this;
    }

    GrowableBuffer putInt(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    GrowableBuffer putLong(long v) {
        ensure(8);
        buf.putLong(v);
        return this;
    }

    int position() {
        return buf.position();
    }

    void putIntAt(int index, int v) {
        buf.putInt(index, v);
    }

    byte[] array() {
        return buf.array();
    }

    void clear() {
        buf.clear();
        if (buf.capacity() > (8 << 20)) {
            buf = ByteBuffer.allocate(1 << 20);
        }
    }

    /** A read view of the bytes written so far. */
    ByteBuffer written() {
        return ByteBuffer.wrap(buf.array(), 0, buf.position());
    }
}
