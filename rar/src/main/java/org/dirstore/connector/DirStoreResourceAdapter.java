package org.dirstore.connector;

import java.util.logging.Logger;

import javax.transaction.xa.XAResource;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/**
 * The DirStore resource adapter: outbound only, XA and local transactions. Stores are opened by
 * their connection factories on first use and closed when the adapter stops (undeploy, shutdown).
 */
@Connector(
        displayName = "DirStore",
        description = "Transactional object store kept in a directory",
        vendorName = "DirStore",
        eisType = "DirStore",
        version = "0.1",
        transactionSupport = TransactionSupportLevel.XATransaction,
        reauthenticationSupport = false,
        authMechanisms = {},
        securityPermissions = {})
public class DirStoreResourceAdapter implements ResourceAdapter, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(DirStoreResourceAdapter.class.getName());

    @Override
    public void start(BootstrapContext ctx) throws ResourceAdapterInternalException {
        LOG.info("DirStore resource adapter started");
    }

    @Override
    public void stop() {
        StoreRegistry.INSTANCE.closeAll();
        LOG.info("DirStore resource adapter stopped; stores closed");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        throw new jakarta.resource.NotSupportedException("DirStore has no inbound messaging");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        // no inbound endpoints
    }

    /**
     * XA resources of every open store. Outbound recovery in WildFly goes through the connection
     * definition's recovery (a managed connection's XA resource); this answers servers that ask the
     * adapter as well.
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return StoreRegistry.INSTANCE.xaResources();
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

}
