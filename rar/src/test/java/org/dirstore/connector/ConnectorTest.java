package org.dirstore.connector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.management.ObjectName;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;

import org.dirstore.connector.api.DirStoreConnection;
import org.dirstore.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter's SPI contract against a real store in a temporary directory (no container). */
class ConnectorTest {
    @TempDir
    Path dir;

    private final List<ConnectionEvent> events = new ArrayList<>();

    private final ConnectionEventListener listener = new ConnectionEventListener() {
        @Override
        public void connectionClosed(ConnectionEvent e) {
            events.add(e);
        }

        @Override
        public void localTransactionStarted(ConnectionEvent e) {
            events.add(e);
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent e) {
            events.add(e);
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent e) {
            events.add(e);
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent e) {
            events.add(e);
        }
    };

    record TestXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {
        static TestXid of(String g) {
            return new TestXid(7, g.getBytes(StandardCharsets.UTF_8), new byte[] {1});
        }

        @Override
        public int getFormatId() {
            return formatId;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid;
        }

        @Override
        public byte[] getBranchQualifier() {
            return bqual;
        }
    }

    /** A typed value mapped with JSON-B. */
    public record Point(int x, int y) {
    }

    @AfterEach
    void closeStores() {
        StoreRegistry.INSTANCE.closeAll();
    }

    private DirStoreManagedConnectionFactory factory(String name) {
        DirStoreManagedConnectionFactory f = new DirStoreManagedConnectionFactory();
        f.setStoreName(name);
        f.setStoreHome(dir.resolve(name).toString());
        f.setFsync(false);
        return f;
    }

