package org.dirstore.format;

import java.util.Arrays;

/**
 * One revision of one object, as stored in its own file: who it is (oid, tid), the revision it
 * replaced, whether it deletes the object, the oids it references and its bytes.
 */
public record Revision(long oid, long tid, long prevTid, boolean deleted, long[] refs, byte[] data) {
    public Revision {
        refs = refs == null ? new long[0] : refs;
        data = data == null ? new byte[0] : data;
        if (deleted && data.length != 0) {
            throw new IllegalArgumentException("a deletion carries no data");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Revision r && r.oid == oid && r.tid == tid && r.prevTid == prevTid
                && r.deleted == deleted && Arrays.equals(r.refs, refs) && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(oid) * 31 + Long.hashCode(tid);
    }

    @Override
    public String toString() {
        return "Revision[oid=" + oid + ", tid=" + Tids.hex(tid) + ", prev=" + Tids.hex(prevTid)
                + (deleted ? ", deleted" : ", " + data.length + " bytes") + ", refs=" + Arrays.toString(refs) + "]";
    }
}
