package org.dirstore.format;

import java.time.Instant;
import java.util.Arrays;

/**
 * A committed transaction as its transaction file records it: its tid, the tid of the transaction
 * before it (the chain), when and by whom, and which oids it wrote (and which of those it deleted).
 */
public record TransactionRecord(long tid, long prevTid, Instant time, String user, String description,
                                long[] oids, boolean[] deletions) {
    public TransactionRecord {
        user = user == null ? "" : user;
        description = description == null ? "" : description;
        if (oids.length != deletions.length) {
            throw new IllegalArgumentException("oids and deletions differ in length");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionRecord t && t.tid == tid && t.prevTid == prevTid && t.time.equals(time)
                && t.user.equals(user) && t.description.equals(description) && Arrays.equals(t.oids, oids)
                && Arrays.equals(t.deletions, deletions);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tid);
    }

    @Override
    public String toString() {
        return "Transaction[" + Tids.hex(tid) + " prev=" + Tids.hex(prevTid) + " " + time + " user=" + user
                + " oids=" + Arrays.toString(oids) + "]";
    }
}
