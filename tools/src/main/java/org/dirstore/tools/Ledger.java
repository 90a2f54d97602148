package org.dirstore.tools;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.dirstore.store.Store;
import org.dirstore.txn.Transaction;

/**
 * A small bank ledger kept in a store: a root {@value #ROOT} naming a list object that references
 * one object per account, each holding a balance. Transfers move money between two accounts, so
 * the total never changes: a restored store can be checked with {@link #total(Store)}.
 */
final class Ledger {
    static final String ROOT = "ledger";

    private final long[] accounts;

    private Ledger(long[] accounts) {
        this.accounts = accounts;
    }

    /** Opens the ledger of {@code store}, creating it with {@code count} accounts if it has none. */
    static Ledger openOrCreate(Store store, int count, long initialBalance) {
        try (Transaction t = store.begin()) {
            OptionalLong list = t.root(ROOT);
            if (list.isPresent()) {
                return new Ledger(decodeList(t.read(list.getAsLong()).orElseThrow(
                        () -> new IllegalStateException("ledger list object " + list.getAsLong() + " is missing"))));
            }
            long[] accounts = new long[count];
            for (int i = 0; i < count; i++) {
                accounts[i] = t.newOid();
                t.write(accounts[i], encode(initialBalance));
            }
            long listOid = t.newOid();
            t.write(listOid, encodeList(accounts), accounts);
            t.setRoot(ROOT, listOid);
            t.setDescription("create ledger with " + count + " accounts");
            t.commit();
            return new Ledger(accounts);
        }
    }

    int size() {
        return accounts.length;
    }

    /**
     * Moves up to {@code amount} from account {@code from} to account {@code to} (indexes) in one
     * transaction; returns its tid. Throws the store's conflict exception if another transfer won.
     */
    long transfer(Store store, int from, int to, long amount) {
        try (Transaction t = store.begin()) {
            long a = decode(t.read(accounts[from]).orElseThrow());
            long b = decode(t.read(accounts[to]).orElseThrow());
            long moved = Math.min(amount, a);
            t.write(accounts[from], encode(a - moved));
            t.write(accounts[to], encode(b + moved));
            t.setDescription("transfer " + moved + " from " + from + " to " + to);
            return t.commit();
        }
    }

    /** The sum of all balances, as of now. */
    static long total(Store store) {
        try (Transaction t = store.begin()) {
            OptionalLong list = t.root(ROOT);
            if (list.isEmpty()) {
                throw new IllegalStateException("store " + store.home() + " has no ledger (root '" + ROOT + "')");
            }
            long sum = 0;
            for (long oid : decodeList(t.read(list.getAsLong()).orElseThrow())) {
                sum += decode(t.read(oid).orElseThrow());
            }
            return sum;
        }
    }

    static byte[] encode(long balance) {
        return ByteBuffer.allocate(Long.BYTES).putLong(balance).array();
    }

    static long decode(byte[] data) {
        return ByteBuffer.wrap(data).getLong();
    }

    private static byte[] encodeList(long[] oids) {
        ByteBuffer buf = ByteBuffer.allocate(oids.length * Long.BYTES);
        for (long oid : oids) {
            buf.putLong(oid);
        }
        return buf.array();
    }

    private static long[] decodeList(byte[] data) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        long[] oids = new long[data.length / Long.BYTES];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = buf.getLong();
        }
        return oids;
    }
}
