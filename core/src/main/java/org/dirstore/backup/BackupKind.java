package org.dirstore.backup;

import java.util.Locale;

/** Whether a backup holds the whole store or only the transactions after its parent. */
public enum BackupKind {
    /** Every file of the store at one transaction boundary; starts a chain. */
    FULL("full"),
    /** The files of the transactions in (afterTid, upToTid]; needs its parent. */
    INCREMENTAL("incremental");

    private final String token;

    BackupKind(String token) {
        this.token = token;
    }

    /** The word used for this kind in manifests and file names. */
    public String token() {
        return token;
    }

    /** Parses the manifest word, as written by {@link #token()}. */
    public static BackupKind fromToken(String token) {
        for (BackupKind kind : values()) {
            if (kind.token.equals(token)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown backup kind '" + token + "' (expected full or incremental)");
    }

    @Override
    public String toString() {
        return token.toUpperCase(Locale.ROOT);
    }
}
