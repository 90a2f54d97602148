package org.dirstore.it.support;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.dirstore.connector.api.DirStoreConnection;
import org.dirstore.connector.api.DirStoreConnectionFactory;

/** Commits a write of its own (REQUIRES_NEW) to make the caller's transaction lose a conflict. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Spoiler {
    @Resource(lookup = "java:/dirstore/DemoStore")
    DirStoreConnectionFactory store;

    public void overwrite(String key, String value) {
        try (DirStoreConnection c = Probes.connect(store)) {
            Probes.put(c, key, value);
        }
    }
}
