package org.dirstore.demo;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.dirstore.txn.ConflictException;

/**
 * The ledger as clients use it: each call runs the {@link Ledger} unit of work in a transaction of
 * its own and retries it when the commit lost a write-write conflict. This bean runs with no
 * transaction (NOT_SUPPORTED) on purpose: a retry must start a new transaction with a new snapshot.
 * Copy {@link #retrying} for your own units of work.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LedgerService {
    /** Attempts before a conflict is given up and reported. */
    public static final int MAX_ATTEMPTS = 25;
    private static final Logger LOG = Logger.getLogger(LedgerService.class.getName());

    @EJB
    private Ledger ledger;

    /** A unit of work that may throw the ledger's application exception. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws LedgerException;
    }

    public Account openAccount(String id, long initialBalance) throws LedgerException {
        return retrying(() -> ledger.openAccount(id, initialBalance));
    }

    public Transfer transfer(String from, String to, long amount) throws LedgerException {
        return retrying(() -> ledger.transfer(from, to, amount));
    }

    public Account account(String id) throws LedgerException {
        return ledger.account(id);
    }

    public List<Account> accounts() {
        return ledger.accounts();
    }

    public long total() {
        return ledger.total();
    }

    public Transfer findTransfer(long oid) {
        return ledger.findTransfer(oid);
    }

    public List<Transfer> transfers(String id, int limit) throws LedgerException {
        return ledger.transfers(id, limit);
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
