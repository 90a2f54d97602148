package org.dirstore.journal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dirstore.format.Strings;
import org.dirstore.format.StoredXid;
import org.dirstore.format.Write;

/** Encodes journal records into record bodies and back; framing and CRCs are the segment's job. */
final class JournalCodec {
    static final byte COMMIT = 1;
    static final byte PREPARE = 2;
    static final byte COMMIT_PREPARED = 3;
    static final byte ROLLBACK_PREPARED = 4;

    private JournalCodec() {
    }

    static void encode(JournalRecord record, GrowableBuffer out) {
        if (record instanceof JournalRecord.Commit c) {
            out.put(COMMIT).putLong(c.tid()).putLong(c.prevTxTid()).putLong(c.timeMillis());
            putString(out, c.user());
            putString(out, c.description());
            putWrites(out, c.writes());
            putLongs(out, c.prevTids());
        } else if (record instanceof JournalRecord.Prepare p) {
            out.put(PREPARE).putLong(p.prepareId());
            out.putInt(p.xid().formatId());
            putBytes(out, p.xid().globalTransactionId());
            putBytes(out, p.xid().branchQualifier());
            putString(out, p.user());
            putString(out, p.description());
            putWrites(out, p.writes());
        } else if (record instanceof JournalRecord.CommitPrepared c) {
            out.put(COMMIT_PREPARED).putLong(c.prepareId()).putLong(c.tid()).putLong(c.prevTxTid())
                    .putLong(c.timeMillis());
            putLongs(out, c.prevTids());
        } else if (record instanceof JournalRecord.RollbackPrepared r) {
            out.put(ROLLBACK_PREPARED).putLong(r.prepareId());
        } else {
            throw new IllegalArgumentException("unknown record " + record);
        }
    }

    /** Decodes one record body; throws IllegalArgumentException if it is not a well-formed record. */
    static JournalRecord decode(ByteBuffer in) {
        try {
            byte type = in.get();
            return switch (type) {
                case COMMIT -> new JournalRecord.Commit(in.getLong(), in.getLong(), in.getLong(), getString(in),
                        getString(in), getWrites(in), getLongs(in));
                case PREPARE -> {
                    long prepId = in.getLong();
                    StoredXid xid = new StoredXid(in.getInt(), getBytes(in), getBytes(in));
                    yield new JournalRecord.Prepare(prepId, xid, getString(in), getString(in), getWrites(in));
                }
                case COMMIT_PREPARED -> new JournalRecord.CommitPrepared(in.getLong(), in.getLong(), in.getLong(),
                        in.getLong(), getLongs(in));
                case ROLLBACK_PREPARED -> new JournalRecord.RollbackPrepared(in.getLong());
                default -> throw new IllegalArgumentException("unknown journal record type " + type);
            };
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("journal record body truncated", e);
        }
    }

    private static void putWrites(GrowableBuffer out, List<Write> writes) {
        out.putInt(writes.size());
        for (Write w : writes) {
            out.putLong(w.oid()).put((byte) (w.deleted() ? 1 : 0));
            putLongs(out, w.refs());
            out.putInt(w.data().length).put(w.data());
        }
    }

    private static List<Write> getWrites(ByteBuffer in) {
        int n = count(in, 13);
        List<Write> writes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long oid = in.getLong();
            boolean deleted = in.get() != 0;
            long[] refs = getLongs(in);
            int len = count(in, 1);
            byte[] data = new byte[len];
            in.get(data);
            writes.add(new Write(oid, deleted, refs, data));
        }
        return writes;
    }

    private static void putLongs(GrowableBuffer out, long[] values) {
        out.putInt(values.length);
        for (long v : values) {
            out.putLong(v);
        }
    }

    private static long[] getLongs(ByteBuffer in) {
        long[] v = new long[count(in, 8)];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.getLong();
        }
        return v;
    }

    private static void putBytes(GrowableBuffer out, byte[] b) {
        out.putInt(b.length).put(b);
    }

    private static byte[] getBytes(ByteBuffer in) {
        byte[] b = new byte[count(in, 1)];
        in.get(b);
        return b;
    }

    private static void putString(GrowableBuffer out, String s) {
        putBytes(out, Strings.utf8(s));
    }

    private static String getString(ByteBuffer in) {
        return new String(getBytes(in), StandardCharsets.UTF_8);
    }

    /** Reads a count and checks that that many items of at least {@code minSize} bytes can follow. */
    private static int count(ByteBuffer in, int minSize) {
        int n = in.getInt();
        if (n < 0 || (long) n * minSize > in.remaining()) {
            throw new IllegalArgumentException("impossible count " + n);
        }
        return n;
    }
}
