package org.dirstore.bench.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dirstore.bench.BenchContext;
import org.dirstore.bench.Mode;
import org.dirstore.bench.backup.JeBackupCopy;
import org.dirstore.bench.backup.SnapshotTarBackup;
import org.dirstore.bench.report.Section;
import org.dirstore.bench.util.ChildJvm;
import org.dirstore.bench.util.Dirs;
import org.dirstore.bench.util.Log;

/**
 * Measurements 3 and 4 on one pair of equal data sets, run in a child JVM ({@link BackupChild}):
 * full backups (DirStore against tar -cf of the same files and a JE DbBackup copy), the incremental
 * backup after 1% of the objects changed, and commit latency while backups run.
 */
public final class BackupScenario implements Scenario {
    /** Every {@code CHANGE_STEP}-th object changes before the incremental backup: 1%. */
    static final int CHANGE_STEP = 100;
    static final List<String> JVM = List.of("-Xmx4g", "-Xms4g");

    @Override
    public String id() {
        return "backup";
    }

    @Override
    public List<Section> run(BenchContext ctx) throws Exception {
        Mode m = ctx.mode();
        Path dir = ctx.scratch("backup");
        List<String> lines;
        try (ChildJvm child = ChildJvm.start(JVM, ctx.work().resolve("backup.err"), BackupChild.class, dir.toString(),
                Long.toString(m.backupDataBytes()), Integer.toString(m.backupObjectBytes()), Integer.toString(m.backupRuns()),
                Long.toString(m.warmupMillis()), Long.toString(m.loadWindowMillis()), Integer.toString(m.loadRuns()),
                Boolean.toString(m.dropCaches()), Integer.toString(m.loadThreads()))) {
            lines = child.readAll(60);
        } finally {
            Dirs.delete(dir);
        }
        Parsed p = parse(lines);
        Log.info("backup: " + p.fulls().size() + " full, " + p.incs().size() + " incremental runs");
        Section backup = new BackupRuns(ctx, p.data(), p.fulls(), p.incs(), p.changed()).section();
        Section underLoad = BackupUnderLoad.render(ctx, p.load().get("DirStore"), p.load().get("BerkeleyDB-JE"));
        return List.of(backup, underLoad);
    }

    private static Parsed parse(List<String> lines) {
        BackupRuns.DataSet data = null;
        List<BackupRuns.Full> fulls = new ArrayList<>();
        List<SnapshotTarBackup.Outcome> incs = new ArrayList<>();
        int changed = 0;
        Map<String, List<LoadRunner.Window>> base = new LinkedHashMap<>();
        Map<String, List<LoadRunner.Window>> during = new LinkedHashMap<>();
        Map<String, BackupUnderLoad.Outcome> load = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "FIXTURE" -> data = new BackupRuns.DataSet(Integer.parseInt(f[1]), Integer.parseInt(f[2]));
                case "FULL" -> fulls.add(new BackupRuns.Full(Boolean.parseBoolean(f[1]), d(f[2]), Long.parseLong(f[3]),
                        new SnapshotTarBackup.Outcome(Long.parseLong(f[4]), Integer.parseInt(f[5]), Long.parseLong(f[6]),
                                Long.parseLong(f[7]), d(f[8]), d(f[12])),
                        new JeBackupCopy.Copied(Integer.parseInt(f[9]), Long.parseLong(f[10]), d(f[11]))));
                case "CHANGED" -> changed = Integer.parseInt(f[1]);
                case "INC" -> incs.add(new SnapshotTarBackup.Outcome(Long.parseLong(f[1]), Integer.parseInt(f[2]),
                        Long.parseLong(f[3]), Long.parseLong(f[4]), d(f[5]), d(f[6])));
                case "LOAD" -> (f[2].equals("base") ? base : during).computeIfAbsent(f[1], k -> new ArrayList<>())
                        .add(new LoadRunner.Window(Long.parseLong(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8])));
                case "BACKUPS" -> load.put(f[1], new BackupUnderLoad.Outcome(f[1], base.get(f[1]), during.get(f[1]),
                        Integer.parseInt(f[2]), d(f[3]), d(f[4])));
                default -> throw new IllegalStateException("unexpected line from the backup child: " + line);
            }
        }
        if (data == null || fulls.isEmpty() || incs.isEmpty() || load.size() != 2) {
            throw new IllegalStateException("the backup child did not report every measurement: " + lines);
        }
        return new Parsed(data, fulls, incs, changed, load);
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    private record Parsed(BackupRuns.DataSet data, List<BackupRuns.Full> fulls, List<SnapshotTarBackup.Outcome> incs,
                          int changed, Map<String, BackupUnderLoad.Outcome> load) {
    }
}
