package org.dirstore.backup;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers (the algorithm is mandatory in every Java runtime). */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the Java runtime", e);
        }
    }

    static String hex(byte[] data) {
        return HexFormat.of().formatHex(newDigest().digest(data));
    }
}
