package org.dirstore.bench.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dirstore.bench.BenchContext;
import org.dirstore.bench.peer.Peer;
import org.dirstore.bench.report.LineChart;
import org.dirstore.bench.report.Markdown;
import org.dirstore.bench.report.Section;
import org.dirstore.bench.report.TargetCheck;
import org.dirstore.bench.util.ChildJvm;
import org.dirstore.bench.util.Dirs;
import org.dirstore.bench.util.Log;
import org.dirstore.bench.util.Medians;
import org.dirstore.store.StoreOptions;

/**
 * Measurement 2: a long durable load (16 threads, 1 KiB objects) with the flush into A running,
 * sampling throughput and DirStore's backlog over time; the same load on Berkeley DB JE.
 */
public final class SustainedScenario implements Scenario {
    static final int THREADS = 16;
    static final int SIZE = 1024;
    static final int SLOTS = 1024;

    @Override
    public String id() {
        return "sustained";
    }

    @Override
    public List<Section> run(BenchContext ctx) throws Exception {
        List<Peer> peers = List.of(ctx.peers().get(0), ctx.peers().get(1));
        List<List<Sample>> series = new ArrayList<>();
        List<double[]> latencies = new ArrayList<>();
        for (Peer peer : peers) {
            Path dir = ctx.scratch("sustained-" + peer.name());
            try (ChildJvm child = ChildJvm.start(CommitScenario.JVM, ctx.work().resolve("sustained.err"), SustainedChild.class,
                    peer.name(), dir.toString(), Integer.toString(ctx.mode().sustainedSeconds()),
                    Long.toString(ctx.mode().sampleMillis()))) {
                List<Sample> samples = new ArrayList<>();
                for (String line : child.readAll(ctx.mode().sustainedSeconds() / 60 + 5)) {
                    if (line.startsWith("SAMPLE ")) {
                        samples.add(Sample.parse(line));
                    } else if (line.startsWith("LATENCY ")) {
                        String[] f = line.split(" ");
                        latencies.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
                    }
                }
                series.add(samples);
            } finally {
                Dirs.delete(dir);
            }
            Log.info("sustained " + peer.name() + ": " + Markdown.count(rate(series.get(series.size() - 1))) + " commits/s");
        }
        if (latencies.size() != peers.size()) {
            throw new IllegalStateException("a sustained child did not report its latencies");
        }
        return List.of(report(ctx, peers, series, latencies));
    }

    private static double rate(List<Sample> s) {
        Sample last = s.get(s.size() - 1);
        return last.totalCommits() / last.seconds();
    }

