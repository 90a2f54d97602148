package org.dirstore.demo;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.logging.Logger;

import jakarta.ejb.EJBException;

import org.dirstore.txn.ConflictException;

/**
 * Retry of a unit of work whose commit lost a write-write conflict. Call it from code that runs
 * without a transaction (for example a NOT_SUPPORTED bean), around a call to a bean method that
 * starts its own: each attempt then gets a new transaction with a fresh snapshot.
 */
public final class Retry {
    /** Attempts before a conflict is given up and reported. */
    public static final int MAX_ATTEMPTS = 25;
    private static final Logger LOG = Logger.getLogger(Retry.class.getName());

    private Retry() {
    }

    /** A unit of work that may throw the ledger's application exception. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws LedgerException;
    }

    /**
     * Runs {@code work} (which must start its own transaction) and retries it, with a short random
     * back-off, while its commit fails on a write-write conflict.
     */
    public static <T> T retrying(Work<T> work) throws LedgerException {
        for (int attempt = 1;; attempt++) {
            try {
                return work.run();
            } catch (EJBException e) {
                if (!isConflict(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                final int a = attempt;
                LOG.fine(() -> "write conflict, attempt " + a + ": " + e);
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 + 5 * a));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** True if the failure is a write-write conflict found at commit (anywhere in the cause chain). */
    public static boolean isConflict(Throwable e) {
        Predicate<Throwable> conflict = t -> t instanceof ConflictException;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (conflict.test(t)) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                for (Throwable u = s; u != null; u = u.getCause()) {
                    if (conflict.test(u)) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
