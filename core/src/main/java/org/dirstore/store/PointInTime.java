package org.dirstore.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dirstore.format.Layout;
import org.dirstore.format.Tids;
import org.dirstore.format.TransactionFile;
import org.dirstore.format.TransactionFiles;
import org.dirstore.format.TransactionRecord;
import org.dirstore.io.FileIO;

/**
 * Cuts a closed store's history after a tid: the point-in-time step of a restore. Transactions
 * are removed newest first, each revision file before its transaction file, so an interruption
 * leaves at worst revision files no transaction names (ignored, and reported by check).
 */
final class PointInTime {
    private PointInTime() {
    }

    static int truncateAfter(Path home, long tid) {
        Layout layout = new Layout(home);
        StoreConfig.read(layout);
        try (StoreLock lock = StoreLock.acquire(layout.lockFile())) {
            if (Files.isDirectory(layout.journal())) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.journal(), "*.jnl")) {
                    if (ds.iterator().hasNext()) {
                        throw new StoreException("cannot cut history of " + home + " at " + Tids.hex(tid)
                                + ": its journal is not empty (open and close the store first)");
                    }
                }
            }
            BMerge.merge(layout.b(), layout.a());
            List<Path> doomed = TransactionFiles.between(layout.a(), tid, Long.MAX_VALUE);
            Set<Path> dirs = new LinkedHashSet<>();
            for (int i = doomed.size() - 1; i >= 0; i--) {
                Path txFile = doomed.get(i);
                TransactionRecord t = TransactionFile.decode(Files.readAllBytes(txFile), txFile);
                for (long oid : t.oids()) {
                    Path rev = Layout.revision(layout.a(), oid, t.tid());
                    Files.deleteIfExists(rev);
                    dirs.add(rev.getParent());
                }
                Files.delete(txFile);
                dirs.add(txFile.getParent());
            }
            if (Files.isDirectory(layout.index())) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.index())) {
                    for (Path p : ds) {
                        Files.delete(p);
                    }
                }
                dirs.add(layout.index());
            }
            for (Path d : dirs) {
                FileIO.forceDirectory(d);
            }
            return doomed.size();
        } catch (IOException e) {
            throw new StoreException("cannot cut history of " + home + " at " + Tids.hex(tid) + ": " + e.getMessage(), e);
        }
    }
}
