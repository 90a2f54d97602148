package org.dirstore.check;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dirstore.format.Layout;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.dirstore.txn.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCheckTest {
    @TempDir
    Path dir;

    @Test
    void aHealthyStorePassesAndDamageIsReportedByName() throws Exception {
        Path home = dir.resolve("s");
        long a;
        long b;
        long tid;
        try (Store s = Store.create(home, StoreOptions.defaults())) {
            try (Transaction t = s.begin()) {
                a = t.newOid();
                b = t.newOid();
                t.write(a, "a".getBytes(UTF_8));
                t.write(b, "b".getBytes(UTF_8), a);
                t.setRoot("b", b);
                tid = t.commit();
            }
            CheckReport r = StoreCheck.run(s);
            assertTrue(r.ok(), r.format());
            assertEquals(3, r.liveObjects());
            assertTrue(r.format().contains("OK"));
        }
        Path revA = home.resolve("A").resolve(Layout.revisionPath(a, tid));
        try (RandomAccessFile f = new RandomAccessFile(revA.toFile(), "rw")) {
            f.seek(10);
            f.write(0x7f);
        }
        try (Store s = Store.open(home, StoreOptions.defaults())) {
            CheckReport r = StoreCheck.run(s);
            assertFalse(r.ok());
            assertTrue(r.problems().stream().anyMatch(p -> p.contains(revA.toString()) && p.contains("CRC")), r.format());
        }
        Files.delete(revA);
        try (Store s = Store.open(home, StoreOptions.defaults())) {
            CheckReport r = StoreCheck.run(s);
            assertTrue(r.problems().stream().anyMatch(p -> p.contains("is missing")), r.format());
        }
    }

    @Test
    void truncateAfterCutsHistoryToAPointInTime() throws Exception {
        Path home = dir.resolve("s");
        long oid;
        long t1;
        try (Store s = Store.create(home, StoreOptions.defaults())) {
            try (Transaction t = s.begin()) {
                oid = t.newOid();
                t.write(oid, "one".getBytes(UTF_8));
                t1 = t.commit();
            }
            for (int i = 0; i < 5; i++) {
                try (Transaction t = s.begin()) {
                    t.write(oid, ("later" + i).getBytes(UTF_8));
                    t.write(t.newOid(), "new".getBytes(UTF_8));
                    t.commit();
                }
            }
        }
        assertEquals(5, Store.truncateAfter(home, t1));
        try (Store s = Store.open(home, StoreOptions.defaults())) {
            assertEquals(t1, s.lastTid());
            assertArrayEquals("one".getBytes(UTF_8), s.read(oid).orElseThrow());
            assertEquals(1, s.stats().objects());
            CheckReport r = StoreCheck.run(s);
            assertTrue(r.ok() && r.warnings().isEmpty(), r.format());
        }
    }
}
