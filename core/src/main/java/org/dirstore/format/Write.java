package org.dirstore.format;

/** One object write of a transaction, before it has a tid: new data (with references) or a deletion. */
public record Write(long oid, boolean deleted, long[] refs, byte[] data) {
    public Write {
        refs = refs == null ? new long[0] : refs;
        data = data == null ? new byte[0] : data;
    }

    public static Write deletion(long oid) {
        return new Write(oid, true, new long[0], new byte[0]);
    }

    public Revision at(long tid, long prevTid) {
        return new Revision(oid, tid, prevTid, deleted, refs, data);
    }

    /** Bytes this write occupies in memory and on disk, roughly. */
    public long size() {
        return 64L + data.length + 8L * refs.length;
    }
}
