package org.dirstore.bench.peer;

/** One open instance of a peer taking durable commits from several threads. */
public interface Subject extends AutoCloseable {
    /** Durably commits {@code value} as object {@code slot} of {@code thread}: returns once it would survive a crash. */
    void commit(int thread, int slot, byte[] value) throws Exception;

    /** fsyncs done so far, or -1 if the peer does not report them. */
    long forces();

    /** Commits done so far as the peer counts them, or -1 if it does not count them. */
    long commits();

    @Override
    void close() throws Exception;
}
