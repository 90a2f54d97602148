package org.dirstore.bench.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dirstore.bench.BenchContext;
import org.dirstore.bench.report.Markdown;
import org.dirstore.bench.report.Section;
import org.dirstore.bench.report.TargetCheck;
import org.dirstore.bench.util.ChildJvm;
import org.dirstore.bench.util.Dirs;
import org.dirstore.bench.util.Log;
import org.dirstore.bench.util.Medians;
import org.dirstore.bench.util.PageCache;

/**
 * Measurement 5: opening a store of N objects after a clean shutdown and after kill -9 of the JVM
 * that committed them; open time and heap per object, each open in a fresh child JVM.
 */
public final class OpenScenario implements Scenario {
    static final int SIZE = 100;
    static final String HEAP = "4g";
    static final List<String> JVM = List.of("-Xmx" + HEAP, "-XX:+UseSerialGC");

    @Override
    public String id() {
        return "open";
    }

    @Override
    public List<Section> run(BenchContext ctx) throws Exception {
        int n = ctx.mode().openObjects();
        Path clean = ctx.scratch("open-clean");
        Path crash = ctx.scratch("open-crash");
        Path logs = ctx.scratch("open-logs");
        try {
            long t0 = System.nanoTime();
            try (ChildJvm c = ChildJvm.start(JVM, logs.resolve("populate-clean.err"), OpenChild.class,
                    "populate", clean.resolve("store").toString(), Integer.toString(n), Integer.toString(SIZE), "clean")) {
                c.awaitLine("CLOSED");
                c.awaitExit(60);
            }
            double populateSeconds = (System.nanoTime() - t0) / 1e9;
            Log.info("open: populated " + n + " objects in " + Markdown.num(populateSeconds, 1) + " s");
            List<Opened> cleanOpens = new ArrayList<>();
            for (int r = 0; r < ctx.mode().openRuns(); r++) {
                cleanOpens.add(open(clean.resolve("store"), logs.resolve("open-clean-" + r + ".err"), ctx.mode().dropCaches()));
            }
            String atCrash;
            try (ChildJvm c = ChildJvm.start(JVM, logs.resolve("populate-crash.err"), OpenChild.class,
                    "populate", crash.resolve("store").toString(), Integer.toString(n), Integer.toString(SIZE), "crash")) {
                atCrash = c.awaitLine("COMMITTED");
                c.kill();
            }
            Opened crashed = open(crash.resolve("store"), logs.resolve("open-crash.err"), ctx.mode().dropCaches());
            Log.info("open: clean " + cleanOpens + ", crash " + crashed);
            return List.of(render(ctx, n, populateSeconds, cleanOpens, crashed, atCrash));
        } finally {
            Dirs.delete(clean);
            Dirs.delete(crash);
            Dirs.delete(logs);
        }
    }

