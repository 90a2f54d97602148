package org.dirstore.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dirstore.format.Tids;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dirstore init HOME}: creates an empty store. */
@Command(name = "init", description = "Create a new, empty store in HOME (absent or empty).")
final class InitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOME", description = "Store directory to create.")
    Path home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Store store = Store.create(home, StoreOptions.defaults())) {
            spec.commandLine().getOut().printf("created store %s (format %d) at %s, last tid %s%n",
                    store.identity(), store.formatVersion(), store.home(), Tids.hex(store.lastTid()));
        }
        return 0;
    }
}
