package org.dirstore.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.dirstore.bench.BenchContext;
import org.dirstore.bench.backup.BackupFixture;
import org.dirstore.bench.backup.JeBackupCopy;
import org.dirstore.bench.backup.SnapshotTarBackup;
import org.dirstore.bench.peer.DirStorePeer;
import org.dirstore.bench.peer.JePeer;
import org.dirstore.bench.peer.Subject;
import org.dirstore.bench.report.Markdown;
import org.dirstore.bench.report.Section;
import org.dirstore.bench.report.TargetCheck;
import org.dirstore.bench.util.Dirs;
import org.dirstore.bench.util.Medians;

/**
 * Measurement 4: a durable commit load (1 KiB objects, 16 threads in quick and full mode) on the populated stores, in
 * windows without a backup and windows during which full backups run back to back; DirStore
 * and, for comparison, JE with DbBackup.
 */
final class BackupUnderLoad {
    static final int SIZE = 1024;
    static final int SLOTS = 128;

    private final BackupFixture f;
    private final Path out;
    private final int threads;
    private final long warmupMillis;
    private final long windowMillis;
    private final int runs;

    BackupUnderLoad(BackupFixture f, Path out, int threads, long warmupMillis, long windowMillis, int runs) {
        this.f = f;
        this.out = out;
        this.threads = threads;
        this.warmupMillis = warmupMillis;
        this.windowMillis = windowMillis;
        this.runs = runs;
    }

    Outcome dirStore() throws Exception {
        try (Subject s = DirStorePeer.attach(f.store(), threads, SLOTS)) {
            return measure("DirStore", s, this::dirStoreBackup);
        }
    }

    Outcome je() throws Exception {
        try (Subject s = JePeer.attach(f.environment(), 1L << 40, SLOTS)) {
            return measure("BerkeleyDB-JE", s, this::jeBackup);
        }
    }

    private double[] dirStoreBackup() throws Exception {
        Path archive = out.resolve("under-load.tar");
        SnapshotTarBackup.Outcome o = SnapshotTarBackup.write(f.store(), archive, -1);
        Files.delete(archive);
        return new double[] {o.seconds(), o.enterSeconds()};
    }

    private double[] jeBackup() throws Exception {
        Path dir = Dirs.fresh(out.resolve("je-under-load"));
        JeBackupCopy.Copied c = JeBackupCopy.copy(f.environment(), f.jeHome(), dir);
        Dirs.delete(dir);
        return new double[] {c.seconds(), 0};
    }

    private Outcome measure(String peer, Subject s, Backup backup) throws Exception {
        List<LoadRunner.Window> base = new ArrayList<>();
        List<LoadRunner.Window> during = new ArrayList<>();
        List<double[]> backups = new ArrayList<>();
        try (LoadRunner load = new LoadRunner(s, threads, SLOTS, SIZE).start()) {
            load.run(warmupMillis);
            for (int r = 0; r < runs; r++) {
                load.beginWindow();
                load.run(windowMillis);
                base.add(load.endWindow());
                // the window spans whole backups: it opens as the first starts and closes when the one
                // running at the end of windowMillis has finished (entering the snapshot included)
                load.beginWindow();
                BackupLoop loop = new BackupLoop(backup).start();
                load.run(windowMillis);
                backups.addAll(loop.stop());
                during.add(load.endWindow());
            }
            load.stop();
        }
        if (backups.isEmpty()) {
            throw new IllegalStateException("no " + peer + " backup completed under load");
        }
        return new Outcome(peer, base, during, backups.size(), Medians.of(backups, b -> b[0]), Medians.of(backups, b -> b[1]));
    }

