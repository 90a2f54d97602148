package org.dirstore.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dirstore.format.CorruptFileException;
import org.dirstore.format.Layout;
import org.dirstore.testing.ChildJvm;
import org.dirstore.testing.FaultyFileIO;
import org.dirstore.txn.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and faults: corrupted files, a full disk, a second process. */
class FaultTest {
    @TempDir
    Path dir;

    @Test
    void aCorruptedRevisionFileFailsItsReadNamingTheFile() throws Exception {
        Path home = dir.resolve("home");
        long oid;
        long tid;
        try (Store s = Store.create(home, StoreOptions.defaults())) {
            try (Transaction t = s.begin()) {
                oid = t.newOid();
                t.write(oid, "precious data".getBytes(UTF_8));
                tid = t.commit();
            }
        }
        Path file = home.resolve("A").resolve(Layout.revisionPath(oid, tid));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() - 3);
            f.write('X');
        }
        try (Store s = Store.open(home, StoreOptions.defaults())) {
            CorruptFileException e = assertThrows(CorruptFileException.class, () -> s.read(oid));
            assertEquals(file, e.file());
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("CRC32C"), e.getMessage());
        }
    }

    @Test
    void aFullDiskFailsTheCommitAndTheStoreStaysUsable() throws Exception {
        FaultyFileIO io = new FaultyFileIO();
        Path home = dir.resolve("home");
        long good;
        long lost;
        try (Store s = Store.create(home, StoreOptions.defaults().withFileIO(io))) {
            try (Transaction t = s.begin()) {
                good = t.newOid();
                t.write(good, "before".getBytes(UTF_8));
                t.commit();
            }
            io.failWritesTo(p -> p.toString().contains("journal"));
            try (Transaction t = s.begin()) {
                lost = t.newOid();
                t.write(lost, "never acknowledged".getBytes(UTF_8));
                t.write(good, "overwritten?".getBytes(UTF_8));
                StoreException e = assertThrows(StoreException.class, t::commit);
                assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            }
            assertFalse(s.read(lost).isPresent(), "nothing of the failed transaction is visible");
            assertArrayEquals("before".getBytes(UTF_8), s.read(good).orElseThrow());
            io.heal();
            try (Transaction t = s.begin()) {
                t.write(good, "after".getBytes(UTF_8));
                t.commit();
            }
            // the flusher's disk fills up: commits still succeed (the journal has them), flushing retries
            io.failWritesTo(p -> p.startsWith(home.resolve("A")));
            try (Transaction t = s.begin()) {
                t.write(good, "while A is full".getBytes(UTF_8));
                t.commit();
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (s.flushError().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(s.flushError().isPresent(), "the flusher reports the failure");
            io.heal();
            s.awaitFlushed();
            assertTrue(s.flushError().isEmpty());
        }
        try (Store s = Store.open(home, StoreOptions.defaults())) {
            assertArrayEquals("while A is full".getBytes(UTF_8), s.read(good).orElseThrow());
            assertFalse(s.read(lost).isPresent());
        }
    }

    @Test
    void aSecondProcessGetsAClearErrorNamingTheHolder() throws Exception {
        Path home = dir.resolve("home");
        try (Store s = Store.create(home, StoreOptions.defaults())) {
            try (ChildJvm child = ChildJvm.start(OpenStore.class, home.toString())) {
                assertEquals(3, child.waitFor(60), child.stderr());
                String err = child.stderr();
                assertTrue(err.contains("store is in use") && err.contains("pid " + ProcessHandle.current().pid()), err);
            }
            assertTrue(Files.exists(s.home().resolve("config/store.properties")));
        }
    }

    /** Child main: tries to open a store; exit 3 with the message on stderr if refused. */
    public static final class OpenStore {
        public static void main(String[] args) {
            try (Store s = Store.open(Path.of(args[0]), StoreOptions.defaults())) {
                System.out.println("OPENED " + s.identity());
            } catch (StoreException e) {
                System.err.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
