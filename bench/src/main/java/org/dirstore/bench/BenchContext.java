package org.dirstore.bench;

import java.nio.file.Path;
import java.util.List;
import org.dirstore.bench.peer.Peer;
import org.dirstore.bench.report.Results;

/**
 * What every scenario gets: the mode, a scratch directory on the disk under test, where plots go,
 * the peers and the result sink.
 *
 * @param mode     sizes and durations
 * @param work     scratch directory (stores are created and deleted under it)
 * @param plots    directory the PNG plots are written to (the report links them by file name)
 * @param peers    DirStore first, then its peers
 * @param results  every measured number
 */
public record BenchContext(Mode mode, Path work, Path plots, List<Peer> peers, Results results) {
    public BenchContext {
        peers = List.copyOf(peers);
    }

    /** DirStore (always the first peer). */
    public Peer dirStore() {
        return peers.get(0);
    }

    /** A fresh scratch directory named {@code name}. */
    public Path scratch(String name) {
        return org.dirstore.bench.util.Dirs.fresh(work.resolve(name));
    }
}
