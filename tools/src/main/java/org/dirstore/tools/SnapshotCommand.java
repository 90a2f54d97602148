package org.dirstore.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.dirstore.backup.StoreBackupSet;
import org.dirstore.format.Tids;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dirstore snapshot HOME -- CMD ARGS...}: runs a command while a snapshot holds A still, so
 * that external tools (tar, rsync, an LVM snapshot, a backup agent) may copy it.
 */
@Command(name = "snapshot", description = {
        "Run CMD while a snapshot holds HOME/A still at one transaction boundary; the snapshot ends when CMD does.",
        "CMD gets DIRSTORE_HOME and DIRSTORE_SNAPSHOT_TID in its environment; its exit status is returned."})
final class SnapshotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOME", description = "Store directory (opened by this command).")
    Path home;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "Command and arguments (put -- before them).")
    List<String> command;

    @Option(names = "--lease", defaultValue = "1h", converter = DurationConverter.class,
            description = "Snapshot lease, renewed while CMD runs (default ${DEFAULT-VALUE}).")
    Duration lease;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        try (Store store = Store.open(home, StoreOptions.defaults());
             StoreBackupSet snapshot = StoreBackupSet.enter(store, "dirstore snapshot", lease)) {
            spec.commandLine().getErr().printf("dirstore snapshot: %s/A holds every transaction up to tid %s (%s); running %s%n",
                    store.home(), Tids.hex(snapshot.tid()), Tids.toInstant(snapshot.tid()), String.join(" ", command));
            spec.commandLine().getErr().flush();
            ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
            pb.environment().put("DIRSTORE_HOME", store.home().toString());
            pb.environment().put("DIRSTORE_SNAPSHOT_TID", Tids.hex(snapshot.tid()));
            Process process = pb.start();
            int status = process.waitFor();
            if (status != 0) {
                spec.commandLine().getErr().printf("dirstore snapshot: %s exited with status %d%n", command.get(0), status);
            }
            return status;
        }
    }
}
