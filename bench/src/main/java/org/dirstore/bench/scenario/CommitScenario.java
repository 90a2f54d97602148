package org.dirstore.bench.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dirstore.bench.BenchContext;
import org.dirstore.bench.Mode;
import org.dirstore.bench.peer.Peer;
import org.dirstore.bench.report.LineChart;
import org.dirstore.bench.report.Markdown;
import org.dirstore.bench.report.Section;
import org.dirstore.bench.report.TargetCheck;
import org.dirstore.bench.util.ChildJvm;
import org.dirstore.bench.util.Dirs;
import org.dirstore.bench.util.Log;

/**
 * Measurement 1: durable commit throughput and latency against threads and object size, every
 * peer in turn inside each run (so drift on a noisy machine hits all alike), each run a fresh store
 * in a fresh JVM ({@link CommitChild}).
 */
public final class CommitScenario implements Scenario {
    static final int SLOTS = 128;
    /** Each run is a fresh JVM with the same options for every peer. */
    static final List<String> JVM = List.of("-Xmx2g", "-Xms2g");

    @Override
    public String id() {
        return "commit";
    }

    @Override
    public List<Section> run(BenchContext ctx) throws Exception {
        Mode mode = ctx.mode();
        List<Point> points = new ArrayList<>();
        for (int size : mode.valueSizes()) {
            for (int threads : mode.threadCounts()) {
                points.add(new Point(threads, size));
            }
        }
        if (mode.extraPoint() != null) {
            points.add(new Point(mode.extraPoint()[0], mode.extraPoint()[1]));
        }
        Map<Point, Map<String, CommitCell>> cells = new LinkedHashMap<>();
        for (Point p : points) {
            Map<String, List<CommitCell.CommitRun>> runs = new LinkedHashMap<>();
            for (int r = 0; r < mode.runs(); r++) {
                for (Peer peer : ctx.peers()) {
                    runs.computeIfAbsent(peer.name(), k -> new ArrayList<>()).add(measure(ctx, peer, p));
                }
            }
            Map<String, CommitCell> byPeer = new LinkedHashMap<>();
            runs.forEach((name, list) -> byPeer.put(name, CommitCell.of(list)));
            cells.put(p, byPeer);
            record(ctx, p, byPeer);
            Log.info("commit " + p + ": " + summary(byPeer));
        }
        return List.of(new CommitReport(ctx, cells).section(plot(ctx, cells)));
    }

    private static CommitCell.CommitRun measure(BenchContext ctx, Peer peer, Point p) throws Exception {
        Path dir = ctx.scratch("commit-" + peer.name());
        Path err = ctx.work().resolve("commit-child.err");
        try (ChildJvm child = ChildJvm.start(JVM, err, CommitChild.class, peer.name(), dir.toString(),
                Integer.toString(p.threads()), Integer.toString(SLOTS), Integer.toString(p.size()),
                Long.toString(ctx.mode().warmupMillis()), Long.toString(ctx.mode().windowMillis()))) {
            String[] f = child.awaitLine("WINDOW ").split(" ");
            child.awaitExit(5);
            LoadRunner.Window w = new LoadRunner.Window(Long.parseLong(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]));
            return new CommitCell.CommitRun(w, Double.parseDouble(f[7]));
        } finally {
            Dirs.delete(dir);
        }
    }

    private static void record(BenchContext ctx, Point p, Map<String, CommitCell> byPeer) {
        byPeer.forEach((name, c) -> {
            ctx.results().add("commit", name, p.toString(), "commits_per_s", c.commitsPerSecond());
            ctx.results().add("commit", name, p.toString(), "commits_per_s_min", c.minRate());
            ctx.results().add("commit", name, p.toString(), "commits_per_s_max", c.maxRate());
            ctx.results().add("commit", name, p.toString(), "p50_ms", c.p50Ms());
            ctx.results().add("commit", name, p.toString(), "p99_ms", c.p99Ms());
            if (c.commitsPerForce() > 0) {
                ctx.results().add("commit", name, p.toString(), "commits_per_fsync", c.commitsPerForce());
            }
        });
    }

    private static String summary(Map<String, CommitCell> byPeer) {
        StringBuilder b = new StringBuilder();
        byPeer.forEach((n, c) -> b.append(n).append('=').append(Markdown.count(c.commitsPerSecond())).append("/s "));
        return b.toString();
    }

    private static List<String> plot(BenchContext ctx, Map<Point, Map<String, CommitCell>> cells) throws java.io.IOException {
        List<String> files = new ArrayList<>();
        for (int size : ctx.mode().valueSizes()) {
            LineChart chart = new LineChart("Durable commits/s against threads, " + size + "-byte objects",
                    "committer threads", "commits/s (median of " + ctx.mode().runs() + " runs)", true);
            for (Peer peer : ctx.peers()) {
                List<Integer> ts = ctx.mode().threadCounts();
                double[] xs = new double[ts.size()];
                double[] ys = new double[ts.size()];
                for (int i = 0; i < ts.size(); i++) {
                    xs[i] = ts.get(i);
                    ys[i] = cells.get(new Point(ts.get(i), size)).get(peer.name()).commitsPerSecond();
                }
                chart.add(peer.name(), xs, ys);
            }
            String file = "bench-commit-" + size + "b.png";
            chart.write(ctx.plots().resolve(file));
            files.add(file);
        }
        return files;
    }

    /** A point of measurement 1: committer threads and object size in bytes. */
    record Point(int threads, int size) {
        @Override
        public String toString() {
            return threads + "t-" + size + "B";
        }
    }
}
