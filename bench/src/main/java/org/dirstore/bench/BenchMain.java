package org.dirstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dirstore.bench.peer.Peers;
import org.dirstore.bench.report.Machine;
import org.dirstore.bench.report.ReportWriter;
import org.dirstore.bench.report.Results;
import org.dirstore.bench.report.Section;
import org.dirstore.bench.scenario.BackupScenario;
import org.dirstore.bench.scenario.CommitScenario;
import org.dirstore.bench.scenario.OpenScenario;
import org.dirstore.bench.scenario.Scenario;
import org.dirstore.bench.scenario.SustainedScenario;
import org.dirstore.bench.util.Dirs;
import org.dirstore.bench.util.Log;

/**
 * Runs the benchmarks of issue 5 and writes docs/benchmarks.md, its plots and a CSV of every number:
 * {@code java -jar bench/target/dirstore-bench.jar --quick|--full [--out DIR] [--work DIR] [--only a,b]}.
 */
public final class BenchMain {
    static final String COMMAND = "mvn -B -q -pl bench -am package -DskipTests && java -jar bench/target/dirstore-bench.jar --quick";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Options o = Options.parse(args);
        run(o);
    }

    /** Runs the selected scenarios and writes the report; returns the report file. */
    public static Path run(Options o) throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(o.out());
        Path work = Dirs.fresh(o.work());
        Results results = new Results();
        BenchContext ctx = new BenchContext(o.mode(), work, o.out(),
                Peers.all(), results);
        List<Section> sections = new ArrayList<>();
        String machine = Machine.describe(work);
        for (Scenario s : scenarios()) {
            if (o.only().isEmpty() || o.only().contains(s.id())) {
                Log.info("scenario " + s.id() + " (" + o.mode().name() + ")");
                sections.addAll(s.run(ctx));
            }
        }
        Dirs.delete(work);
        machine = machine + "\nLoad average at the end: `" + Machine.loadAverage() + "`. Other work on this machine "
                + "(builds and tests of other branches) shares the cores and the disk, which is why every figure is "
                + "read as a ratio between peers measured in turn within the same run.\n";
        Path report = o.out().resolve("benchmarks.md");
        results.writeCsv(o.out().resolve("bench-results.csv"));
        String command = COMMAND.replace("--quick", "--" + o.mode().name())
                + (o.only().isEmpty() ? "" : " --only " + String.join(",", o.only()))
                + (o.out().equals(Path.of("docs")) ? "" : " --out " + o.out());
        ReportWriter.write(report, o.mode(), command, machine, sections, (System.nanoTime() - t0) / 6e10);
        Log.info("wrote " + report);
        return report;
    }

    static List<Scenario> scenarios() {
        return List.of(new CommitScenario(), new SustainedScenario(), new BackupScenario(), new OpenScenario());
    }

    /**
     * Command-line options.
     *
     * @param mode  quick, full or smoke sizes
     * @param out   where benchmarks.md, the plots and the CSV go
     * @param work  scratch directory for the stores (deleted and recreated)
     * @param only  scenario ids to run; empty means all
     */
    public record Options(Mode mode, Path out, Path work, List<String> only) {
        static Options parse(String[] args) {
            Mode mode = Mode.quick();
            Path out = Path.of("docs");
            Path work = Path.of("target", "bench-work");
            List<String> only = List.of();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> mode = Mode.quick();
                    case "--full" -> mode = Mode.full();
                    case "--smoke" -> mode = Mode.smoke();
                    case "--out" -> out = Path.of(args[++i]);
                    case "--work" -> work = Path.of(args[++i]);
                    case "--only" -> only = Arrays.asList(args[++i].split(","));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --quick | --full | --smoke, --out DIR, --work DIR, --only commit,sustained,backup,open");
                }
            }
            return new Options(mode, out, work, only);
        }
    }
}
