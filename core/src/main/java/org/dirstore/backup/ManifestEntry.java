package org.dirstore.backup;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a backup: its path relative to the store home ('/'-separated), its size in bytes
 * and the SHA-256 of its content as 64 lowercase hex digits.
 */
public record ManifestEntry(String path, long size, String sha256) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ManifestEntry {
        EntryPaths.require(path);
        if (path.equals(EntryPaths.MANIFEST_ENTRY)) {
            throw new IllegalArgumentException("entry path '" + path + "' is reserved for the manifest");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + path);
        }
        Objects.requireNonNull(sha256, "sha256");
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("bad SHA-256 '" + sha256 + "' for " + path + " (need 64 lowercase hex digits)");
        }
    }
}
