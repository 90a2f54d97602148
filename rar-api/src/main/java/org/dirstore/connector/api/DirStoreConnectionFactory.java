package org.dirstore.connector.api;

import java.io.Serializable;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;

/**
 * Entry point an application looks up in JNDI (for example {@code java:/dirstore/DemoStore}) or
 * injects with {@code @Resource(lookup = ...)}. Each {@link #getConnection()} returns a handle that
 * joins the caller's container transaction; close it when done (try-with-resources).
 */
public interface DirStoreConnectionFactory extends Serializable, Referenceable {

    /** A connection handle, enlisted in the current JTA transaction if there is one. */
    DirStoreConnection getConnection() throws ResourceException;

    /** The configured store name (also the {@code name} key of the store's MBean). */
    String storeName();
}
