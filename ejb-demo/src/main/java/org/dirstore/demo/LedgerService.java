package org.dirstore.demo;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * The ledger as clients use it: each call runs the {@link Ledger} unit of work in a transaction of
 * its own and retries it when the commit lost a write-write conflict. This bean runs with no
 * transaction (NOT_SUPPORTED) on purpose: a retry must start a new transaction with a new snapshot.
 * The retry loop is {@link Retry#retrying}: copy it for your own units of work.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LedgerService {
    @EJB
    private Ledger ledger;

    public Account openAccount(String id, long initialBalance) throws LedgerException {
        return Retry.retrying(() -> ledger.openAccount(id, initialBalance));
    }

    public Transfer transfer(String from, String to, long amount) throws LedgerException {
        return Retry.retrying(() -> ledger.transfer(from, to, amount));
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
}
