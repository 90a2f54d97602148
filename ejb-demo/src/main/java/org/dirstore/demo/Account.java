package org.dirstore.demo;

/**
 * An account as stored (JSON): its balance, how many transfers touched it, and the oid of the
 * newest of them (the head of its transfer chain, 0 when none).
 */
public class Account {
    private String id;
    private long balance;
    private long transfers;
    private long lastTransfer;

    public Account() {
    }

    public Account(String id, long balance) {
        this.id = id;
        this.balance = balance;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public long getBalance() {
        return balance;
    }

    public void setBalance(long balance) {
        this.balance = balance;
    }

    public long getTransfers() {
        return transfers;
    }

    public void setTransfers(long transfers) {
        this.transfers = transfers;
    }

    public long getLastTransfer() {
        return lastTransfer;
    }

    public void setLastTransfer(long lastTransfer) {
        this.lastTransfer = lastTransfer;
    }
}
