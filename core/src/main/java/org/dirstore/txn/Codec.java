package org.dirstore.txn;

/**
 * Maps application values to the bytes the store keeps, and back. The connector's API jar plugs in
 * a JSON-B codec here; stored data is never fed to Java native deserialization.
 */
public interface Codec<T> {
    byte[] encode(T value);

    T decode(byte[] bytes);
}
