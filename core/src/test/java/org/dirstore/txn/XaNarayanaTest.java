package org.dirstore.txn;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.dirstore.testing.ChildJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store as an XA resource under a real Narayana transaction manager, crashes included. */
class XaNarayanaTest {
    static Path objectStore;
    static TransactionManager tm;
    static RecoveryManager recovery;
    static volatile XAResource recoveryResource;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTransactionManager() throws Exception {
        objectStore = Files.createTempDirectory("narayana-objectstore");
        tm = Narayana.configure(objectStore);
        RecoveryManager.delayRecoveryManagerThread();
        recovery = RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT);
        XARecoveryModule.getRegisteredXARecoveryModule().addXAResourceRecoveryHelper(new XAResourceRecoveryHelper() {
            @Override
            public boolean initialise(String p) {
                return true;
            }

            @Override
            public XAResource[] getXAResources() {
                XAResource r = recoveryResource;
                return r == null ? new XAResource[0] : new XAResource[] {r};
            }
        });
    }

    @AfterAll
    static void stop() {
        recovery.terminate();
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void aTransactionOverTheStoreAndAnotherResourceCommitsInBoth() throws Exception {
        try (Store store = Store.create(dir.resolve("s"), StoreOptions.defaults())) {
            TestXAResource other = new TestXAResource("other", TestXAResource.Mode.OK);
            StoreXAResource xa = store.xaResource();
            tm.begin();
            tm.getTransaction().enlistResource(xa);
            tm.getTransaction().enlistResource(other);
            long oid = xa.transaction().newOid();
            xa.transaction().write(oid, b("both"));
            tm.commit();
            assertArrayEquals(b("both"), store.read(oid).orElseThrow());
            assertTrue(other.calls.containsAll(List.of("prepare", "commit")), other.calls.toString());
            assertTrue(store.inDoubt().isEmpty());
        }
    }

    @Test
    void aFailedPrepareOfTheOtherResourceRollsTheStoreBack() throws Exception {
        try (Store store = Store.create(dir.resolve("s"), StoreOptions.defaults())) {
            long oid;
            try (Transaction t = store.begin()) {
                oid = t.newOid();
                t.write(oid, b("before"));
                t.commit();
            }
            TestXAResource other = new TestXAResource("other", TestXAResource.Mode.FAIL_PREPARE);
            StoreXAResource xa = store.xaResource();
            tm.begin();
            tm.getTransaction().enlistResource(xa);
            tm.getTransaction().enlistResource(other);
            xa.transaction().write(oid, b("must not stay"));
            assertThrows(RollbackException.class, tm::commit);
            assertArrayEquals(b("before"), store.read(oid).orElseThrow());
            assertTrue(store.inDoubt().isEmpty());
            // its locks were released: a new transaction writes the object at once
            try (Transaction t = store.begin()) {
                t.write(oid, b("after"));
                t.commit();
            }
            assertArrayEquals(b("after"), store.read(oid).orElseThrow());
        }
    }

    @Test
    void aCrashAfterTheCommitDecisionIsCommittedByTheRecoveryManager() throws Exception {
        Path home = dir.resolve("s");
        long oid = crashChild(home, "HALT_IN_COMMIT");
        try (Store store = Store.open(home, StoreOptions.defaults().withLockTimeout(Duration.ofMillis(200)))) {
            assertEquals(1, store.inDoubt().size(), store.openNotes().toString());
            assertFalse(store.read(oid).isPresent(), "an in-doubt branch is not visible");
            XAResource xa = store.xaResource();
            Xid[] found = xa.recover(XAResource.TMSTARTRSCAN);
            assertEquals(1, found.length);
            assertEquals(0, xa.recover(XAResource.TMENDRSCAN).length);
            // the branch keeps its locks: a conflicting writer is told who holds them
            try (Transaction t = store.begin()) {
                t.write(oid, b("conflicting"));
                ConflictException e = assertThrows(ConflictException.class, t::commit);
                assertTrue(e.getMessage().contains("in doubt"), e.getMessage());
            }
            recoveryResource = store.xaResource();
            recovery.scan();
            assertTrue(store.inDoubt().isEmpty(), "the recovery manager resolved the branch");
            assertArrayEquals(b("written in doubt"), store.read(oid).orElseThrow(), "committed, as the TM decided");
            try (Transaction t = store.begin()) {
                assertEquals(oid, t.root("xa").getAsLong());
            }
        } finally {
            recoveryResource = null;
        }
        try (Store store = Store.open(home, StoreOptions.defaults())) {
            assertTrue(store.inDoubt().isEmpty(), "the outcome is durable");
            assertArrayEquals(b("written in doubt"), store.read(oid).orElseThrow());
        }
    }

    @Test
    void aCrashBeforeTheDecisionIsRolledBackByTheRecoveryManager() throws Exception {
        Path home = dir.resolve("s");
        long oid = crashChild(home, "HALT_IN_PREPARE");
        try (Store store = Store.open(home, StoreOptions.defaults())) {
            assertEquals(1, store.inDoubt().size());
            recoveryResource = store.xaResource();
            recovery.scan();
            assertTrue(store.inDoubt().isEmpty(), "presumed abort: the orphan branch was rolled back");
            assertFalse(store.read(oid).isPresent());
            try (Transaction t = store.begin()) {
                assertTrue(t.root("xa").isEmpty());
            }
        } finally {
            recoveryResource = null;
        }
    }

    @Test
    void recoverRefusesAScanThatWasNotStarted() {
        try (Store store = Store.create(dir.resolve("s"), StoreOptions.defaults())) {
            StoreXAResource xa = store.xaResource();
            javax.transaction.xa.XAException e = assertThrows(javax.transaction.xa.XAException.class,
                    () -> xa.recover(XAResource.TMNOFLAGS));
            assertEquals(javax.transaction.xa.XAException.XAER_INVAL, e.errorCode);
            assertTrue(xa.isSameRM(store.xaResource()));
            assertFalse(xa.isSameRM(new TestXAResource("x", TestXAResource.Mode.OK)));
        }
    }

    private long crashChild(Path home, String mode) throws Exception {
        try (ChildJvm child = ChildJvm.start(XaCrashWorker.class, home.toString(), objectStore.toString(), mode)) {
            int exit = child.waitFor(120);
            assertEquals(7, exit, "child halted in " + mode + ": " + child.lines() + "\n" + child.stderr());
            String wrote = child.lines().stream().filter(l -> l.startsWith("WROTE")).findFirst().orElseThrow();
            return Long.parseLong(wrote.substring(6));
        }
    }
}
