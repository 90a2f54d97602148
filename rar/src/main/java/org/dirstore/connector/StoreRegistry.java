package org.dirstore.connector;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.transaction.xa.XAResource;

import org.dirstore.store.Store;
import org.dirstore.store.StoreException;
import org.dirstore.store.StoreOptions;

/**
 * The stores this adapter has open, one per home directory, each with its MBean registered in the
 * platform MBean server (WildFly's MBean server inside the server).
 */
final class StoreRegistry {
    static final StoreRegistry INSTANCE = new StoreRegistry();
    private static final Logger LOG = Logger.getLogger(StoreRegistry.class.getName());

    private final Map<Path, OpenStore> open = new LinkedHashMap<>();

    private StoreRegistry() {
    }

    /** The open store at {@code settings.home()}, opening it (and registering its MBean) if needed. */
    synchronized OpenStore acquire(StoreSettings settings) {
        Path home = settings.home();
        OpenStore s = open.get(home);
        if (s != null) {
            return s;
        }
        StoreOptions options = StoreOptions.defaults().withCreateIfMissing(true).withFsync(settings.fsync());
        Store store = Store.open(home, options);
        OpenStore opened = new OpenStore(settings, store);
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = StoreAdmin.objectName(settings.name());
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(opened.admin(), name);
            opened.registeredAs(name);
        } catch (Exception e) {
            store.close();
            throw new StoreException("cannot register the MBean of store " + settings.name() + " at " + home, e);
        }
        open.put(home, opened);
        LOG.info(() -> "DirStore " + settings.name() + " opened at " + home + " (identity " + store.identity()
                + ", last tid " + store.lastTid() + ", in doubt " + store.inDoubt().size() + ")");
        return opened;
    }

    /** One new XA resource per open store, for recovery scans. */
    synchronized XAResource[] xaResources() {
        List<XAResource> all = new ArrayList<>();
        for (OpenStore s : open.values()) {
            all.add(s.store().xaResource());
        }
        return all.toArray(new XAResource[0]);
    }

    /** Unregisters every MBean and closes every store. */
    synchronized void closeAll() {
        for (OpenStore s : open.values()) {
            try {
                if (s.objectName() != null) {
                    ManagementFactory.getPlatformMBeanServer().unregisterMBean(s.objectName());
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "cannot unregister " + s.objectName(), e);
            }
            try {
                s.store().close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing store " + s.settings().name() + " failed", e);
            }
        }
        open.clear();
    }
}
