package org.dirstore.bench.peer;

import java.nio.file.Path;

/** A store (or the raw disk) that the commit benchmarks drive: DirStore or one of its peers. */
public interface Peer {
    /** Short name used in tables and plots. */
    String name();

    /** How this peer is made durable, stated in the report. */
    String durability();

    /**
     * Opens a fresh instance in the empty directory {@code dir} for {@code threads} committers,
     * each owning {@code slots} objects it overwrites in turn (no conflicts between threads).
     */
    Subject open(Path dir, int threads, int slots) throws Exception;
}
