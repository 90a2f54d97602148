package org.dirstore.bench.scenario;

import java.nio.file.Path;
import java.util.Locale;
import org.dirstore.bench.peer.Peers;
import org.dirstore.bench.peer.Subject;

/**
 * Child JVM of one commit measurement: {@code PEER DIR THREADS SLOTS SIZE WARMUP_MS WINDOW_MS}.
 * Prints {@code WINDOW commits seconds commitsPerSecond p50 p99 max commitsPerForce} and then halts
 * without closing the store: a peer's shutdown work (DirStore draining its flush backlog, JE's
 * checkpoint) is not part of the measurement and would only slow the run down. Every commit was
 * durable when it returned, so nothing is lost by halting.
 */
public final class CommitChild {
    private CommitChild() {
    }

    public static void main(String[] args) throws Exception {
        Subject s = Peers.named(args[0]).open(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        LoadRunner load = new LoadRunner(s, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]))
                .start();
        load.run(Long.parseLong(args[5]));
        long f0 = s.forces();
        long c0 = s.commits();
        load.beginWindow();
        load.run(Long.parseLong(args[6]));
        LoadRunner.Window w = load.endWindow();
        long f1 = s.forces();
        long c1 = s.commits();
        double cpf = f0 >= 0 && f1 > f0 && c1 > c0 ? (double) (c1 - c0) / (f1 - f0) : -1;
        System.out.println(String.format(Locale.ROOT, "WINDOW %d %.6f %.3f %.6f %.6f %.6f %.4f", w.commits(), w.seconds(),
                w.commitsPerSecond(), w.p50Ms(), w.p99Ms(), w.maxMs(), cpf));
        halt();
    }

    /** Ends a child JVM at once, leaving open stores as a crash would (their commits are durable). */
    static void halt() {
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
