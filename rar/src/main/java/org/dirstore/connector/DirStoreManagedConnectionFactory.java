package org.dirstore.connector;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.security.auth.Subject;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;

import org.dirstore.connector.api.DirStoreConnection;
import org.dirstore.connector.api.DirStoreConnectionFactory;

/**
 * Creates managed connections to one store. The store is opened on the first connection and stays
 * open until the adapter stops. Configuration comes from the config properties below (set them in
 * {@code META-INF/ironjacamar.xml} or the resource-adapters subsystem); {@code ${property}}
 * references to system properties are expanded.
 */
@ConnectionDefinition(
        connectionFactory = DirStoreConnectionFactory.class,
        connectionFactoryImpl = DirStoreConnectionFactoryImpl.class,
        connection = DirStoreConnection.class,
        connectionImpl = DirStoreConnectionImpl.class)
public class DirStoreManagedConnectionFactory
        implements ManagedConnectionFactory, ResourceAdapterAssociation, TransactionSupport {
    private static final long serialVersionUID = 1L;
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    @ConfigProperty(defaultValue = "DemoStore",
            description = "Store name: the name key of the MBean org.dirstore:type=Store,name=<storeName>"
                    + " and the default directory name under the server's data directory.")
    private String storeName = "DemoStore";

    @ConfigProperty(defaultValue = "",
            description = "Store home directory; empty means ${jboss.server.data.dir}/dirstore/<storeName>."
                    + " Created when missing.")
    private String storeHome = "";

    @ConfigProperty(type = Boolean.class, defaultValue = "true",
            description = "Force the journal to disk before a commit is acknowledged (durable across power loss)."
                    + " false only for tests and benchmarks.")
    private Boolean fsync = Boolean.TRUE;

    @ConfigProperty(defaultValue = "${jboss.server.data.dir}/dirstore-backups",
            description = "Comma-separated directories under which JMX backup operations may write; others are refused.")
    private String backupRoots = "${jboss.server.data.dir}/dirstore-backups";

    @ConfigProperty(type = Integer.class, defaultValue = "600",
            description = "Seconds a snapshot taken through JMX lasts unless its holder exits it earlier.")
    private Integer snapshotLeaseSeconds = 600;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    public DirStoreManagedConnectionFactory() {
    }

    @Override
    public Object createConnectionFactory(ConnectionManager cm) throws ResourceException {
        return new DirStoreConnectionFactoryImpl(this, cm);
    }

    /** Outside a container: connections are not pooled and take part in no JTA transaction. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return new DirStoreConnectionFactoryImpl(this, new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        try {
            return new DirStoreManagedConnection(this, openStore());
        } catch (RuntimeException e) {
            throw new ResourceException("cannot open DirStore " + storeName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Picks a connection of this factory's store that is still usable. DirStore connections carry no
     * per-user state, so any live connection to the same store matches.
     */
    @Override
    public ManagedConnection matchManagedConnections(@SuppressWarnings("rawtypes") Set candidates, Subject subject,
            ConnectionRequestInfo info) throws ResourceException {
        Path home = settings().home();
        for (Object o : candidates) {
            if (o instanceof DirStoreManagedConnection mc && mc.isUsable() && mc.home().equals(home)) {
                return mc;
            }
        }
        return null;
    }

    OpenStore openStore() {
        return StoreRegistry.INSTANCE.acquire(settings());
    }

    /** The configuration with defaults applied and system properties expanded. */
    StoreSettings settings() {
        String name = storeName == null || storeName.isBlank() ? "DemoStore" : storeName.trim();
        String homeText = expand(storeHome == null ? "" : storeHome.trim());
        Path home = homeText.isEmpty() ? dataDir().resolve("dirstore").resolve(name) : Path.of(homeText);
        List<Path> roots = new ArrayList<>();
        for (String r : expand(backupRoots == null ? "" : backupRoots).split(",")) {
            if (!r.isBlank()) {
                roots.add(Path.of(r.trim()).toAbsolutePath().normalize());
            }
        }
        int lease = snapshotLeaseSeconds == null ? 600 : snapshotLeaseSeconds;
        return new StoreSettings(name, home.toAbsolutePath().normalize(), fsync == null || fsync,
                List.copyOf(roots), Duration.ofSeconds(Math.max(1, lease)));
    }

    private static Path dataDir() {
        String d = System.getProperty("jboss.server.data.dir");
        return Path.of(d != null ? d : System.getProperty("java.io.tmpdir"));
    }

    static String expand(String text) {
        Matcher m = PROPERTY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = System.getProperty(m.group(1));
            if (v == null) {
                v = m.group(2) != null ? m.group(2)
                        : "jboss.server.data.dir".equals(m.group(1)) ? dataDir().toString() : "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return TransactionSupportLevel.XATransaction;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        this.resourceAdapter = ra;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    public String getStoreName() {
        return storeName;
    }

    public void setStoreName(String storeName) {
        this.storeName = storeName;
    }

    public String getStoreHome() {
        return storeHome;
    }

    public void setStoreHome(String storeHome) {
        this.storeHome = storeHome;
    }

    public Boolean getFsync() {
        return fsync;
    }

    public void setFsync(Boolean fsync) {
        this.fsync = fsync;
    }

    public String getBackupRoots() {
        return backupRoots;
    }

    public void setBackupRoots(String backupRoots) {
        this.backupRoots = backupRoots;
    }

    public Integer getSnapshotLeaseSeconds() {
        return snapshotLeaseSeconds;
    }

    public void setSnapshotLeaseSeconds(Integer snapshotLeaseSeconds) {
        this.snapshotLeaseSeconds = snapshotLeaseSeconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirStoreManagedConnectionFactory f
                && Objects.equals(storeName, f.storeName) && Objects.equals(storeHome, f.storeHome)
                && Objects.equals(fsync, f.fsync) && Objects.equals(backupRoots, f.backupRoots)
                && Objects.equals(snapshotLeaseSeconds, f.snapshotLeaseSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(storeName, storeHome, fsync, backupRoots, snapshotLeaseSeconds);
    }
}
