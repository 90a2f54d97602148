package org.dirstore.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dirstore.check.CheckReport;
import org.dirstore.check.StoreCheck;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dirstore check HOME}: verifies a store inside a snapshot and prints the report. */
@Command(name = "check", description = {
        "Verify every file's header and CRC, the transaction chain, the index against the files and",
        "that no reference dangles, at one snapshot tid. Exit status 1 if any problem is found."})
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOME", description = "Store directory (opened by this command).")
    Path home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Store store = Store.open(home, StoreOptions.defaults())) {
            CheckReport report = StoreCheck.run(store);
            spec.commandLine().getOut().print(report.format());
            if (!report.ok()) {
                spec.commandLine().getErr().printf("dirstore check: %d problem(s) in %s%n", report.problems().size(), store.home());
                return DirStoreCommand.FAILED;
            }
        }
        return 0;
    }
}
