package org.dirstore.connector;

import javax.naming.Reference;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import org.dirstore.connector.api.DirStoreConnection;
import org.dirstore.connector.api.DirStoreConnectionFactory;

/** The connection factory bound in JNDI; hands out handles through the container's connection manager. */
public class DirStoreConnectionFactoryImpl implements DirStoreConnectionFactory {
    private static final long serialVersionUID = 1L;

    private final DirStoreManagedConnectionFactory mcf;
    private final ConnectionManager cm;
    private Reference reference;

    public DirStoreConnectionFactoryImpl(DirStoreManagedConnectionFactory mcf, ConnectionManager cm) {
        this.mcf = mcf;
        this.cm = cm;
    }

    @Override
    public DirStoreConnection getConnection() throws ResourceException {
        Object handle = cm.allocateConnection(mcf, null);
        if (handle instanceof DirStoreConnectionImpl h) {
            h.connectionManager(cm);
        }
        return (DirStoreConnection) handle;
    }

    @Override
    public String storeName() {
        return mcf.settings().name();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
