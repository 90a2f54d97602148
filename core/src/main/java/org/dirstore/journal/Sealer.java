package org.dirstore.journal;

/**
 * A commit-path request handed to the journal. The batch leader seals it into a record in
 * queue order (assigning tids there, so tids follow journal order), and calls {@link #durable} once
 * the record's batch is forced to disk, again in order.
 */
public interface Sealer {
    /** Builds the record, under the journal's write lock. A RuntimeException fails this request only. */
    JournalRecord seal(SealContext context);

    /** The record is on disk in {@code segment}; publish its effects. Runs under the write lock, in order. */
    void durable(JournalRecord record, long segment);

    /** Tid assignment for records sealed in the current batch. */
    interface SealContext {
        /** A fresh tid, greater than every tid assigned before. */
        long nextTid();

        /** The tid of the last commit sealed before this one (0 for none): the transaction chain. */
        long previousCommitTid();

        /** Records that the record being sealed commits with {@code tid}. */
        void committed(long tid);

        /** True if a commit sealed earlier in this batch (not yet published) deletes {@code oid}. */
        boolean deletedInBatch(long oid);

        /** Records that the record being sealed deletes {@code oid}. */
        void deletes(long oid);
    }
}