    static Section render(BenchContext ctx, Outcome ds, Outcome je) {
        StringBuilder b = new StringBuilder();
        int threads = ctx.mode().loadThreads();
        b.append(threads).append(" threads commit ").append(SIZE).append("-byte objects (new objects, no conflicts) into the "
                + "populated store of measurement 3. Windows of ").append(ctx.mode().loadWindowMillis())
                .append(" ms without a backup alternate with windows during which full backups run back to back (to a file "
                        + "on the same disk, page cache not dropped); a backup window opens as the first backup starts and "
                        + "closes when the backup running at the end of the ").append(ctx.mode().loadWindowMillis())
                .append(" ms has finished, so it covers whole backups, entering the snapshot included. Medians of ")
                .append(ctx.mode().loadRuns()).append(" windows each.\n\n");
        Markdown t = new Markdown("peer", "commits/s without / during backup", "p50 ms without / during",
                "p99 ms without / during", "p99 during / without", "throughput during / without", "backups completed",
                "median backup s (entering snapshot)");
        row(t, "DirStore (snapshot + tar)", ds);
        row(t, "Berkeley DB JE (DbBackup copy)", je);
        b.append(t.render()).append('\n');
        double p99Ratio = ds.p99During() / ds.p99Base();
        double jeRatio = je.p99During() / je.p99Base();
        ctx.results().add("backup_load", "DirStore", threads + "t-" + SIZE + "B", "p99_ratio", p99Ratio);
        ctx.results().add("backup_load", "BerkeleyDB-JE", threads + "t-" + SIZE + "B", "p99_ratio", jeRatio);
        ctx.results().add("backup_load", "DirStore", threads + "t-" + SIZE + "B", "commits_per_s_during", ds.rateDuring());
        ctx.results().add("backup_load", "BerkeleyDB-JE", threads + "t-" + SIZE + "B", "commits_per_s_during", je.rateDuring());
        b.append("**Reading.** During backups DirStore's p99 commit latency is ").append(Markdown.ratio(p99Ratio))
                .append(" of its baseline and its throughput ").append(Markdown.ratio(ds.rateDuring() / ds.rateBase()))
                .append("; JE's p99 is ").append(Markdown.ratio(jeRatio)).append(" of its own baseline. ")
                .append("A DirStore backup under this load took ").append(Markdown.num(ds.medianSeconds(), 2))
                .append(" s (median), of which ").append(Markdown.num(ds.medianEnterSeconds(), 2))
                .append(" s went to entering snapshot mode: `enter` waits until the flusher has brought A up to the "
                        + "snapshot tid, so under load it waits for the flush backlog. While DirStore is in snapshot mode its "
                        + "flusher writes into B and B is merged into A when the snapshot ends; the commit path itself does not "
                        + "change, so what the committers feel is the backup's reads, the archive's writes and the B merge "
                        + "competing for the same disk and the two cores.\n\n");
        TargetCheck target = new TargetCheck("p99 commit latency during a backup: <= 1.5x the baseline",
                Markdown.ms(ds.p99During()) + " vs " + Markdown.ms(ds.p99Base()) + " ms = " + Markdown.ratio(p99Ratio),
                p99Ratio <= 1.5, p99Ratio <= 1.5
                ? "The snapshot does not block commits; the backup's I/O leaves the journal's forces mostly alone."
                : "The backup's reads and archive writes share the disk queue with the journal's forces, and its tar/SHA-256 work "
                + "takes one of two cores. Moving it: throttle the backup's reads (a bandwidth limit the operator sets, as "
                + "replication has), write the archive with larger, less frequent forces, and run it at a lower I/O priority.");
        return new Section("4. Commits while a backup runs", b.toString(), List.of(target));
    }

    private static void row(Markdown t, String name, Outcome r) {
        t.row(name, Markdown.count(r.rateBase()) + " / " + Markdown.count(r.rateDuring()),
                Markdown.ms(r.p50Base()) + " / " + Markdown.ms(r.p50During()),
                Markdown.ms(r.p99Base()) + " / " + Markdown.ms(r.p99During()),
                Markdown.ratio(r.p99During() / r.p99Base()), Markdown.ratio(r.rateDuring() / r.rateBase()), r.backups(),
                Markdown.num(r.medianSeconds(), 2) + " (" + Markdown.num(r.medianEnterSeconds(), 2) + ")");
    }

    /** A backup taken repeatedly in the background. */
    @FunctionalInterface
    interface Backup {
        /** Takes one backup; returns its seconds and the seconds of those spent entering snapshot mode. */
        double[] take() throws Exception;
    }

    /** Runs backups back to back on its own thread until stopped. */
    private static final class BackupLoop {
        private final Backup backup;
        private final List<double[]> done = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private volatile boolean running = true;
        private Thread thread;

        BackupLoop(Backup backup) {
            this.backup = backup;
        }

        BackupLoop start() {
            thread = new Thread(() -> {
                try {
                    while (running) {
                        done.add(backup.take());
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "bench-backup-loop");
            thread.start();
            return this;
        }

        List<double[]> stop() throws InterruptedException {
            running = false;
            thread.join();
            Exception e = failure.get();
            if (e != null) {
                throw new IllegalStateException("a backup under load failed: " + e, e);
            }
            return List.copyOf(done);
        }
    }

    /** Windows without and during backups, and how many backups completed. */
    record Outcome(String peer, List<LoadRunner.Window> base, List<LoadRunner.Window> during, int backups,
                   double medianSeconds, double medianEnterSeconds) {
        double rateBase() {
            return Medians.of(base, LoadRunner.Window::commitsPerSecond);
        }

        double rateDuring() {
            return Medians.of(during, LoadRunner.Window::commitsPerSecond);
        }

        double p50Base() {
            return Medians.of(base, LoadRunner.Window::p50Ms);
        }

        double p50During() {
            return Medians.of(during, LoadRunner.Window::p50Ms);
        }

        double p99Base() {
            return Medians.of(base, LoadRunner.Window::p99Ms);
        }

        double p99During() {
            return Medians.of(during, LoadRunner.Window::p99Ms);
        }
    }
}
