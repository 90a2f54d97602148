package org.dirstore.connector.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.resource.cci.LocalTransaction;

import org.dirstore.store.RevisionInfo;

/**
 * A connection handle to one DirStore store.
 *
 * <p>Inside a JTA transaction every call works in that transaction's store branch (snapshot
 * isolation; write-write conflicts surface when the container commits, as a rolled-back
 * transaction). Inside a {@linkplain #getLocalTransaction() local transaction} calls work in it.
 * Outside both, each call runs in a transaction of its own that commits at once (auto-commit).
 *
 * <p>Typed methods map values with JSON-B ({@link JsonbCodec}); stored bytes are never given to
 * Java native deserialization. Handles are not thread-safe. {@link #close()} returns the handle to
 * the pool; it does not end the transaction.
 */
public interface DirStoreConnection extends AutoCloseable {

    /** A fresh oid, never handed out before by this store. */
    long newOid();

    /** The object's bytes, or empty if it does not exist in this transaction's view. */
    Optional<byte[]> read(long oid);

    /** The object mapped from JSON to {@code type}, or empty if it does not exist. */
    <T> Optional<T> readValue(long oid, Class<T> type);

    /** Writes a new revision of {@code oid}; {@code refs} are the oids this revision references. */
    void write(long oid, byte[] data, long... refs);

    /** Writes {@code value} as JSON; {@code refs} are the oids it references. */
    void writeValue(long oid, Object value, long... refs);

    /** Deletes the object (its history stays readable until packed). */
    void delete(long oid);

    /** Adds {@code oid} to the commit-time validation set (serializable read of that object). */
    void readCurrent(long oid);

    /** The oid bound to a named root. */
    OptionalLong root(String name);

    /** Binds a named root to an existing (or written in this transaction) object. */
    void setRoot(String name, long oid);

    /** All named roots as this transaction sees them. */
    Map<String, Long> roots();

    /** The committed revisions of {@code oid}, newest first. */
    List<RevisionInfo> history(long oid);

    /** The tid of the last committed transaction of the store. */
    long lastTid();

    /**
     * A resource-local transaction for use outside JTA (for example in a bean-managed component
     * without {@code UserTransaction}); not allowed while a JTA transaction is active.
     */
    LocalTransaction getLocalTransaction();

    /** Returns the handle to the container; further calls fail. Idempotent. */
    @Override
    void close();
}
