package org.dirstore.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.dirstore.backup.BackupArchive;
import org.dirstore.backup.BackupCatalog;
import org.dirstore.backup.BackupChain;
import org.dirstore.backup.BackupException;
import org.dirstore.backup.BackupRestorer;
import org.dirstore.backup.RestoreResult;
import org.dirstore.format.Tids;
import org.dirstore.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dirstore restore DIR TARGET [--tid T | --at TIME]}: restores a chain into a new store
 * directory, to its end or to a point in time.
 */
@Command(name = "restore", description = {
        "Restore a backup chain from DIR into TARGET (absent or empty), to the chain's end or to a tid or time in it.",
        "The whole chain is verified first; nothing is written if any check fails."})
final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Backup directory.")
    Path dir;

    @Parameters(index = "1", paramLabel = "TARGET", description = "New store directory (must not exist, or be empty).")
    Path target;

    @Option(names = "--backup", paramLabel = "ID", description = "Restore the chain ending with this backup.")
    String backupId;

    @Option(names = "--store", paramLabel = "UUID", description = "Which store, when DIR holds backups of several.")
    UUID store;

    @ArgGroup(exclusive = true)
    PointInTime pointInTime;

    /** Where to stop: a tid or a wall-clock time. */
    static final class PointInTime {
        @Option(names = "--tid", paramLabel = "TID", description = "Stop at this tid (16 hex digits, 0x-hex or decimal).")
        String tid;

        @Option(names = "--at", paramLabel = "TIME", description = "Stop at the last transaction at or before this time (ISO-8601, e.g. 2026-11-23T12:00:00Z).")
        String at;

        long toTid() {
            if (tid != null) {
                try {
                    return Tids.parse(tid);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad --tid '" + tid + "' (16 hex digits, 0x-hex or decimal)", e);
                }
            }
            return Tids.lastTidAt(parseTime(at));
        }

        private static Instant parseTime(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e2) {
                    throw new IllegalArgumentException("bad --at '" + text + "' (ISO-8601 with zone, e.g. 2026-11-23T12:00:00Z)", e2);
                }
            }
        }
    }

    @ParentCommand
    DirStoreCommand parent;

    @Spec
    CommandSpec spec;

    /** Restores with the engine's offline truncation, so any tid inside the chain can be reached. */
    private final BackupRestorer restorer = new BackupRestorer((home, tid) -> Store.truncateAfter(home, tid));

    @Override
    public Integer call() throws IOException {
        BackupCatalog catalog = BackupCatalog.scan(dir);
        OptionalLong tid = pointInTime == null ? OptionalLong.empty() : OptionalLong.of(pointInTime.toTid());
        BackupChain chain = chooseChain(catalog, tid);
        RestoreResult result;
        try (ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(), "restore", parent.noProgress)) {
            result = restorer.restore(chain, target, tid, bar);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("restored store %s at tid %s (%s) into %s%n", chain.storeId(), Tids.hex(result.tid()),
                Tids.toInstant(result.tid()), result.home());
        out.printf("from %d backups (%s .. %s): %d files, %s%s%n", result.backupIds().size(), result.backupIds().get(0),
                result.backupIds().get(result.backupIds().size() - 1), result.files(), ProgressBar.size(result.bytes()),
                result.truncated() ? ", truncated to the tid" : "");
        return 0;
    }

    private BackupChain chooseChain(BackupCatalog catalog, OptionalLong tid) throws BackupException {
        if (backupId != null) {
            return catalog.chainTo(backupId);
        }
        UUID storeId = store;
        if (storeId == null) {
            Set<UUID> stores = catalog.stores();
            if (stores.isEmpty()) {
                throw new BackupException("no backups in " + dir);
            }
            if (stores.size() > 1) {
                throw new BackupException(dir + " holds backups of " + stores.size() + " stores " + stores + "; choose one with --store");
            }
            storeId = stores.iterator().next();
        }
        UUID wanted = storeId;
        if (tid.isEmpty()) {
            BackupArchive latest = catalog.latest(wanted)
                    .orElseThrow(() -> new BackupException("no complete backup chain of store " + wanted + " in " + dir));
            return catalog.chainTo(latest.id());
        }
        long t = tid.getAsLong();
        List<BackupChain> chains = catalog.chains().stream().filter(c -> c.storeId().equals(wanted)).toList();
        return chains.stream()
                .filter(c -> c.firstTid() <= t && t <= c.upToTid())
                .max(Comparator.comparingLong(BackupChain::firstTid))
                .orElseThrow(() -> new BackupException("no backup chain of store " + wanted + " in " + dir
                        + " covers tid " + Tids.hex(t) + " (" + Tids.toInstant(t) + "); chains cover "
                        + chains.stream().map(c -> "[" + Tids.hex(c.firstTid()) + ", " + Tids.hex(c.upToTid()) + "]").toList()));
    }
}
