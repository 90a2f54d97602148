package org.dirstore.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.dirstore.backup.BackupArchive;
import org.dirstore.backup.BackupCatalog;
import org.dirstore.backup.BackupManifest;
import org.dirstore.backup.ExpiryPlan;
import org.dirstore.backup.RetentionPolicy;
import org.dirstore.format.Tids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dirstore backups DIR}: the catalog of a backup directory, optionally expiring backups by
 * a retention policy and removing files left by interrupted backups.
 */
@Command(name = "backups", description = {
        "List the backups in DIR with their chains and tid ranges.",
        "With --keep-chains and/or --keep-days, delete the backups the policy does not keep (never one a kept backup needs)."})
final class BackupsCommand implements Callable<Integer> {
    /** Incomplete files younger than this may belong to a backup being written right now. */
    static final Duration CLEAN_MIN_AGE = Duration.ofHours(1);

    @Parameters(index = "0", paramLabel = "DIR", description = "Backup directory.")
    Path dir;

    @Option(names = "--keep-chains", paramLabel = "N", description = "Keep the newest N chains of each store.")
    Integer keepChains;

    @Option(names = "--keep-days", paramLabel = "D", description = "Keep every backup of the last D days, with what it needs.")
    Integer keepDays;

    @Option(names = "--dry-run", description = "With --keep-*: show what would be deleted, delete nothing.")
    boolean dryRun;

    @Option(names = "--clean", description = "Delete files left by interrupted backups (older than an hour).")
    boolean clean;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BackupCatalog catalog = BackupCatalog.scan(dir);
        print(catalog, out);
        for (String problem : catalog.problems()) {
            err.println("dirstore backups: unreadable: " + problem);
        }
        if (keepChains != null || keepDays != null) {
            RetentionPolicy policy = new RetentionPolicy(keepChains == null ? 0 : keepChains,
                    keepDays == null ? null : Duration.ofDays(keepDays));
            ExpiryPlan plan = catalog.planExpiry(policy, Instant.now());
            for (BackupArchive b : plan.delete()) {
                out.printf("%s %s%n", dryRun ? "would delete" : "deleting", b.id());
            }
            if (!dryRun) {
                int n = catalog.expire(plan);
                out.printf("expired %d backups, kept %d%n", n, plan.keep().size());
            }
        }
        if (clean) {
            int n = catalog.cleanIncomplete(CLEAN_MIN_AGE, Instant.now());
            out.printf("removed %d incomplete files%n", n);
        }
        return catalog.problems().isEmpty() ? 0 : DirStoreCommand.FAILED;
    }

    private static void print(BackupCatalog catalog, PrintWriter out) throws IOException {
        if (catalog.backups().isEmpty()) {
            out.printf("no backups in %s%n", catalog.directory());
        }
        Map<String, String> broken = catalog.chainProblems();
        UUID current = null;
        for (BackupArchive b : catalog.backups()) {
            BackupManifest m = b.manifest();
            if (!m.storeId().equals(current)) {
                current = m.storeId();
                out.printf("store %s%n", current);
                out.printf("  %-34s %-11s %-16s %-16s %-24s %7s %10s  %s%n",
                        "ID", "KIND", "AFTER TID", "UP TO TID", "CREATED", "FILES", "ARCHIVE", "CHAIN");
            }
            out.printf("  %-34s %-11s %-16s %-16s %-24s %7d %10s  %s%n", m.backupId(), m.kind().token(),
                    Tids.hex(m.afterTid()), Tids.hex(m.upToTid()), m.created(), m.entries().size(),
                    ProgressBar.size(Files.size(b.archive())), broken.containsKey(b.id()) ? "BROKEN" : "ok");
        }
        for (Map.Entry<String, String> e : broken.entrySet()) {
            out.printf("broken chain: %s%n", e.getValue());
        }
        for (Path p : catalog.incomplete()) {
            out.printf("incomplete: %s%n", p.getFileName());
        }
    }
}
