package org.dirstore.snapshot;

import java.time.Instant;
import java.util.Map;

/**
 * The snapshot currently held: A holds exactly the transactions up to {@code tid} and does not
 * change until the last holder leaves or its lease runs out.
 *
 * @param tid     the transaction boundary A is frozen at
 * @param since   when A was frozen
 * @param holders token -> holder, with the time each lease ends
 */
public record Snapshot(long tid, Instant since, Map<String, Holder> holders) {
    public Snapshot {
        holders = Map.copyOf(holders);
    }

    /** One holder of the snapshot: who, and until when its lease runs. */
    public record Holder(String token, String name, Instant leaseEnds) {
    }
}
