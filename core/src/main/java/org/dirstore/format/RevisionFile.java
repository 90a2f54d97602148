package org.dirstore.format;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The byte format of a revision file (see docs/format.md): a 48-byte-plus-references header with
 * its own CRC32C, so history can be walked by reading headers alone, then the data with a second
 * CRC32C.
 */
public final class RevisionFile {
    public static final int MAGIC = 0x44535256; // "DSRV"
    public static final short VERSION = 1;
    public static final int FIXED_HEADER = 40;
    public static final short FLAG_DELETED = 1;

    private RevisionFile() {
    }

    public static int headerLength(int refCount) {
        return FIXED_HEADER + 8 * refCount + 8;
    }

    public static byte[] encode(Revision r) {
        int headerLen = headerLength(r.refs().length);
        ByteBuffer b = ByteBuffer.allocate(headerLen + r.data().length);
        b.putInt(MAGIC).putShort(VERSION).putShort(r.deleted() ? FLAG_DELETED : 0);
        b.putLong(r.oid()).putLong(r.tid()).putLong(r.prevTid());
        b.putInt(r.data().length).putInt(r.refs().length);
        for (long ref : r.refs()) {
            b.putLong(ref);
        }
        b.putInt(crc(b.array(), 0, headerLen - 8));
        b.putInt(crc(r.data(), 0, r.data().length));
        b.put(r.data());
        return b.array();
    }

    /** Decodes and verifies a whole revision file; {@code file} only names it in errors. */
    public static Revision decode(byte[] bytes, Path file) {
        Revision header = decodeHeader(bytes, bytes.length, file);
        int headerLen = headerLength(header.refs().length);
        int dataLen = ByteBuffer.wrap(bytes, 32, 4).getInt();
        if (bytes.length != headerLen + dataLen) {
            throw new CorruptFileException(file, "length " + bytes.length + " but header says " + (headerLen + dataLen));
        }
        int dataCrc = ByteBuffer.wrap(bytes, headerLen - 4, 4).getInt();
        if (crc(bytes, headerLen, dataLen) != dataCrc) {
            throw new CorruptFileException(file, "data CRC32C mismatch");
        }
        byte[] data = new byte[dataLen];
        System.arraycopy(bytes, headerLen, data, 0, dataLen);
        return new Revision(header.oid(), header.tid(), header.prevTid(), header.deleted(), header.refs(), data);
    }

    /**
     * Decodes and verifies the header found in the first {@code available} bytes; the returned
     * revision has empty data.
     */
    public static Revision decodeHeader(byte[] bytes, int available, Path file) {
        if (available < FIXED_HEADER + 8) {
            throw new CorruptFileException(file, "too short for a revision header (" + available + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, available);
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw new CorruptFileException(file, String.format("bad magic 0x%08x, not a revision file", magic));
        }
        short version = b.getShort();
        if (version != VERSION) {
            throw new CorruptFileException(file, "unsupported revision format version " + version);
        }
        short flags = b.getShort();
        long oid = b.getLong();
        long tid = b.getLong();
        long prev = b.getLong();
        int dataLen = b.getInt();
        int refCount = b.getInt();
        if (refCount < 0 || dataLen < 0 || refCount > (available - FIXED_HEADER) / 8) {
            throw new CorruptFileException(file, "impossible reference count " + refCount + " or length " + dataLen);
        }
        int headerLen = headerLength(refCount);
        if (available < headerLen) {
            throw new CorruptFileException(file, "truncated header");
        }
        long[] refs = new long[refCount];
        for (int i = 0; i < refCount; i++) {
            refs[i] = b.getLong();
        }
        int headerCrc = b.getInt();
        if (crc(bytes, 0, headerLen - 8) != headerCrc) {
            throw new CorruptFileException(file, "header CRC32C mismatch");
        }
        boolean deleted = (flags & FLAG_DELETED) != 0;
        return new Revision(oid, tid, prev, deleted, refs, new byte[0]);
    }

    static int crc(byte[] bytes, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(bytes, off, len);
        return (int) c.getValue();
    }
}
