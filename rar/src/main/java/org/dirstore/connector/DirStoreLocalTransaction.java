package org.dirstore.connector;

import jakarta.resource.ResourceException;

/**
 * A resource-local transaction on a managed connection. As the SPI interface it is driven by the
 * container and fires no events; as the CCI interface (from a handle) it tells the container
 * through LOCAL_TRANSACTION_* events.
 */
final class DirStoreLocalTransaction implements jakarta.resource.spi.LocalTransaction, jakarta.resource.cci.LocalTransaction {
    private final DirStoreManagedConnection mc;
    private final boolean application;
    private final Object handle;

    DirStoreLocalTransaction(DirStoreManagedConnection mc, boolean application) {
        this(mc, application, null);
    }

    DirStoreLocalTransaction(DirStoreManagedConnection mc, boolean application, Object handle) {
        this.mc = mc;
        this.application = application;
        this.handle = handle;
    }

    @Override
    public void begin() throws ResourceException {
        mc.beginLocal(application, handle);
    }

    @Override
    public void commit() throws ResourceException {
        mc.commitLocal(application, handle);
    }

    @Override
    public void rollback() throws ResourceException {
        mc.rollbackLocal(application, handle);
    }
}
