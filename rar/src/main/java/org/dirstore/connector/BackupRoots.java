package org.dirstore.connector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Enforces the {@code backupRoots} setting: backups may only be written below one of them. */
final class BackupRoots {
    private BackupRoots() {
    }

    /**
     * The target directory, resolved (symbolic links of existing parents followed), if it lies
     * under one of {@code roots}; otherwise an {@link IllegalArgumentException} naming the roots.
     */
    static Path require(List<Path> roots, String target) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("give a target directory under one of the backup roots " + roots);
        }
        Path t = Path.of(target.trim());
        if (!t.isAbsolute()) {
            throw new IllegalArgumentException("the backup target must be an absolute path: " + target);
        }
        Path resolved = real(t.normalize());
        for (Path root : roots) {
            if (resolved.startsWith(real(root.normalize()))) {
                return resolved;
            }
        }
        throw new IllegalArgumentException("refused: " + target + " is not under an allowed backup root "
                + roots + " (connection factory property backupRoots)");
    }

    /** The path with its longest existing prefix replaced by its real path. */
    private static Path real(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p));
        } catch (IOException e) {
            return p;
        }
    }
}
