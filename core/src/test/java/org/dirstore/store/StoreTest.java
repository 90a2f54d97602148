package org.dirstore.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dirstore.format.Layout;
import org.dirstore.txn.Codec;
import org.dirstore.txn.ConflictException;
import org.dirstore.txn.DanglingReferenceException;
import org.dirstore.txn.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path dir;

    private Store create() {
        return Store.create(dir.resolve("home"), StoreOptions.defaults());
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void committedWritesAreReadableAndSurviveReopen() {
        long oid;
        long tid;
        try (Store s = create()) {
            try (Transaction t = s.begin()) {
                oid = t.newOid();
                t.write(oid, b("hello"));
                t.setRoot("greeting", oid);
                tid = t.commit();
            }
            assertEquals(tid, s.lastTid());
            assertArrayEquals(b("hello"), s.read(oid).orElseThrow());
        }
        try (Store s = Store.open(dir.resolve("home"), StoreOptions.defaults())) {
            assertEquals(tid, s.lastTid());
            assertArrayEquals(b("hello"), s.read(oid).orElseThrow());
            try (Transaction t = s.begin()) {
                assertEquals(oid, t.root("greeting").getAsLong());
                assertTrue(t.newOid() > oid, "new oids never repeat after reopen");
            }
        }
    }

    @Test
    void readersSeeTheirSnapshotWhileWritersCommit() {
        try (Store s = create()) {
            long oid;
            try (Transaction t = s.begin()) {
                oid = t.newOid();
                t.write(oid, b("v1"));
                t.commit();
            }
            Transaction reader = s.begin();
            try (Transaction w = s.begin()) {
                w.write(oid, b("v2"));
                w.commit();
            }
            assertArrayEquals(b("v1"), reader.read(oid).orElseThrow(), "snapshot isolation");
            assertArrayEquals(b("v2"), s.begin().read(oid).orElseThrow());
            reader.close();
        }
    }

    @Test
    void firstCommitterWinsAndTheLoserSeesAConflict() {
        try (Store s = create()) {
            long oid;
            try (Transaction t = s.begin()) {
                oid = t.newOid();
                t.write(oid, b("0"));
                t.commit();
            }
            Transaction a = s.begin();
            Transaction b = s.begin();
            a.write(oid, b("a"));
            b.write(oid, b("b"));
            a.commit();
            ConflictException e = assertThrows(ConflictException.class, b::commit);
            assertEquals(oid, e.oid());
            assertTrue(e.getMessage().contains("write conflict on object " + oid), e.getMessage());
            assertArrayEquals(b("a"), s.read(oid).orElseThrow());
            assertEquals(Transaction.State.ROLLED_BACK, b.state());
        }
    }

    @Test
    void readCurrentMakesAStaleReadConflict() {
        try (Store s = create()) {
            long x;
            long y;
            try (Transaction t = s.begin()) {
                x = t.newOid();
                y = t.newOid();
                t.write(x, b("x"));
                t.write(y, b("y"));
                t.commit();
            }
            Transaction a = s.begin();
            a.readCurrent(x);
            a.write(y, b("depends on x"));
            try (Transaction w = s.begin()) {
                w.write(x, b("x2"));
                w.commit();
            }
            assertThrows(ConflictException.class, a::commit);
        }
    }

    @Test
    void danglingReferencesAreRefusedAtCommit() {
        try (Store s = create()) {
            try (Transaction t = s.begin()) {
                long oid = t.newOid();
                t.write(oid, b("points nowhere"), 987654L);
                DanglingReferenceException e = assertThrows(DanglingReferenceException.class, t::commit);
                assertTrue(e.getMessage().contains("987654"), e.getMessage());
            }
            try (Transaction t = s.begin()) {
                long target = t.newOid();
                long from = t.newOid();
                t.write(target, b("target"));
                t.write(from, b("from"), target);
                t.commit();
            }
            assertEquals(0, s.stats().inDoubt());
        }
    }

    @Test
    void deleteKeepsHistoryAndReadAsOfSeesThePast() {
        try (Store s = create()) {
            long oid;
            long t1;
            long t2;
            try (Transaction t = s.begin()) {
                oid = t.newOid();
                t.write(oid, b("one"));
                t1 = t.commit();
            }
            try (Transaction t = s.begin()) {
                t.write(oid, b("two"));
                t2 = t.commit();
            }
            assertEquals(1, s.stats().objects());
            long t3;
            try (Transaction t = s.begin()) {
                t.delete(oid);
                t3 = t.commit();
            }
            s.awaitFlushed();
            assertEquals(0, s.stats().objects(), "a deleted object is not counted");
            assertEquals(Optional.empty(), s.read(oid).map(String::new));
            assertArrayEquals(b("one"), s.readAsOf(oid, t1).orElseThrow());
            assertArrayEquals(b("two"), s.readAsOf(oid, t3 - 1).orElseThrow());
            List<RevisionInfo> h = s.history(oid);
            assertEquals(List.of(t3, t2, t1), h.stream().map(RevisionInfo::tid).toList());
            assertTrue(h.get(0).deleted());
            assertTrue(Files.isRegularFile(s.home().resolve("A").resolve(Layout.revisionPath(oid, t2))));
            assertTrue(Files.isRegularFile(s.home().resolve("A").resolve(Layout.transactionPath(t3))));
        }
    }

    @Test
    void oldSnapshotsReadThroughNewerFlushedRevisionsWithManyReferences() {
        try (Store s = create()) {
            long holder;
            long[] targets = new long[700];
            long t1;
            try (Transaction t = s.begin()) {
                for (int i = 0; i < targets.length; i++) {
                    targets[i] = t.newOid();
                    t.write(targets[i], b("t" + i));
                }
                holder = t.newOid();
                t.write(holder, b("old"));
                t1 = t.commit();
            }
            try (Transaction t = s.begin()) {
                // a header larger than the first read of a header walk
                t.write(holder, b("new"), targets);
                t.commit();
            }
            s.awaitFlushed();
            assertArrayEquals(b("old"), s.readAsOf(holder, t1).orElseThrow());
            assertEquals(700, s.revisionAt(holder, s.lastTid()).orElseThrow().refs().length);
        }
    }

    @Test
    void typedAccessGoesThroughTheCodec() {
        Codec<Integer> ints = new Codec<>() {
            @Override
            public byte[] encode(Integer value) {
                return b(Integer.toString(value));
            }

            @Override
            public Integer decode(byte[] bytes) {
                return Integer.valueOf(new String(bytes, UTF_8));
            }
        };
        try (Store s = create()) {
            long oid;
            try (Transaction t = s.begin()) {
                oid = t.newOid();
                t.write(oid, 42, ints);
                t.commit();
            }
            assertEquals(42, s.begin().read(oid, ints).orElseThrow());
        }
    }

    @Test
    void tidsIncreaseStrictlyAndNameTheirTime() {
        try (Store s = create()) {
            long last = 0;
            for (int i = 0; i < 50; i++) {
                try (Transaction t = s.begin()) {
                    t.write(t.newOid(), b("x" + i));
                    long tid = t.commit();
                    assertTrue(tid > last);
                    last = tid;
                }
            }
            long ageMillis = System.currentTimeMillis() - org.dirstore.format.Tids.toInstant(last).toEpochMilli();
            assertTrue(ageMillis >= 0 && ageMillis < 60_000, "tid carries the commit time");
        }
    }

    @Test
    void aSecondOpenInTheSameProcessIsRefusedClearly() {
        try (Store s = create()) {
            StoreException e = assertThrows(StoreException.class, () -> Store.open(s.home(), StoreOptions.defaults()));
            assertTrue(e.getMessage().contains("store is in use"), e.getMessage());
            assertTrue(e.getMessage().contains("pid"), e.getMessage());
        }
    }

    @Test
    void openingANonStoreDirectoryIsRefused() throws Exception {
        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("precious.txt"), "do not touch");
        StoreException e = assertThrows(StoreException.class,
                () -> Store.open(foreign, StoreOptions.defaults().withCreateIfMissing(true)));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals(List.of(foreign.resolve("precious.txt")), Files.list(foreign).toList());
        StoreException missing = assertThrows(StoreException.class,
                () -> Store.open(dir.resolve("nothing"), StoreOptions.defaults()));
        assertTrue(missing.getMessage().contains("no DirStore"), missing.getMessage());
        assertFalse(Files.exists(dir.resolve("nothing")));
    }

    @Test
    void journalSegmentsAreReleasedOnceFlushed() throws Exception {
        try (Store s = Store.create(dir.resolve("home"), StoreOptions.defaults().withSegmentBytes(8192))) {
            for (int i = 0; i < 200; i++) {
                try (Transaction t = s.begin()) {
                    t.write(t.newOid(), new byte[200]);
                    t.commit();
                }
            }
            s.awaitFlushed();
            try (var files = Files.list(s.home().resolve("journal"))) {
                long n = files.count();
                assertTrue(n <= 3, "old segments deleted, " + n + " left");
            }
            assertTrue(s.stats().journalForces() > 0);
        }
    }
}
