package org.dirstore.backup;

import java.util.zip.CRC32;

/**
 * Encodes bytes as one gzip member (RFC 1952) whose deflate data uses only stored blocks
 * (RFC 1951 section 3.2.4). Its length depends only on the input length, which lets the backup
 * writer reserve room for the manifest at the start of a compressed archive and fill it in once
 * the checksums are known.
 */
final class StoredGzipMember {
    private static final int MAX_BLOCK = 65535;
    private static final int HEADER = 10;
    private static final int TRAILER = 8;
    private static final int BLOCK_OVERHEAD = 5;

    private StoredGzipMember() {
    }

    /** The encoded length for an input of {@code length} bytes. */
    static int encodedLength(int length) {
        int blocks = Math.max(1, (length + MAX_BLOCK - 1) / MAX_BLOCK);
        return HEADER + blocks * BLOCK_OVERHEAD + length + TRAILER;
    }

    static byte[] encode(byte[] data) {
        byte[] out = new byte[encodedLength(data.length)];
        int p = 0;
        // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=unknown
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        System.arraycopy(header, 0, out, 0, HEADER);
        p += HEADER;
        int offset = 0;
        do {
            int len = Math.min(MAX_BLOCK, data.length - offset);
            boolean last = offset + len == data.length;
            out[p++] = (byte) (last ? 1 : 0); // BFINAL, BTYPE=00 (stored), then byte-aligned
            p = putShort(out, p, len);
            p = putShort(out, p, ~len & 0xffff);
            System.arraycopy(data, offset, out, p, len);
            p += len;
            offset += len;
        } while (offset < data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        p = putInt(out, p, (int) crc.getValue());
        p = putInt(out, p, data.length);
        if (p != out.length) {
            throw new IllegalStateException("stored gzip member length " + p + " != " + out.length);
        }
        return out;
    }

    private static int putShort(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        return p + 2;
    }

    private static int putInt(byte[] b, int p, int v) {
        p = putShort(b, p, v & 0xffff);
        return putShort(b, p, v >>> 16);
    }
}
