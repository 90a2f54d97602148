package org.dirstore.check;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dirstore.format.Layout;
import org.dirstore.format.Revision;
import org.dirstore.format.RevisionFile;
import org.dirstore.format.Tids;
import org.dirstore.format.TransactionFile;
import org.dirstore.format.TransactionFiles;
import org.dirstore.format.TransactionRecord;
import org.dirstore.snapshot.Snapshot;
import org.dirstore.store.Store;
import org.dirstore.store.StoreException;

/**
 * Verifies a store at one transaction boundary, inside a snapshot so it runs on a live store:
 * every transaction and revision file's header and CRC, the transaction chain, each object's
 * history chain, the index against the files, and that no live object references a missing one.
 */
public final class StoreCheck {
    private static final int MAX_FINDINGS = 1000;

    private StoreCheck() {
    }

    /** Checks {@code store} as of a snapshot it takes for the duration. */
    public static CheckReport run(Store store) {
        Snapshot.Holder holder = store.snapshots().enter("check", Duration.ofHours(12));
        try {
            long tid = store.snapshots().current().orElseThrow().tid();
            return check(store, tid);
        } finally {
            store.snapshots().exit(holder.token());
        }
    }

    private static CheckReport check(Store store, long upTo) {
        Path a = store.layout().a();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        LongLongHashMap current = new LongLongHashMap();
        LongObjectHashMap<long[]> refsOfCurrent = new LongObjectHashMap<>();
        long transactions = 0;
        long revisions = 0;
        long previousTid = -1;
        List<Path> txFiles;
        try {
            txFiles = TransactionFiles.between(a, 0, upTo);
        } catch (IOException e) {
            throw new StoreException("cannot list transactions of " + a + ": " + e.getMessage(), e);
        }
        for (Path txFile : txFiles) {
            TransactionRecord t;
            try {
                t = TransactionFile.decode(Files.readAllBytes(txFile), txFile);
            } catch (IOException | StoreException e) {
                add(problems, e.getMessage());
                continue;
            }
            transactions++;
            if (t.tid() != TransactionFiles.tidOf(txFile)) {
                add(problems, txFile + " holds tid " + Tids.hex(t.tid()) + ", not the tid of its name");
            }
            if (previousTid >= 0 && t.prevTid() != previousTid) {
                add(problems, "transaction chain broken at " + Tids.hex(t.tid()) + ": it names "
                        + Tids.hex(t.prevTid()) + " as previous, but the previous transaction is " + Tids.hex(previousTid));
            }
            previousTid = t.tid();
            for (int i = 0; i < t.oids().length; i++) {
                long oid = t.oids()[i];
                Path revFile = Layout.revision(a, oid, t.tid());
                Revision r;
                try {
                    r = RevisionFile.decode(Files.readAllBytes(revFile), revFile);
                } catch (NoSuchFileException e) {
                    add(problems, "transaction " + Tids.hex(t.tid()) + " names object " + oid + " but " + revFile + " is missing");
                    continue;
                } catch (IOException | StoreException e) {
                    add(problems, e.getMessage());
                    continue;
                }
                revisions++;
                if (r.oid() != oid || r.tid() != t.tid() || r.deleted() != t.deletions()[i]) {
                    add(problems, revFile + " does not match its transaction file (oid, tid or deletion flag)");
                }
                long before = current.getOrDefault(oid, 0L);
                if (r.prevTid() != before) {
                    add(problems, "history of object " + oid + " broken at " + Tids.hex(r.tid()) + ": previous revision "
                            + Tids.hex(r.prevTid()) + " but the transactions say " + Tids.hex(before));
                }
                current.put(oid, t.tid());
                if (r.deleted()) {
                    refsOfCurrent.remove(oid);
                } else {
                    refsOfCurrent.put(oid, r.refs());
                }
            }
        }
        long live = 0;
        for (LongLongCursor c : current) {
            Optional<Revision> indexed;
            try {
                indexed = store.revisionAt(c.key, upTo);
            } catch (StoreException e) {
                add(problems, "index lookup of object " + c.key + " failed: " + e.getMessage());
                continue;
            }
            if (indexed.isEmpty() || indexed.get().tid() != c.value) {
                add(problems, "index disagrees with the files on object " + c.key + ": files say "
                        + Tids.hex(c.value) + ", index says " + indexed.map(r -> Tids.hex(r.tid())).orElse("nothing"));
            }
            long[] refs = refsOfCurrent.get(c.key);
            if (refs != null) {
                live++;
                for (long ref : refs) {
                    if (!refsOfCurrent.containsKey(ref)) {
                        add(problems, "object " + c.key + " references object " + ref + ", which does not exist at "
                                + Tids.hex(upTo) + " (dangling reference)");
                    }
                }
            }
        }
        long revFiles = countRevisionFiles(a);
        if (revFiles > revisions) {
            warnings.add((revFiles - revisions) + " revision file(s) in " + a + " are named by no transaction (left by an interrupted flush or restore)");
        }
        if (problems.size() >= MAX_FINDINGS) {
            warnings.add("stopped listing problems after " + MAX_FINDINGS);
        }
        return new CheckReport(upTo, transactions, revisions, live, problems, warnings);
    }

    private static long countRevisionFiles(Path a) {
        Path o = a.resolve("o");
        if (!Files.isDirectory(o)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(o)) {
            return all.filter(p -> p.getFileName().toString().endsWith(Layout.REVISION_SUFFIX)).count();
        } catch (IOException e) {
            throw new StoreException("cannot list " + o + ": " + e.getMessage(), e);
        }
    }

    private static void add(List<String> findings, String finding) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(finding);
        }
    }
}
