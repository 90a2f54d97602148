package org.dirstore.it.support;

import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.transaction.TransactionManager;

import org.dirstore.connector.api.DirStoreConnection;
import org.dirstore.connector.api.DirStoreConnectionFactory;

/** Container-managed transactions that write the store, alone or together with JMS or a halting resource. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class TxProbe {
    @Resource(lookup = "java:/dirstore/DemoStore")
    DirStoreConnectionFactory store;

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory xaJms;

    @Resource(lookup = SupportResource.QUEUE)
    Queue queue;

    @Resource(lookup = "java:/TransactionManager")
    TransactionManager tm;

    @EJB
    Spoiler spoiler;

    /** Writes {@code key=value}; then commits, throws an application exception or a system exception. */
    public long write(String key, String value, String mode) throws ProbeFailure {
        long oid;
        try (DirStoreConnection c = Probes.connect(store)) {
            oid = Probes.put(c, key, value);
        }
        fail(mode);
        return oid;
    }

    /** Reads the value of {@code key} in a transaction. */
    public Optional<String> read(String key) {
        try (DirStoreConnection c = Probes.connect(store)) {
            return Probes.get(c, key);
        }
    }

    /**
     * Writes {@code key=value} and sends a JMS message with property key in the same transaction.
     * mode {@code conflict}: another transaction changes the same object and commits first, so the
     * store's prepare fails; {@code app}/{@code system}: an exception after both.
     */
    public void writeAndSend(String key, String value, String mode) throws ProbeFailure {
        try (DirStoreConnection c = Probes.connect(store)) {
            Probes.put(c, key, value);
        }
        try (JMSContext ctx = xaJms.createContext()) {
            ctx.createProducer().setProperty("key", key).send(queue, value);
        }
        if ("conflict".equals(mode)) {
            spoiler.overwrite(key, "spoiler");
        }
        fail(mode);
    }

    /**
     * Enlists a resource that halts the JVM in its commit, then writes {@code key=value}: the
     * transaction manager commits the halting resource first, so the server dies after the commit
     * decision and before the store's commit, leaving the store's branch in doubt.
     */
    public void writeThenHalt(String key, String value, String marker) throws Exception {
        tm.getTransaction().enlistResource(new HaltingXAResource(marker));
        try (DirStoreConnection c = Probes.connect(store)) {
            Probes.put(c, key, value);
        }
    }

    private static void fail(String mode) throws ProbeFailure {
        if ("app".equals(mode)) {
            throw new ProbeFailure("application exception after the writes");
        }
        if ("system".equals(mode)) {
            throw new IllegalStateException("system exception after the writes");
        }
    }
}