    private Section report(BenchContext ctx, List<Peer> peers, List<List<Sample>> series, List<double[]> latencies)
            throws java.io.IOException {
        List<Sample> ds = series.get(0);
        List<Sample> je = series.get(1);
        long maxBacklog = ds.stream().mapToLong(Sample::backlogBytes).max().orElse(0);
        long maxTx = ds.stream().mapToLong(Sample::backlogTransactions).max().orElse(0);
        int maxSeg = ds.stream().mapToInt(Sample::segments).max().orElse(0);
        long cap = StoreOptions.defaults().maxBacklogBytes();
        double dsRate = rate(ds);
        double jeRate = rate(je);
        double secondHalf = Medians.of(ds.subList(ds.size() / 2, ds.size()), Sample::commitsPerSecond);
        Sample mid = ds.get(ds.size() / 2 - 1);
        Sample last = ds.get(ds.size() - 1);
        double flushRate = Math.max(1e-9, (last.flushedTransactions() - mid.flushedTransactions()) / (last.seconds() - mid.seconds()));
        double drainSeconds = last.backlogTransactions() / flushRate;
        String cfg = THREADS + "t-" + SIZE + "B";
        for (int i = 0; i < peers.size(); i++) {
            ctx.results().add("sustained", peers.get(i).name(), cfg, "commits_per_s", Math.max(rate(series.get(i)), 1e-9));
        }
        ctx.results().add("sustained", peers.get(0).name(), cfg, "max_backlog_bytes", Math.max(maxBacklog, 1));
        ctx.results().add("sustained", peers.get(0).name(), cfg, "max_journal_segments", Math.max(maxSeg, 1));
        ctx.results().add("sustained", peers.get(0).name(), cfg, "flushed_tx_per_s", flushRate);

        StringBuilder b = new StringBuilder();
        b.append(THREADS).append(" threads commit ").append(SIZE).append("-byte objects durably for ")
                .append(ctx.mode().sustainedSeconds()).append(" s per peer (each thread cycling over ").append(SLOTS)
                .append(" objects of its own); DirStore's flusher writes every transaction into A meanwhile and "
                        + "its statistics are sampled every ").append(ctx.mode().sampleMillis()).append(" ms.\n\n");
        Markdown summary = new Markdown("peer", "commits/s over the run", "median commits/s, second half", "DirStore / peer",
                "commit latency p50 / p99 / max (ms)");
        for (int i = 0; i < peers.size(); i++) {
            List<Sample> s = series.get(i);
            summary.row(peers.get(i).name(), Markdown.count(rate(s)),
                    Markdown.count(Medians.of(s.subList(s.size() / 2, s.size()), Sample::commitsPerSecond)),
                    Markdown.ratio(dsRate / rate(s)), Markdown.ms(latencies.get(i)[0]) + " / " + Markdown.ms(latencies.get(i)[1])
                            + " / " + Markdown.ms(latencies.get(i)[2]));
        }
        b.append(summary.render()).append('\n');
        b.append("DirStore's backlog over time (every ").append(Math.max(1, ds.size() / 15)).append(". sample):\n\n");
        Markdown t = new Markdown("t (s)", "DirStore commits/s", "JE commits/s", "backlog", "backlog transactions",
                "journal segments", "backpressure waits (cumulative)");
        int every = Math.max(1, ds.size() / 15);
        for (int i = 0; i < ds.size(); i += every) {
            Sample s = ds.get(i);
            double jeAt = i < je.size() ? je.get(i).commitsPerSecond() : 0;
            t.row(Markdown.num(s.seconds(), 1), Markdown.count(s.commitsPerSecond()), Markdown.count(jeAt),
                    Markdown.mib(s.backlogBytes()), Markdown.count(s.backlogTransactions()), s.segments(),
                    Markdown.count(s.backpressureWaits()));
        }
        b.append(t.render()).append('\n');
        String backlogPng = "bench-backlog.png";
        String ratePng = "bench-sustained-rate.png";
        double[] xs = ds.stream().mapToDouble(Sample::seconds).toArray();
        new LineChart("DirStore backlog during sustained load", "seconds", "MiB not yet flushed into A", false)
                .add("backlog MiB", xs, ds.stream().mapToDouble(s -> s.backlogBytes() / 1048576.0).toArray())
                .add("cap (maxBacklogBytes)", new double[] {xs[0], xs[xs.length - 1]},
                        new double[] {cap / 1048576.0, cap / 1048576.0})
                .write(ctx.plots().resolve(backlogPng));
        new LineChart("Durable commits/s during sustained load (16 threads, 1 KiB)", "seconds", "commits/s", false)
                .add(peers.get(0).name(), xs, ds.stream().mapToDouble(Sample::commitsPerSecond).toArray())
                .add(peers.get(1).name(), je.stream().mapToDouble(Sample::seconds).toArray(),
                        je.stream().mapToDouble(Sample::commitsPerSecond).toArray())
                .write(ctx.plots().resolve(ratePng));
        b.append("![").append(backlogPng).append("](").append(backlogPng).append(")\n\n");
        b.append("![").append(ratePng).append("](").append(ratePng).append(")\n\n");
        boolean bounded = maxBacklog <= cap + (32L << 20);
        b.append("**Reading.** DirStore sustained ").append(Markdown.count(dsRate)).append(" commits/s against JE's ")
                .append(Markdown.count(jeRate)).append(" (").append(Markdown.ratio(dsRate / jeRate)).append("). ")
                .append("The backlog peaked at ").append(Markdown.mib(maxBacklog)).append(" (").append(Markdown.count(maxTx))
                .append(" transactions, ").append(maxSeg).append(" journal segments) against a cap of ")
                .append(Markdown.mib(cap)).append(". In the second half the flusher wrote ")
                .append(Markdown.count(flushRate)).append(" transactions/s into A (").append(Markdown.count(2 * flushRate))
                .append(" files/s: one revision file and one transaction file each); at that rate the backlog left at the end, ")
                .append(Markdown.count(last.backlogTransactions())).append(" transactions, takes about ")
                .append(Markdown.num(drainSeconds, 0)).append(" s to drain, which is what a clean `close()` (and the flush after "
                        + "a crash) waits for. ")
                .append(ds.get(ds.size() - 1).backpressureWaits() > 0
                        ? "Commits waited for the flusher " + Markdown.count(ds.get(ds.size() - 1).backpressureWaits())
                        + " times: in steady state the commit rate is the flusher's rate (one revision file and one "
                        + "transaction file per commit, written and forced in batches), not the journal's. "
                        : "Commits never waited for the flusher: it kept up with the journal. ")
                .append("Second-half median ").append(Markdown.count(secondHalf)).append(" commits/s.\n\n");
        TargetCheck target = new TargetCheck("Sustained with flush: >= JE's rate, with a bounded backlog",
                Markdown.count(dsRate) + " vs " + Markdown.count(jeRate) + " commits/s = " + Markdown.ratio(dsRate / jeRate)
                        + "; backlog max " + Markdown.mib(maxBacklog) + " (cap " + Markdown.mib(cap) + ")",
                dsRate >= jeRate && bounded,
                (bounded ? "The backlog stays bounded by backpressure at `maxBacklogBytes`. "
                        : "The backlog exceeded the cap by more than one flush batch: backpressure is not holding. ")
                        + (dsRate >= jeRate ? "Throughput holds with the flush included."
                        : "Throughput is limited by the flusher: every commit becomes two small files in A, each created, "
                        + "written and forced, and each of their folders forced too; measured here " + Markdown.count(flushRate)
                        + " transactions/s (" + Markdown.count(2 * flushRate) + " files/s) against PLATFORM.md's ~6,300 forced "
                        + "small files/s with 16 threads. The flusher forces files with " + StoreOptions.defaults().flushThreads()
                        + " threads but only one batch (up to 2,048 transactions) at a time, and the backlog is released per "
                        + "batch, so committers stall for whole batches (see max latency). Moving it: pipeline batches (write "
                        + "batch n+1 while batch n is forced), release backlog per forced transaction, and force each folder "
                        + "less often (in this workload the sharded layout puts almost every revision of a batch in its own folder, so folder "
                        + "forces nearly double the forces)."));
        return new Section("2. Sustained load with the flush into A", b.toString(), List.of(target));
    }

    /** One sample of the sustained run (DirStore's statistics are 0 for the other peers). */
    record Sample(double seconds, double commitsPerSecond, long backlogBytes, long backlogTransactions, int segments,
                  long backpressureWaits, long totalCommits, long flushedTransactions) {
        static Sample parse(String line) {
            String[] f = line.split(" ");
            return new Sample(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                    Integer.parseInt(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]));
        }
    }
}