    private DirStoreManagedConnection connect(DirStoreManagedConnectionFactory f) throws Exception {
        DirStoreManagedConnection mc = (DirStoreManagedConnection) f.createManagedConnection(null, null);
        mc.addConnectionEventListener(listener);
        return mc;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Store store(DirStoreManagedConnection mc) {
        return mc.store();
    }

    @Test
    void settingsDefaultUnderTheServerDataDirectoryAndExpandProperties() {
        DirStoreManagedConnectionFactory f = new DirStoreManagedConnectionFactory();
        String old = System.getProperty("jboss.server.data.dir");
        System.setProperty("jboss.server.data.dir", dir.toString());
        try {
            StoreSettings s = f.settings();
            assertEquals("DemoStore", s.name());
            assertEquals(dir.resolve("dirstore").resolve("DemoStore"), s.home());
            assertEquals(List.of(dir.resolve("dirstore-backups")), s.backupRoots());
            assertTrue(s.fsync());
            assertEquals(600, s.snapshotLease().toSeconds());
            f.setBackupRoots("${jboss.server.data.dir}/a, /b/c");
            assertEquals(List.of(dir.resolve("a"), Path.of("/b/c")), f.settings().backupRoots());
        } finally {
            if (old == null) {
                System.clearProperty("jboss.server.data.dir");
            } else {
                System.setProperty("jboss.server.data.dir", old);
            }
        }
        DirStoreManagedConnectionFactory g = new DirStoreManagedConnectionFactory();
        assertNotEquals(f, g);
        g.setBackupRoots(f.getBackupRoots());
        assertEquals(f, g);
        assertEquals(f.hashCode(), g.hashCode());
    }

    @Test
    void matchPicksALiveConnectionOfTheSameStoreOnly() throws Exception {
        DirStoreManagedConnectionFactory f = factory("m1");
        DirStoreManagedConnectionFactory other = factory("m2");
        DirStoreManagedConnection a = connect(f);
        DirStoreManagedConnection b = connect(other);
        assertSame(a, f.matchManagedConnections(Set.of(a, b), null, null));
        assertSame(b, other.matchManagedConnections(Set.of(a, b), null, null));
        a.destroy();
        assertNull(f.matchManagedConnections(Set.of(a, b), null, null));
    }

    @Test
    void handlesCloseWithAnEventAndDieOnCleanup() throws Exception {
        DirStoreManagedConnection mc = connect(factory("h"));
        DirStoreConnection h1 = (DirStoreConnection) mc.getConnection(null, null);
        DirStoreConnection h2 = (DirStoreConnection) mc.getConnection(null, null);
        long oid = h1.newOid();
        h1.write(oid, bytes("auto"));
        assertEquals("auto", new String(h2.read(oid).orElseThrow(), StandardCharsets.UTF_8), "auto-commit outside transactions");

        h1.close();
        assertEquals(1, events.size());
        assertEquals(ConnectionEvent.CONNECTION_CLOSED, events.get(0).getId());
        assertSame(h1, events.get(0).getConnectionHandle());
        assertThrows(IllegalStateException.class, () -> h1.read(oid));
        h1.close();
        assertEquals(1, events.size(), "close is idempotent");

        mc.cleanup();
        assertThrows(IllegalStateException.class, () -> h2.read(oid), "cleanup invalidates handles");
    }

    @Test
    void associateConnectionMovesAHandle() throws Exception {
        DirStoreManagedConnectionFactory f = factory("assoc");
        DirStoreManagedConnection a = connect(f);
        DirStoreManagedConnection b = connect(f);
        DirStoreConnectionImpl h = (DirStoreConnectionImpl) a.getConnection(null, null);
        b.associateConnection(h);
        assertSame(b, h.managedConnection());
        XAResource xa = b.getXAResource();
        Xid xid = TestXid.of("assoc");
        xa.start(xid, XAResource.TMNOFLAGS);
        long oid = h.newOid();
        h.write(oid, bytes("via b"));
        xa.end(xid, XAResource.TMSUCCESS);
        assertTrue(store(b).read(oid).isEmpty(), "uncommitted branch invisible");
        xa.commit(xid, true);
        assertEquals("via b", new String(store(b).read(oid).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void oneCachedXaResourceWhoseBranchCarriesTheHandlesWork() throws Exception {
        DirStoreManagedConnectionFactory f = factory("xa");
        DirStoreManagedConnection mc = connect(f);
        DirStoreManagedConnection mc2 = connect(f);
        XAResource xa = mc.getXAResource();
        assertSame(xa, mc.getXAResource());
        assertTrue(xa.isSameRM(mc2.getXAResource()));
        assertFalse(xa.isSameRM(connect(factory("xa-other")).getXAResource()));

        DirStoreConnection h = (DirStoreConnection) mc.getConnection(null, null);
        Xid xid = TestXid.of("two-phase");
        xa.start(xid, XAResource.TMNOFLAGS);
        long oid = h.newOid();
        h.write(oid, bytes("prepared"));
        h.setRoot("x", oid);
        xa.end(xid, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, xa.prepare(xid));
        assertEquals(1, store(mc).inDoubt().size());
        String[] inDoubt = StoreRegistry.INSTANCE.acquire(f.settings()).admin().getInDoubtTransactions();
        assertArrayEquals(new String[] {"7:" + java.util.HexFormat.of().formatHex(bytes("two-phase")) + ":01"}, inDoubt);
        assertEquals(1, mc2.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length);
        mc2.getXAResource().commit(xid, false);
        assertTrue(store(mc).inDoubt().isEmpty());
        assertEquals(oid, h.roots().get("x"));
        assertEquals("prepared", new String(h.read(oid).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void applicationLocalTransactionRollsBackAndTellsTheContainer() throws Exception {
        DirStoreManagedConnection mc = connect(factory("local"));
        DirStoreConnection h = (DirStoreConnection) mc.getConnection(null, null);
        long oid = h.newOid();
        var tx = h.getLocalTransaction();
        tx.begin();
        h.write(oid, bytes("never"));
        assertTrue(store(mc).read(oid).isEmpty());
        tx.rollback();
        assertTrue(h.read(oid).isEmpty());
        tx.begin();
        h.writeValue(oid, new Point(1, 2));
        tx.commit();
        assertEquals(new Point(1, 2), h.readValue(oid, Point.class).orElseThrow());
        assertEquals("{\"x\":1,\"y\":2}", new String(h.read(oid).orElseThrow(), StandardCharsets.UTF_8), "stored as JSON");
        assertEquals(List.of(ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK,
                ConnectionEvent.LOCAL_TRANSACTION_STARTED, ConnectionEvent.LOCAL_TRANSACTION_COMMITTED),
                events.stream().map(ConnectionEvent::getId).toList());
        assertEquals(1, h.history(oid).size());
    }

    @Test
    void theStoreMBeanLivesAsLongAsTheStoreIsOpen() throws Exception {
        DirStoreManagedConnectionFactory f = factory("mbean");
        connect(f);
        ObjectName name = new ObjectName("org.dirstore:type=Store,name=mbean");
        assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(name));
        assertEquals(f.settings().home().toString(), ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Home"));
        StoreRegistry.INSTANCE.closeAll();
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(name));
    }
}
