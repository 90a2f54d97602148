package org.dirstore.connector;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;

/** Connection manager for use outside a container: a new managed connection per handle, no pooling. */
final class UnmanagedConnectionManager implements ConnectionManager {
    private static final long serialVersionUID = 1L;

    @Override
    public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo info) throws ResourceException {
        DirStoreManagedConnection mc = (DirStoreManagedConnection) mcf.createManagedConnection(null, info);
        mc.destroyWhenClosed();
        return mc.getConnection(null, info);
    }
}
