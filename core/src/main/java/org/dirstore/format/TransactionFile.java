package org.dirstore.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/** The byte format of a transaction file (see docs/format.md), ending in a CRC32C of all before it. */
public final class TransactionFile {
    public static final int MAGIC = 0x44535458; // "DSTX"
    public static final short VERSION = 1;

    private TransactionFile() {
    }

    public static byte[] encode(TransactionRecord t) {
        byte[] user = Strings.utf8(t.user());
        byte[] desc = Strings.utf8(t.description());
        int n = t.oids().length;
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + 2 + 8 + 8 + 8 + 2 + user.length + 2 + desc.length + 4 + 9 * n + 4);
        b.putInt(MAGIC).putShort(VERSION).putShort((short) 0);
        b.putLong(t.tid()).putLong(t.prevTid()).putLong(t.time().toEpochMilli());
        b.putShort((short) user.length).put(user);
        b.putShort((short) desc.length).put(desc);
        b.putInt(n);
        for (int i = 0; i < n; i++) {
            b.putLong(t.oids()[i]).put((byte) (t.deletions()[i] ? 1 : 0));
        }
        b.putInt(RevisionFile.crc(b.array(), 0, b.position()));
        return b.array();
    }

    public static TransactionRecord decode(byte[] bytes, Path file) {
        try {
            if (bytes.length < 4 + 4) {
                throw new CorruptFileException(file, "too short for a transaction file");
            }
            int crc = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
            if (RevisionFile.crc(bytes, 0, bytes.length - 4) != crc) {
                throw new CorruptFileException(file, "CRC32C mismatch");
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.getInt() != MAGIC) {
                throw new CorruptFileException(file, "bad magic, not a transaction file");
            }
            short version = b.getShort();
            if (version != VERSION) {
                throw new CorruptFileException(file, "unsupported transaction format version " + version);
            }
            b.getShort();
            long tid = b.getLong();
            long prev = b.getLong();
            Instant time = Instant.ofEpochMilli(b.getLong());
            String user = readString(b);
            String desc = readString(b);
            int n = b.getInt();
            if (n < 0 || n > b.remaining() / 9) {
                throw new CorruptFileException(file, "impossible oid count " + n);
            }
            long[] oids = new long[n];
            boolean[] deletions = new boolean[n];
            for (int i = 0; i < n; i++) {
                oids[i] = b.getLong();
                deletions[i] = b.get() != 0;
            }
            return new TransactionRecord(tid, prev, time, user, desc, oids, deletions);
        } catch (java.nio.BufferUnderflowException e) {
            throw new CorruptFileException(file, "truncated");
        }
    }

    private static String readString(ByteBuffer b) {
        int len = Short.toUnsignedInt(b.getShort());
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
