package org.dirstore.tools;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dirstore.format.Tids;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.dirstore.store.StoreStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dirstore info HOME}: identity, last tid and statistics of a store. */
@Command(name = "info", description = "Show a store's identity, format, last transaction and statistics.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOME", description = "Store directory.")
    Path home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = Store.open(home, StoreOptions.defaults())) {
            StoreStats stats = store.stats();
            out.printf("store       %s%n", store.identity());
            out.printf("home        %s%n", store.home());
            out.printf("format      %d%n", store.formatVersion());
            long tid = store.lastTid();
            out.printf("last tid    %s%s%n", Tids.hex(tid), tid == 0 ? " (no transactions)" : " (" + Tids.toInstant(tid) + ")");
            out.printf("objects     %d%n", stats.objects());
            out.printf("journal     %d segments, %d bytes not yet flushed%n", stats.journalSegments(), stats.backlogBytes());
            out.printf("in doubt    %d prepared XA branches%n", stats.inDoubt());
            for (String note : store.openNotes()) {
                out.printf("note        %s%n", note);
            }
        }
        return 0;
    }
}
