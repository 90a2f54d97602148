package org.dirstore.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.ejb.EJBException;
import jakarta.resource.ResourceException;

import org.dirstore.connector.api.DirStoreConnection;
import org.dirstore.connector.api.DirStoreConnectionFactory;

/** Store helpers shared by the probe beans: one object per key, bound to the root {@code it:<key>}. */
final class Probes {
    private Probes() {
    }

    static DirStoreConnection connect(DirStoreConnectionFactory f) {
        try {
            return f.getConnection();
        } catch (ResourceException e) {
            throw new EJBException(e);
        }
    }

    static long put(DirStoreConnection c, String key, String value) {
        OptionalLong existing = c.root("it:" + key);
        long oid = existing.isPresent() ? existing.getAsLong() : c.newOid();
        c.write(oid, value.getBytes(StandardCharsets.UTF_8));
        if (existing.isEmpty()) {
            c.setRoot("it:" + key, oid);
        }
        return oid;
    }

    static Optional<String> get(DirStoreConnection c, String key) {
        OptionalLong oid = c.root("it:" + key);
        if (oid.isEmpty()) {
            return Optional.empty();
        }
        return c.read(oid.getAsLong()).map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