    private static Opened open(Path home, Path err, boolean dropCaches) throws Exception {
        boolean cold = PageCache.drop(dropCaches);
        try (ChildJvm c = ChildJvm.start(JVM, err, OpenChild.class, "open", home.toString())) {
            String[] f = c.awaitLine("RESULT").split(" ");
            c.awaitExit(30);
            return new Opened(cold, Double.parseDouble(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Double.parseDouble(f[4]));
        }
    }

    private static Section render(BenchContext ctx, int n, double populateSeconds, List<Opened> clean, Opened crashed,
                                  String atCrash) {
        double openMs = Medians.of(clean, Opened::millis);
        double heapPer = Medians.of(clean, o -> (double) o.heapBytes() / n);
        double crashHeapPer = (double) crashed.heapBytes() / n;
        String cfg = n + "x" + SIZE + "B";
        ctx.results().add("open", "DirStore-clean", cfg, "open_ms", openMs);
        ctx.results().add("open", "DirStore-clean", cfg, "heap_bytes_per_object", Math.max(heapPer, 1e-9));
        ctx.results().add("open", "DirStore-crash", cfg, "open_ms", crashed.millis());
        ctx.results().add("open", "DirStore-crash", cfg, "heap_bytes_per_object", Math.max(crashHeapPer, 1e-9));
        String[] c = atCrash.split(" ");
        StringBuilder b = new StringBuilder();
        b.append("A child JVM commits ").append(Markdown.count(n)).append(" objects of ").append(SIZE)
                .append(" bytes in transactions of ").append(OpenChild.PER_TXN).append(" (").append(Markdown.num(populateSeconds, 1))
                .append(" s including its flush into A) and closes the store cleanly; a second child commits the same into "
                        + "another store, prints that its last commit returned and is killed with SIGKILL at once (at that moment ")
                .append(Markdown.count(Long.parseLong(c[2]))).append(" transactions, ").append(Markdown.mib(Long.parseLong(c[3])))
                .append(", were committed but not yet flushed into A). Each open runs in a new JVM (`-Xmx").append(HEAP)
                .append(" -XX:+UseSerialGC`) after the page cache was ").append(clean.get(0).cold() ? "dropped" : "left warm (could not drop it)")
                .append("; heap is used heap after three `System.gc()` calls after opening minus the same before, "
                        + "divided by the objects (it includes every fixed structure the store allocates). Clean opens: median of ")
                .append(clean.size()).append(".\n\n");
        Markdown t = new Markdown("open", "objects found", "open time (ms)", "heap per object (bytes)", "until flushed (ms)");
        t.row("after clean shutdown", Markdown.count(clean.get(0).objects()), Markdown.num(openMs, 0), Markdown.num(heapPer, 1),
                Markdown.num(Medians.of(clean, Opened::flushMillis), 0));
        t.row("after kill -9", Markdown.count(crashed.objects()), Markdown.num(crashed.millis(), 0),
                Markdown.num(crashHeapPer, 1), Markdown.num(crashed.flushMillis(), 0));
        b.append(t.render()).append('\n');
        b.append("**Reading.** After a clean shutdown, opening reads the index checkpoint written at close (16 bytes per "
                + "object on disk) into a primitive hash map; nothing in A is scanned. After a crash the journal is replayed: "
                + "every committed but unflushed transaction is decoded, published again to memory and queued for the flusher, "
                + "so the open time and the heap grow with the journal backlog (bounded by `maxBacklogBytes`), not with A. ")
                .append(crashed.objects() == n && clean.get(0).objects() == n
                        ? "Every acknowledged object was found after the crash."
                        : "**Objects found differ from objects committed** (expected " + n + ").")
                .append("\n\n");
        boolean timeOk = openMs < 2000;
        boolean heapOk = heapPer <= 48;
        TargetCheck target = new TargetCheck("Open after clean shutdown, 1M objects: < 2 s; heap <= 48 bytes per object",
                Markdown.count(n) + " objects: " + Markdown.num(openMs, 0) + " ms, " + Markdown.num(heapPer, 1) + " bytes/object"
                        + (n < 1_000_000 ? " (this mode opens " + Markdown.count(n) + " objects, not 1M)" : ""),
                timeOk && heapOk && n >= 1_000_000,
                (timeOk ? "Open time is reading the checkpoint and filling the map. " : "Open time is above 2 s. ")
                        + (heapOk ? "The oid -> tid map is an open-addressing primitive map (two longs per slot at a load "
                        + "factor of 0.75, about 21-43 bytes per object depending on where the table last doubled)."
                        : "The heap per object is above 48 bytes: the primitive map holds 16 bytes per slot at a load factor "
                        + "below 1, and what the store allocates besides (journal buffers, flusher state) is counted too; with few "
                        + "objects that fixed part dominates. Moving it: size the map from the checkpoint's entry count so it "
                        + "does not double past it, and allocate journal buffers lazily."));
        return new Section("5. Opening a store", b.toString(), List.of(target));
    }

    /** One open in a child JVM. */
    record Opened(boolean cold, double millis, long heapBytes, long objects, double flushMillis) {
    }
}
