package org.dirstore.bench.scenario;

import java.nio.file.Path;
import java.util.Locale;
import org.dirstore.bench.peer.DirStorePeer;
import org.dirstore.bench.peer.Peers;
import org.dirstore.bench.peer.Subject;
import org.dirstore.store.StoreStats;

/**
 * Child JVM of the sustained load: {@code PEER DIR SECONDS SAMPLE_MS}. Prints one
 * {@code SAMPLE seconds commitsPerSecond backlogBytes backlogTransactions segments backpressureWaits
 * totalCommits flushedTransactions} line per interval, then halts (see {@link CommitChild}).
 */
public final class SustainedChild {
    private SustainedChild() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[2]);
        long step = Long.parseLong(args[3]);
        Subject s = Peers.named(args[0]).open(Path.of(args[1]), SustainedScenario.THREADS, SustainedScenario.SLOTS);
        LoadRunner load = new LoadRunner(s, SustainedScenario.THREADS, SustainedScenario.SLOTS, SustainedScenario.SIZE).start();
        int n = (int) Math.max(2, seconds * 1000L / step);
        long start = System.nanoTime();
        long prev = 0;
        long prevT = start;
        load.beginWindow();
        for (int i = 0; i < n; i++) {
            load.run(step);
            long now = System.nanoTime();
            long c = load.committed();
            StoreStats st = s instanceof DirStorePeer.Handle h ? h.store().stats() : null;
            System.out.println(String.format(Locale.ROOT, "SAMPLE %.3f %.3f %d %d %d %d %d %d", (now - start) / 1e9,
                    (c - prev) / ((now - prevT) / 1e9), st == null ? 0 : st.backlogBytes(),
                    st == null ? 0 : st.backlogTransactions(), st == null ? 0 : st.journalSegments(),
                    st == null ? 0 : st.backpressureWaits(), c, st == null ? 0 : st.flushedTransactions()));
            prev = c;
            prevT = now;
        }
        LoadRunner.Window w = load.endWindow();
        System.out.println(String.format(Locale.ROOT, "LATENCY %.6f %.6f %.6f", w.p50Ms(), w.p99Ms(), w.maxMs()));
        CommitChild.halt();
    }
}
