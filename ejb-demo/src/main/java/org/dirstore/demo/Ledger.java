package org.dirstore.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.ResourceException;

import org.dirstore.connector.api.DirStoreConnection;
import org.dirstore.connector.api.DirStoreConnectionFactory;
import org.dirstore.demo.LedgerException.Reason;

/**
 * The ledger's unit-of-work bean: every method runs in a container-managed transaction (REQUIRED),
 * so all reads of one call see one snapshot and all writes commit together or not at all.
 * Write-write conflicts with concurrent transactions surface when the container commits; callers
 * that want them retried go through {@link LedgerService}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class Ledger {
    /** Name of the root that holds the {@link AccountIndex}. */
    public static final String ROOT = "ledger";

    @Resource(lookup = "java:/dirstore/DemoStore")
    private DirStoreConnectionFactory factory;

    private DirStoreConnection connect() {
        try {
            return factory.getConnection();
        } catch (ResourceException e) {
            throw new EJBException("cannot connect to DirStore: " + e.getMessage(), e);
        }
    }

    /** Opens an account with an initial balance. */
    public Account openAccount(String id, long initialBalance) throws LedgerException {
        if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new LedgerException(Reason.INVALID, "account id must be 1-64 letters, digits, '_', '.' or '-'");
        }
        if (initialBalance < 0) {
            throw new LedgerException(Reason.INVALID, "initial balance must not be negative");
        }
        try (DirStoreConnection c = connect()) {
            OptionalLong indexOid = c.root(ROOT);
            AccountIndex index = indexOid.isPresent()
                    ? c.readValue(indexOid.getAsLong(), AccountIndex.class).orElseGet(AccountIndex::new)
                    : new AccountIndex();
            if (index.getAccounts().containsKey(id)) {
                throw new LedgerException(Reason.ACCOUNT_EXISTS, "account " + id + " exists");
            }
            Account account = new Account(id, initialBalance);
            long oid = c.newOid();
            c.writeValue(oid, account);
            index.getAccounts().put(id, oid);
            long idx = indexOid.isPresent() ? indexOid.getAsLong() : c.newOid();
            c.writeValue(idx, index, index.getAccounts().values().stream().mapToLong(Long::longValue).toArray());
            if (indexOid.isEmpty()) {
                c.setRoot(ROOT, idx);
            }
            return account;
        }
    }

    /**
     * Moves {@code amount} from one account to another and records the transfer; returns it (with
     * its oid). Refuses unknown accounts, a non-positive amount and overdrafts.
     */
    public Transfer transfer(String from, String to, long amount) throws LedgerException {
        if (amount <= 0) {
            throw new LedgerException(Reason.INVALID, "amount must be positive");
        }
        if (from.equals(to)) {
            throw new LedgerException(Reason.INVALID, "from and to are the same account");
        }
        try (DirStoreConnection c = connect()) {
            Map<String, Long> index = index(c);
            long fromOid = oidOf(index, from);
            long toOid = oidOf(index, to);
            Account a = c.readValue(fromOid, Account.class).orElseThrow();
            Account b = c.readValue(toOid, Account.class).orElseThrow();
            if (a.getBalance() < amount) {
                throw new LedgerException(Reason.INSUFFICIENT_FUNDS,
                        "account " + from + " holds " + a.getBalance() + ", cannot transfer " + amount);
            }
            Transfer t = new Transfer();
            t.setOid(c.newOid());
            t.setFrom(from);
            t.setTo(to);
            t.setAmount(amount);
            t.setTime(Instant.now().toString());
            t.setPrevFrom(a.getLastTransfer());
            t.setPrevTo(b.getLastTransfer());
            c.writeValue(t.getOid(), t, refs(t.getPrevFrom(), t.getPrevTo()));
            a.setBalance(a.getBalance() - amount);
            b.setBalance(b.getBalance() + amount);
            a.setTransfers(a.getTransfers() + 1);
            b.setTransfers(b.getTransfers() + 1);
            a.setLastTransfer(t.getOid());
            b.setLastTransfer(t.getOid());
            c.writeValue(fromOid, a, t.getOid());
            c.writeValue(toOid, b, t.getOid());
            return t;
        }
    }

    /** The account, as of this transaction's snapshot. */
    public Account account(String id) throws LedgerException {
        try (DirStoreConnection c = connect()) {
            return c.readValue(oidOf(index(c), id), Account.class).orElseThrow();
        }
    }

    /** All accounts, read from one snapshot. */
    public List<Account> accounts() {
        try (DirStoreConnection c = connect()) {
            List<Account> all = new ArrayList<>();
            for (long oid : index(c).values()) {
                c.readValue(oid, Account.class).ifPresent(all::add);
            }
            return all;
        }
    }

    /** The sum of all balances, read from one snapshot: constant under transfers. */
    public long total() {
        return accounts().stream().mapToLong(Account::getBalance).sum();
    }

    /** A transfer by oid, if it exists. */
    public Transfer findTransfer(long oid) {
        try (DirStoreConnection c = connect()) {
            return c.readValue(oid, Transfer.class).filter(t -> t.getOid() == oid && t.getFrom() != null).orElse(null);
        }
    }

    /** The newest {@code limit} transfers of an account, newest first. */
    public List<Transfer> transfers(String id, int limit) throws LedgerException {
        try (DirStoreConnection c = connect()) {
            Account a = c.readValue(oidOf(index(c), id), Account.class).orElseThrow();
            List<Transfer> out = new ArrayList<>();
            long next = a.getLastTransfer();
            while (next != 0 && out.size() < limit) {
                Transfer t = c.readValue(next, Transfer.class).orElseThrow();
                out.add(t);
                next = id.equals(t.getFrom()) ? t.getPrevFrom() : t.getPrevTo();
            }
            return out;
        }
    }

    private static Map<String, Long> index(DirStoreConnection c) {
        OptionalLong oid = c.root(ROOT);
        if (oid.isEmpty()) {
            return Map.of();
        }
        return c.readValue(oid.getAsLong(), AccountIndex.class).map(AccountIndex::getAccounts)
                .map(m -> (Map<String, Long>) m).orElse(Map.of());
    }

    private static long oidOf(Map<String, Long> index, String id) throws LedgerException {
        Long oid = index.get(id);
        if (oid == null) {
            throw new LedgerException(Reason.UNKNOWN_ACCOUNT, "no account " + id);
        }
        return oid;
    }

    private static long[] refs(long... oids) {
        return java.util.Arrays.stream(oids).filter(o -> o != 0).toArray();
    }
}
