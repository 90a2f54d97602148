package org.dirstore.backup;

import java.time.Duration;

/**
 * Which backups expiry keeps. A chain here is a full backup with every incremental that descends
 * from it. A backup is kept if any rule keeps it; keeping a backup always keeps all its ancestors,
 * and the newest chain of each store is always kept.
 *
 * @param keepChains keep the newest this many chains of each store (0: rule off)
 * @param keepFor    keep every backup created within this duration before now, with its
 *                   ancestors (null: rule off)
 */
public record RetentionPolicy(int keepChains, Duration keepFor) {
    public RetentionPolicy {
        if (keepChains < 0) {
            throw new IllegalArgumentException("keepChains must be >= 0, got " + keepChains);
        }
        if (keepFor != null && keepFor.isNegative()) {
            throw new IllegalArgumentException("keepFor must not be negative, got " + keepFor);
        }
        if (keepChains == 0 && keepFor == null) {
            throw new IllegalArgumentException("a retention policy needs a number of chains or a duration to keep");
        }
    }

    /** Keep the newest {@code n} chains of each store. */
    public static RetentionPolicy keepNewestChains(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("must keep at least one chain, got " + n);
        }
        return new RetentionPolicy(n, null);
    }

    /** Keep every backup created within {@code duration}, with what it depends on. */
    public static RetentionPolicy keepFor(Duration duration) {
        return new RetentionPolicy(0, duration);
    }
}
