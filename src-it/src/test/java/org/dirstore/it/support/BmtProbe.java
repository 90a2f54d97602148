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

    /** Gets a handle, then begins a transaction, writes through the handle and commits or rolls back. */
    public void handleAcrossBegin(String key, String value, boolean commit) throws Exception {
        try (DirStoreConnection c = Probes.connect(store)) {
            ut.begin();
            try {
                Probes.put(c, key, value);
            } finally {
                if (commit) {
                    ut.commit();
                } else {
                    ut.rollback();
                }
            }
        }
    }
}
