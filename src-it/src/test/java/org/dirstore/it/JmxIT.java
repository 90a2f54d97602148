package org.dirstore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store's MBean seen from a remote JMX client through WildFly's management port. */
@ExtendWith(ArquillianExtension.class)
class JmxIT {
    private static final String RUN = Long.toString(System.nanoTime(), 36);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.earWithSupport();
    }

    private final Http http = Http.arquillianServer();

    @Test
    void attributesFollowTheStore() throws Exception {
        // the store opens with the first connection
        assertEquals(200, http.post("/it-support/api/write?key=jmx-" + RUN + "&value=1").status());
        try (Jmx jmx = new Jmx(Integer.getInteger("it.management.port"))) {
            assertEquals("DemoStore", jmx.get("Name"));
            UUID.fromString((String) jmx.get("Identity"));
            assertTrue(((String) jmx.get("Home")).endsWith("dirstore/DemoStore"), (String) jmx.get("Home"));
            assertEquals(Boolean.TRUE, jmx.get("Fsync"));
            long before = (Long) jmx.get("LastTid");
            long commits = (Long) jmx.get("Commits");
            assertEquals(200, http.post("/it-support/api/write?key=jmx-" + RUN + "&value=2").status());
            assertTrue((Long) jmx.get("LastTid") > before, "a commit advances LastTid");
            assertTrue((Long) jmx.get("Commits") > commits);
            assertTrue((Long) jmx.get("Objects") >= 1);
            assertArrayEquals(new String[0], (String[]) jmx.get("InDoubtTransactions"));
        }
    }

    @Test
    void refusedRequestsSayWhy() throws Exception {
        assertEquals(200, http.post("/it-support/api/write?key=jmx-r-" + RUN + "&value=1").status());
        try (Jmx jmx = new Jmx(Integer.getInteger("it.management.port"))) {
            MBeanInfo info = jmx.server.getMBeanInfo(jmx.store);
            boolean hasCommitInDoubt = false;
            for (MBeanOperationInfo op : info.getOperations()) {
                hasCommitInDoubt |= op.getName().equals("commitInDoubt");
            }
            assertTrue(hasCommitInDoubt);
            Exception e = assertThrows(Exception.class, () -> jmx.invoke("commitInDoubt",
                    new Object[] {"1:00:00"}, new String[] {String.class.getName()}));
            Throwable cause = e instanceof MBeanException m ? m.getCause() : e;
            assertTrue(String.valueOf(cause).contains("no in-doubt branch 1:00:00"), String.valueOf(cause));
        }
    }
}
