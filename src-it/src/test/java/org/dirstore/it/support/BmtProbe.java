package org.dirstore.it.support;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.transaction.UserTransaction;

import org.dirstore.connector.api.DirStoreConnection;
import org.dirstore.connector.api.DirStoreConnectionFactory;

/** Bean-managed transactions: a handle obtained before {@code begin()} must work in the transaction. */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class BmtProbe {
    @Resource(lookup = "java:/dirstore/DemoStore")
    DirStoreConnectionFactory store;

    @Resource
    UserTransaction ut;

    /**
     * Gets a handle, then begins a transaction, writes through the handle, closes it and commits or
     * rolls back. (Close handles before the transaction ends: IronJacamar returns a connection to
     * the pool at the end of the transaction it was enlisted in and logs IJ000315 for handles still open.)
     */
    public void handleAcrossBegin(String key, String value, boolean commit) throws Exception {
        DirStoreConnection c = Probes.connect(store);
        ut.begin();
        try {
            Probes.put(c, key, value);
        } finally {
            c.close();
            if (commit) {
                ut.commit();
            } else {
                ut.rollback();
            }
        }
    }

    /** Without JTA: the connection's resource-local transaction (CCI LocalTransaction). */
    public void localTransaction(String key, String value, boolean commit) throws Exception {
        try (DirStoreConnection c = Probes.connect(store)) {
            jakarta.resource.cci.LocalTransaction tx = c.getLocalTransaction();
            tx.begin();
            Probes.put(c, key, value);
            if (commit) {
                tx.commit();
            } else {
                tx.rollback();
            }
        }
    }
}
