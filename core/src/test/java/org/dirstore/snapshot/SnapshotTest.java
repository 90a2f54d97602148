package org.dirstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.dirstore.check.StoreCheck;
import org.dirstore.format.TransactionFiles;
import org.dirstore.store.Store;
import org.dirstore.store.StoreException;
import org.dirstore.store.StoreOptions;
import org.dirstore.txn.ConflictException;
import org.dirstore.txn.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
    @TempDir
    Path dir;

    private static byte[] v(long n) {
        return ByteBuffer.allocate(16).putLong(n).putLong(~n).array();
    }

    /** Writers that keep committing to a few objects until stopped. */
    private static Thread writer(Store s, long[] oids, AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            long n = 0;
            while (!stop.get()) {
                try (Transaction tx = s.begin()) {
                    tx.write(oids[(int) (n % oids.length)], v(n++));
                    tx.commit();
                    // a steady stream, not a flood: the test is about isolation, not throughput
                    Thread.sleep(1);
                } catch (ConflictException retry) {
                    n++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        t.start();
        return t;
    }

    private static long[] objects(Store s, int n) {
        long[] oids = new long[n];
        try (Transaction t = s.begin()) {
            for (int i = 0; i < n; i++) {
                oids[i] = t.newOid();
                t.write(oids[i], v(-1));
            }
            t.commit();
        }
        return oids;
    }

    private static Map<Long, byte[]> stateAt(Store s, long[] oids, long tid) {
        Map<Long, byte[]> m = new HashMap<>();
        for (long oid : oids) {
            s.readAsOf(oid, tid).ifPresent(b -> m.put(oid, b));
        }
        return m;
    }

    @Test
    void aSnapshotFreezesAAtOneTidWhileCommitsGoOnIntoB() throws Exception {
        try (Store s = Store.create(dir.resolve("s"), StoreOptions.defaults())) {
            long[] oids = objects(s, 5);
            AtomicBoolean stop = new AtomicBoolean();
            Thread w = writer(s, oids, stop);
            Thread.sleep(200);
            Snapshot.Holder h = s.snapshots().enter("test", Duration.ofMinutes(1));
            long tid = s.snapshots().current().orElseThrow().tid();
            assertTrue(Files.readString(s.home().resolve("SNAPSHOT")).contains(String.format("tid=%016x", tid)));
            assertEquals(List.of(), TransactionFiles.between(s.layout().a(), tid, Long.MAX_VALUE), "A holds nothing after the tid");
            long txInA = TransactionFiles.between(s.layout().a(), 0, tid).size();
            Thread.sleep(300);
            s.awaitFlushed();
            assertTrue(s.lastTid() > tid, "commits went on");
            assertEquals(txInA, TransactionFiles.between(s.layout().a(), 0, Long.MAX_VALUE).size(), "A did not change");
            assertFalse(TransactionFiles.between(s.layout().b(), 0, Long.MAX_VALUE).isEmpty(), "newer ones went to B");
            try (Transaction t = s.begin()) {
                for (long oid : oids) {
                    assertTrue(t.read(oid).isPresent(), "readers see A, B and the journal");
                }
            }
            stop.set(true);
            w.join();
            s.snapshots().exit(h.token());
            assertTrue(s.snapshots().current().isEmpty());
            assertFalse(Files.exists(s.home().resolve("SNAPSHOT")));
            assertTrue(TransactionFiles.between(s.layout().b(), 0, Long.MAX_VALUE).isEmpty(), "B merged into A");
            s.awaitFlushed();
            assertEquals(s.lastTid(), TransactionFiles.tidOf(TransactionFiles.between(s.layout().a(), 0, Long.MAX_VALUE)
                    .get(TransactionFiles.between(s.layout().a(), 0, Long.MAX_VALUE).size() - 1)));
            assertTrue(StoreCheck.run(s).ok());
        }
    }

    @Test
    void holdersShareOneSnapshotAndAnExpiredLeaseEndsIt() throws Exception {
        try (Store s = Store.create(dir.resolve("s"), StoreOptions.defaults())) {
            objects(s, 2);
            Snapshot.Holder a = s.snapshots().enter("a", Duration.ofMinutes(5));
            long tid = s.snapshots().current().orElseThrow().tid();
            objects(s, 2);
            Snapshot.Holder b = s.snapshots().enter("b", Duration.ofMillis(500));
            assertEquals(tid, s.snapshots().current().orElseThrow().tid(), "a second holder joins the same snapshot");
            s.snapshots().exit(a.token());
            assertTrue(s.snapshots().current().isPresent(), "b still holds it");
            StoreException e = assertThrows(StoreException.class, () -> s.snapshots().fullBackupSet(a.token()));
            assertTrue(e.getMessage().contains("no snapshot is held with token"), e.getMessage());
            long deadline = System.currentTimeMillis() + 5000;
            while (s.snapshots().current().isPresent() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(s.snapshots().current().isEmpty(), "the lease ran out and ended the snapshot");
            assertFalse(Files.exists(s.home().resolve("SNAPSHOT")));
            assertThrows(StoreException.class, () -> s.snapshots().exit(b.token()));
        }
    }

    @Test
    void backupSetsCopiedInOrderGiveStoresEqualToEachSnapshot() throws Exception {
        Path copy = dir.resolve("copy");
        try (Store s = Store.create(dir.resolve("s"), StoreOptions.defaults())) {
            long[] oids = objects(s, 50);
            AtomicBoolean stop = new AtomicBoolean();
            Thread w = writer(s, oids, stop);
            long after = 0;
            for (int round = 0; round < 4; round++) {
                Thread.sleep(150);
                Snapshot.Holder h = s.snapshots().enter("backup", Duration.ofMinutes(1));
                long tid = s.snapshots().current().orElseThrow().tid();
                List<SnapshotFile> set = round == 0 ? s.snapshots().fullBackupSet(h.token())
                        : s.snapshots().incrementalBackupSet(h.token(), after);
                for (SnapshotFile f : set) {
                    Path target = copy.resolve(f.relativePath());
                    Files.createDirectories(target.getParent());
                    Files.copy(f.file(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    assertEquals(f.size(), Files.size(target));
                }
                if (round > 0) {
                    assertTrue(set.stream().allMatch(f -> f.relativePath().startsWith("A/")), "an incremental carries only history");
                }
                s.snapshots().exit(h.token());
                Map<Long, byte[]> expected = stateAt(s, oids, tid);
                try (Store restored = Store.open(copy, StoreOptions.defaults())) {
                    assertEquals(tid, restored.lastTid());
                    assertEquals(s.identity(), restored.identity());
                    Map<Long, byte[]> actual = stateAt(restored, oids, tid);
                    assertEquals(expected.keySet(), actual.keySet());
                    expected.forEach((k, val) -> assertArrayEquals(val, actual.get(k), "object " + k));
                    assertTrue(StoreCheck.run(restored).ok());
                }
                // the copy's own journal/index must not leak into the next increment's comparison
                deleteTree(copy.resolve("index"));
                after = tid;
            }
            stop.set(true);
            w.join();
        }
    }

    static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
