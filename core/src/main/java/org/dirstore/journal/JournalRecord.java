package org.dirstore.journal;

import java.util.List;
import org.dirstore.format.StoredXid;
import org.dirstore.format.Write;

/** The records of the journal, the store's commit path (byte layout in docs/format.md). */
public sealed interface JournalRecord {

    /** A one-phase commit: durable and committed in a single record. */
    record Commit(long tid, long prevTxTid, long timeMillis, String user, String description,
                  List<Write> writes, long[] prevTids) implements JournalRecord {
    }

    /** Phase one of an XA commit: all data, no tid yet; in doubt until an outcome record follows. */
    record Prepare(long prepareId, StoredXid xid, String user, String description, List<Write> writes)
            implements JournalRecord {
    }

    /** The commit outcome of a prepared branch; the tid is assigned now, so tids follow commit order. */
    record CommitPrepared(long prepareId, long tid, long prevTxTid, long timeMillis, long[] prevTids)
            implements JournalRecord {
    }

    /** The rollback outcome of a prepared branch. */
    record RollbackPrepared(long prepareId) implements JournalRecord {
    }
}
