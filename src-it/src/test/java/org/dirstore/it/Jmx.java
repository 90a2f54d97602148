package org.dirstore.it;

import java.io.IOException;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A remote JMX client as jconsole would connect: {@code service:jmx:remote+http://host:managementPort}.
 * Local same-user connections authenticate without a password.
 */
final class Jmx implements AutoCloseable {
    static final String STORE = "org.dirstore:type=Store,name=DemoStore";

    private final JMXConnector connector;
    final MBeanServerConnection server;
    final ObjectName store;

    Jmx(int managementPort) throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:remote+http://127.0.0.1:" + managementPort);
        this.connector = JMXConnectorFactory.connect(url, Map.of());
        this.server = connector.getMBeanServerConnection();
        try {
            this.store = new ObjectName(STORE);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    Object get(String attribute) throws Exception {
        return server.getAttribute(store, attribute);
    }

    Object invoke(String operation, Object[] args, String[] signature) throws Exception {
        return server.invoke(store, operation, args, signature);
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
