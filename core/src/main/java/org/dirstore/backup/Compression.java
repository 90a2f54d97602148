package org.dirstore.backup;

/** How a backup archive is compressed. */
public enum Compression {
    /** A plain POSIX tar file. */
    NONE("none", ".tar"),
    /** A tar file compressed with gzip (RFC 1952); made of two gzip members, see docs/backup-format.md. */
    GZIP("gzip", ".tar.gz");

    private final String token;
    private final String suffix;

    Compression(String token, String suffix) {
        this.token = token;
        this.suffix = suffix;
    }

    /** The word used in manifests and on the command line. */
    public String token() {
        return token;
    }

    /** The archive file name suffix, including the leading dot. */
    public String suffix() {
        return suffix;
    }

    /** Parses the manifest word, as written by {@link #token()}. */
    public static Compression fromToken(String token) {
        for (Compression c : values()) {
            if (c.token.equals(token)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression '" + token + "' (expected none or gzip)");
    }
}
