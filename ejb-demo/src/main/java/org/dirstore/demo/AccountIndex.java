package org.dirstore.demo;

import java.util.TreeMap;

/** The ledger's entry object (named root {@code ledger}): account id to account oid. */
public class AccountIndex {
    private TreeMap<String, Long> accounts = new TreeMap<>();

    public TreeMap<String, Long> getAccounts() {
        return accounts;
    }

    public void setAccounts(TreeMap<String, Long> accounts) {
        this.accounts = accounts;
    }
}
