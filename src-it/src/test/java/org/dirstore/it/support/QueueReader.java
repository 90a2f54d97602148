package org.dirstore.it.support;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/** Receives the test message for a key, outside any transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueueReader {
    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory cf;

    @Resource(lookup = SupportResource.QUEUE)
    Queue queue;

    /** The body of the message for {@code key}, or null if none arrives within {@code millis}. */
    public String receive(String key, long millis) {
        try (JMSContext ctx = cf.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = ctx.createConsumer(queue, "key = '" + key.replace("'", "''") + "'")) {
            return consumer.receiveBody(String.class, millis);
        }
    }
}
