package org.dirstore.store;

import java.time.Instant;
import org.dirstore.format.Tids;

/** One entry of an object's history: which transaction wrote it, and what. */
public record RevisionInfo(long oid, long tid, long prevTid, boolean deleted, int size) {
    public Instant time() {
        return Tids.toInstant(tid);
    }
}
