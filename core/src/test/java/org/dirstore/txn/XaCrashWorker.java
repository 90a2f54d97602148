package org.dirstore.txn;

import jakarta.transaction.TransactionManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;

/**
 * Child JVM: one Narayana transaction over the store and a test resource that halts the JVM in
 * prepare or commit, leaving the store's branch prepared and in doubt.
 * Args: store home, Narayana object store, mode (HALT_IN_COMMIT or HALT_IN_PREPARE).
 */
public final class XaCrashWorker {
    public static void main(String[] args) throws Exception {
        System.setProperty("dirstore.test.halt", "true");
        TransactionManager tm = Narayana.configure(Path.of(args[1]));
        TestXAResource.Mode mode = TestXAResource.Mode.valueOf(args[2]);
        Store store = Store.open(Path.of(args[0]), StoreOptions.defaults().withCreateIfMissing(true));
        TestXAResource other = new TestXAResource("halter", mode);
        StoreXAResource xa = store.xaResource();
        tm.begin();
        // commit order follows enlistment: to halt between the decision and the store's commit the
        // halting resource goes first; to halt in prepare after the store prepared, it goes second
        if (mode == TestXAResource.Mode.HALT_IN_COMMIT) {
            tm.getTransaction().enlistResource(other);
            tm.getTransaction().enlistResource(xa);
        } else {
            tm.getTransaction().enlistResource(xa);
            tm.getTransaction().enlistResource(other);
        }
        Transaction t = xa.transaction();
        long oid = t.newOid();
        t.write(oid, "written in doubt".getBytes(StandardCharsets.UTF_8));
        t.setRoot("xa", oid);
        System.out.println("WROTE " + oid);
        System.out.flush();
        tm.commit();
        System.out.println("COMMITTED (the halt did not happen)");
        System.exit(1);
    }
}
