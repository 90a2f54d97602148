package org.dirstore.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dirstore.backup.BackupArchive;
import org.dirstore.backup.BackupKind;
import org.dirstore.backup.Compression;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dirstore backup full|incremental HOME DIR}: transactional backups taken inside a snapshot. */
@Command(name = "backup", description = "Take a full or incremental backup of a store into a backup directory.",
        subcommands = {BackupCommand.Full.class, BackupCommand.Incremental.class})
final class BackupCommand {
    @ParentCommand
    DirStoreCommand parent;

    /** Options both kinds share. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "HOME", description = "Store directory (opened by this command).")
        Path home;

        @Parameters(index = "1", paramLabel = "DIR", description = "Backup directory (created if missing).")
        Path dir;

        @Option(names = "--compression", defaultValue = "gzip", description = "gzip or none (default ${DEFAULT-VALUE}).")
        String compression;

        @Option(names = "--lease", defaultValue = "10m", converter = DurationConverter.class,
                description = "Snapshot lease, renewed while the backup runs (default ${DEFAULT-VALUE}).")
        Duration lease;
    }

    static int run(BackupCommand parent, Target t, BackupKind kind, CommandSpec spec) throws Exception {
        Compression compression = Compression.fromToken(t.compression);
        long start = System.nanoTime();
        BackupArchive backup;
        try (Store store = Store.open(t.home, StoreOptions.defaults());
             ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(), kind.token(), parent.parent.noProgress)) {
            backup = BackupRun.take(store, t.dir, kind, compression, t.lease, bar);
        }
        spec.commandLine().getOut().println(BackupRun.describe(backup, (System.nanoTime() - start) / 1e9));
        return 0;
    }

    /** {@code dirstore backup full}. */
    @Command(name = "full", description = "Back up every file of the store at a snapshot tid.")
    static final class Full implements Callable<Integer> {
        @Mixin
        Target target;

        @ParentCommand
        BackupCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return run(parent, target, BackupKind.FULL, spec);
        }
    }

    /** {@code dirstore backup incremental}. */
    @Command(name = "incremental", description = {
            "Back up the transactions since the newest backup of this store in DIR (its chain must be complete)."})
    static final class Incremental implements Callable<Integer> {
        @Mixin
        Target target;

        @ParentCommand
        BackupCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return run(parent, target, BackupKind.INCREMENTAL, spec);
        }
    }
}
