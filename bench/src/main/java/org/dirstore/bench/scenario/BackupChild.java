package org.dirstore.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dirstore.bench.backup.BackupFixture;
import org.dirstore.bench.backup.JeBackupCopy;
import org.dirstore.bench.backup.SnapshotTarBackup;
import org.dirstore.bench.backup.TarCommand;
import org.dirstore.bench.util.Dirs;
import org.dirstore.bench.util.PageCache;

/**
 * Child JVM of measurements 3 and 4: {@code DIR DATA_BYTES OBJECT_BYTES RUNS WARMUP_MS WINDOW_MS LOAD_RUNS DROP_CACHES LOAD_THREADS}.
 * Fills the equal data sets, times the full backups, changes 1% and times the incremental one, then
 * measures commits with and without backups; prints one line per result (parsed by
 * {@link BackupScenario}) and halts (see {@link CommitChild}).
 */
public final class BackupChild {
    private BackupChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int runs = Integer.parseInt(args[3]);
        boolean drop = Boolean.parseBoolean(args[7]);
        BackupFixture f = BackupFixture.create(dir.resolve("data"), Long.parseLong(args[1]), Integer.parseInt(args[2]));
        print("FIXTURE", f.objects(), f.objectSize());
        Path out = Dirs.fresh(dir.resolve("out"));
        long base = 0;
        for (int r = 0; r < runs; r++) {
            base = fullRun(f, out, drop);
        }
        print("CHANGED", f.change(BackupScenario.CHANGE_STEP, 1));
        for (int r = 0; r < runs; r++) {
            PageCache.drop(drop);
            Path archive = out.resolve("incremental.tar");
            SnapshotTarBackup.Outcome o = SnapshotTarBackup.write(f.store(), archive, base);
            Files.delete(archive);
            print("INC", o.upTo(), o.files(), o.payloadBytes(), o.archiveBytes(), o.seconds(), o.enterSeconds());
        }
        BackupUnderLoad load = new BackupUnderLoad(f, out, Integer.parseInt(args[8]), Long.parseLong(args[4]),
                Long.parseLong(args[5]), Integer.parseInt(args[6]));
        for (BackupUnderLoad.Outcome o : List.of(load.dirStore(), load.je())) {
            for (LoadRunner.Window w : o.base()) {
                window(o.peer(), "base", w);
            }
            for (LoadRunner.Window w : o.during()) {
                window(o.peer(), "during", w);
            }
            print("BACKUPS", o.peer(), o.backups(), o.medianSeconds(), o.medianEnterSeconds());
        }
        CommitChild.halt();
    }

    private static long fullRun(BackupFixture f, Path out, boolean drop) throws Exception {
        boolean cold = PageCache.drop(drop);
        Path tarFile = out.resolve("tar-cf.tar");
        double tarSeconds = TarCommand.archive(f.dirStoreHome(), List.of("config", "A"), tarFile);
        long tarBytes = Files.size(tarFile);
        Files.delete(tarFile);
        cold &= PageCache.drop(drop);
        Path archive = out.resolve("dirstore-full.tar");
        SnapshotTarBackup.Outcome ds = SnapshotTarBackup.write(f.store(), archive, -1);
        Files.delete(archive);
        cold &= PageCache.drop(drop);
        Path jeOut = Dirs.fresh(out.resolve("je-backup"));
        JeBackupCopy.Copied je = JeBackupCopy.copy(f.environment(), f.jeHome(), jeOut);
        Dirs.delete(jeOut);
        print("FULL", cold, tarSeconds, tarBytes, ds.upTo(), ds.files(), ds.payloadBytes(), ds.archiveBytes(), ds.seconds(),
                je.files(), je.bytes(), je.seconds(), ds.enterSeconds());
        return ds.upTo();
    }

    private static void window(String peer, String kind, LoadRunner.Window w) {
        print("LOAD", peer, kind, w.commits(), w.seconds(), w.commitsPerSecond(), w.p50Ms(), w.p99Ms(), w.maxMs());
    }

    private static void print(String tag, Object... values) {
        StringBuilder b = new StringBuilder(tag);
        for (Object v : values) {
            b.append(' ').append(v instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : String.valueOf(v));
        }
        System.out.println(b);
        System.out.flush();
    }
}
