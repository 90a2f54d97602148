package org.dirstore.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.dirstore.check.CheckReport;
import org.dirstore.check.StoreCheck;
import org.dirstore.format.Tids;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.dirstore.txn.ConflictException;
import org.dirstore.txn.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot backups of a real store while several threads commit: a full backup and five incrementals,
 * each restored at its own tid and at tids between backups; every restored store must equal what
 * the acknowledged commits up to that tid wrote, and pass check.
 */
class LiveBackupTest {
    private static final int OBJECTS = 300;
    private static final int THREADS = 3;
    /** Commits allowed per backup step: bounds the work (restores extract every file of the chain). */
    private static final long COMMITS_PER_STEP = 300;

    @TempDir
    Path tmp;

    @Test
    void chainTakenUnderLoadRestoresEveryPointExactly() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("backups"));
        NavigableMap<Long, Map<Long, byte[]>> acknowledged = new ConcurrentSkipListMap<>();
        long[] oids = new long[OBJECTS];
        List<BackupArchive> chain = new ArrayList<>();
        try (Store store = Store.create(tmp.resolve("home"), StoreOptions.defaults().withFsync(false))) {
            try (Transaction t = store.begin()) {
                Map<Long, byte[]> writes = new HashMap<>();
                for (int i = 0; i < OBJECTS; i++) {
                    oids[i] = t.newOid();
                    byte[] data = value(oids[i], 0);
                    t.write(oids[i], data);
                    writes.put(oids[i], data);
                }
                acknowledged.put(t.commit(), writes);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong commits = new AtomicLong();
            AtomicLong allowance = new AtomicLong();
            long commitsDuringBackups = 0;
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                Thread writer = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        if (commits.get() >= allowance.get()) {
                            pause();
                            continue;
                        }
                        try (Transaction t = store.begin()) {
                            Map<Long, byte[]> writes = new HashMap<>();
                            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                                long oid = oids[random.nextInt(OBJECTS)];
                                byte[] data = value(oid, random.nextLong());
                                t.write(oid, data);
                                writes.put(oid, data);
                            }
                            long tid = t.commit();
                            acknowledged.put(tid, writes);
                            commits.incrementAndGet();
                            Thread.sleep(2); // a steady stream, not a flood: the point is consistency under load
                        } catch (ConflictException e) {
                            continue; // first committer wins: this writer goes on with another transaction
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                            return;
                        }
                    }
                }, "writer-" + w);
                writer.start();
                writers.add(writer);
            }
            SnapshotBackup backups = new SnapshotBackup(dir, Compression.GZIP, Clock.systemUTC());
            try {
                for (int i = 0; i < 6; i++) {
                    allowance.addAndGet(COMMITS_PER_STEP);
                    awaitMoreCommits(commits, COMMITS_PER_STEP / 2, failure);
                    long before = commits.get();
                    try (StoreBackupSet set = StoreBackupSet.enter(store, "test-backup-" + i, Duration.ofMinutes(1))) {
                        chain.add(i == 0 ? backups.full(set, BackupProgress.NONE) : backups.incremental(set, BackupProgress.NONE));
                    }
                    commitsDuringBackups += commits.get() - before;
                }
            } finally {
                stop.set(true);
                for (Thread writer : writers) {
                    writer.join();
                }
            }
            assertNull(failure.get(), () -> "writer failed: " + failure.get());
            assertTrue(commits.get() >= 6 * COMMITS_PER_STEP / 2, "enough concurrent commits: " + commits.get());
            assertTrue(commitsDuringBackups > 0, "commits went on while backups were written");
        }

        BackupCatalog catalog = BackupCatalog.scan(dir);
        BackupChain restored = catalog.chainTo(chain.get(chain.size() - 1).id());
        assertEquals(6, restored.backups().size());
        BackupVerifier.verify(restored, BackupProgress.NONE);
        for (int i = 1; i < chain.size(); i++) {
            BackupManifest m = chain.get(i).manifest();
            Map<Long, Map<Long, byte[]>> range = acknowledged.subMap(m.afterTid(), false, m.upToTid(), true);
            long txFiles = m.entries().stream().filter(e -> e.path().endsWith(".tx")).count();
            long revFiles = m.entries().stream().filter(e -> e.path().endsWith(".rev")).count();
            assertEquals(range.size(), txFiles, "incremental " + i + " holds exactly the transactions of its range");
            assertEquals(range.values().stream().mapToLong(Map::size).sum(), revFiles,
                    "incremental " + i + " holds exactly the revisions those transactions wrote");
            assertEquals(m.entries().size(), txFiles + revFiles, "and nothing else");
        }

        BackupRestorer restorer = new BackupRestorer((home, tid) -> Store.truncateAfter(home, tid));
        List<Long> points = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            BackupManifest m = chain.get(i).manifest();
            points.add(m.upToTid());
            if (i > 0) {
                List<Long> inside = new ArrayList<>(acknowledged.subMap(m.afterTid(), false, m.upToTid(), false).keySet());
                if (!inside.isEmpty()) {
                    points.add(inside.get(inside.size() / 2));
                    if (i == 1) {
                        points.add(inside.get(inside.size() / 2) + 1); // a tid no commit has: the state stays the one before it
                    }
                }
            }
        }
        int n = 0;
        for (long point : points) {
            Path target = tmp.resolve("restore-" + n++);
            RestoreResult result = restorer.restore(restored, target, OptionalLong.of(point), BackupProgress.NONE);
            Map<Long, byte[]> expected = stateAt(acknowledged, point);
            try (Store store = Store.open(target, StoreOptions.defaults().withFsync(false))) {
                assertEquals(acknowledged.floorKey(point), store.lastTid(), "last tid at " + Tids.hex(point));
                for (long oid : oids) {
                    assertArrayEquals(expected.get(oid), store.read(oid).orElse(null),
                            "object " + oid + " restored at " + Tids.hex(point) + " (truncated " + result.truncated() + ")");
                }
                CheckReport report = StoreCheck.run(store);
                assertTrue(report.ok(), report.format());
            }
        }
        assertTrue(points.size() >= 11, "backup points and points between them: " + points.size());
    }

    private static Map<Long, byte[]> stateAt(NavigableMap<Long, Map<Long, byte[]>> acknowledged, long tid) {
        Map<Long, byte[]> state = new HashMap<>();
        for (Map<Long, byte[]> writes : acknowledged.headMap(tid, true).values()) {
            state.putAll(writes);
        }
        return state;
    }

    private static void awaitMoreCommits(AtomicLong commits, long more, AtomicReference<Throwable> failure)
            throws InterruptedException {
        long target = commits.get() + more;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (commits.get() < target && failure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("writer interrupted", e);
        }
    }

    private static byte[] value(long oid, long salt) {
        return ByteBuffer.allocate(24).putLong(oid).putLong(salt).putLong(System.nanoTime()).array();
    }
}
