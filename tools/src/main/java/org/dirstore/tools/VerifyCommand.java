package org.dirstore.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dirstore.backup.ArchiveNames;
import org.dirstore.backup.BackupCatalog;
import org.dirstore.backup.BackupChain;
import org.dirstore.backup.BackupException;
import org.dirstore.backup.BackupVerifier;
import org.dirstore.backup.VerifyResult;
import org.dirstore.format.Tids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dirstore verify DIR|ARCHIVE}: checks backup chains without restoring them.
 */
@Command(name = "verify", description = {
        "Check backup chains without restoring: one store, full first, contiguous tid ranges, parent ids,",
        "and every entry's size and SHA-256. Given DIR, checks every chain in it; given an archive,",
        "checks the chain that ends with it."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR|ARCHIVE", description = "Backup directory, or one archive in it.")
    Path path;

    @Option(names = "--backup", paramLabel = "ID", description = "Verify only the chain ending with this backup.")
    String backupId;

    @ParentCommand
    DirStoreCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = path;
        String id = backupId;
        if (Files.isRegularFile(path)) {
            dir = path.toAbsolutePath().getParent();
            id = ArchiveNames.parseArchiveName(path.getFileName().toString())
                    .orElseThrow(() -> new BackupException(path + " is not named like a backup archive (<id>.tar or <id>.tar.gz)"))
                    .backupId();
        }
        BackupCatalog catalog = BackupCatalog.scan(dir);
        List<String> failures = new ArrayList<>(catalog.problems());
        List<BackupChain> chains = new ArrayList<>();
        if (id != null) {
            chains.add(catalog.chainTo(id));
        } else {
            if (catalog.backups().isEmpty() && catalog.problems().isEmpty()) {
                throw new BackupException("no backups in " + dir);
            }
            chains.addAll(catalog.chains());
            for (Map.Entry<String, String> e : catalog.chainProblems().entrySet()) {
                failures.add(e.getValue());
            }
        }
        for (BackupChain chain : chains) {
            VerifyResult r;
            try (ProgressBar bar = ProgressBar.forTerminal(spec.commandLine().getErr(), "verify", parent.noProgress)) {
                r = BackupVerifier.verify(chain, bar);
            } catch (BackupException e) {
                failures.add(e.getMessage());
                continue;
            }
            out.printf("ok  chain %s .. %s: %d backups, %d files, %s, tids up to %s (%s)%n",
                    chain.full().id(), chain.last().id(), r.backupIds().size(), r.files(), ProgressBar.size(r.bytes()),
                    Tids.hex(chain.upToTid()), Tids.toInstant(chain.upToTid()));
        }
        for (String failure : failures) {
            spec.commandLine().getErr().println("dirstore verify: " + failure);
        }
        return failures.isEmpty() ? 0 : DirStoreCommand.FAILED;
    }
}
