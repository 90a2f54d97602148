package org.dirstore.snapshot;

import java.nio.file.Path;

/**
 * One file of a backup set: its path relative to HOME (with '/' separators, e.g.
 * {@code A/t/01a210/d4b/01a210d42b020000.tx}), where it is now, and its size.
 */
public record SnapshotFile(String relativePath, Path file, long size) {
    public SnapshotFile {
        if (relativePath.startsWith("/") || relativePath.contains("..") || relativePath.contains("\\")) {
            throw new IllegalArgumentException("not a relative store path: " + relativePath);
        }
    }
}
