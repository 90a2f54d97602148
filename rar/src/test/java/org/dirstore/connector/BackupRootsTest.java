package org.dirstore.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRootsTest {
    @TempDir
    Path dir;

    @Test
    void acceptsTargetsUnderARootAndRefusesEscapes() throws Exception {
        Path root = Files.createDirectories(dir.resolve("backups"));
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        List<Path> roots = List.of(root);
        assertEquals(root.toRealPath().resolve("daily"), BackupRoots.require(roots, root.resolve("daily").toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackupRoots.require(roots, outside.toString()));
        assertTrue(e.getMessage().contains("not under an allowed backup root"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BackupRoots.require(roots, root + "/../elsewhere"));
        assertThrows(IllegalArgumentException.class, () -> BackupRoots.require(roots, "relative/dir"));
        assertThrows(IllegalArgumentException.class, () -> BackupRoots.require(roots, " "));
        // a link inside the root that points outside it is refused too
        Path link = Files.createSymbolicLink(root.resolve("link"), outside);
        assertThrows(IllegalArgumentException.class, () -> BackupRoots.require(roots, link.resolve("x").toString()));
    }
}
