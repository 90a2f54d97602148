package org.dirstore.journal;

import java.util.List;

/**
 * Prepared-but-unresolved branches are copied into each new segment, so an in-doubt transaction
 * never keeps an old segment (and the journal behind it) alive.
 */
public interface CarryForward {
    /** A prepared record still in doubt and the segment holding its newest copy. */
    record Carried(JournalRecord.Prepare record, long segment) {
    }

    /** The branches still in doubt; called under the journal's write lock when a segment starts. */
    List<Carried> inDoubt();

    /** Those records are now durable in {@code segment} (the journal moved their pins there). */
    void carried(List<Carried> records, long segment);
}
