package org.dirstore.store;

/**
 * A moment's statistics of a store, for operators (JMX) and benchmarks.
 *
 * @param lastTid           tid of the last committed transaction
 * @param objects           objects whose current revision is not a deletion
 * @param commits           transactions committed since open
 * @param journalForces     journal fsyncs since open (commits / forces = commits per fsync)
 * @param journalRecords    journal records written since open
 * @param journalSegments   journal segment files still needed
 * @param backlogBytes      committed data waiting to be flushed into A (or B)
 * @param backlogTransactions committed transactions waiting to be flushed
 * @param flushedTransactions transactions flushed since open
 * @param inDoubt           prepared XA branches without an outcome
 * @param backpressureWaits commits that had to wait for the flusher
 */
public record StoreStats(long lastTid, long objects, long commits, long journalForces, long journalRecords,
                         int journalSegments, long backlogBytes, long backlogTransactions, long flushedTransactions,
                         int inDoubt, long backpressureWaits) {
}
