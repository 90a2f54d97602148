package org.dirstore.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.dirstore.testing.ChildJvm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kill -9 of a JVM that is writing a large backup leaves nothing that looks like a complete
 * backup: only {@code .partial} files, which the catalog ignores and later cleans.
 */
class BackupCrashTest {
    private static final int FILES = 40;
    private static final int FILE_SIZE = 4 << 20;

    private static boolean reached(String line, int percent) {
        String[] parts = line.split(" ");
        return parts.length == 3 && parts[0].equals("progress")
                && Long.parseLong(parts[1]) * 100 >= Long.parseLong(parts[2]) * percent;
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} killed at {1}%")
    @CsvSource({"gzip, 5", "gzip, 60", "none, 40", "none, 85"})
    void killedWriterLeavesNoCompleteLookingArchive(String compression, int killAtPercent) throws Exception {
        SyntheticStore store = new SyntheticStore(tmp.resolve("home"), killAtPercent);
        for (int i = 0; i < FILES; i++) {
            store.write("A/%02x/o%04d".formatted(i % 7, i), FILE_SIZE);
        }
        Path dir = Files.createDirectory(tmp.resolve("backups"));

        long killedAt;
        long total;
        try (ChildJvm child = ChildJvm.start(BackupWriterChild.class, store.home().toString(), dir.toString(), compression)) {
            String line = child.await(l -> l.equals("done") || reached(l, killAtPercent), 120);
            child.kill(); // SIGKILL: no shutdown hooks, no finally blocks
            assertNotEquals("done", line, "child finished before it could be killed");
            killedAt = Long.parseLong(line.split(" ")[1]);
            total = Long.parseLong(line.split(" ")[2]);
            assertFalse(child.lines().contains("done"), "child finished before the kill landed");
        }
        assertTrue(killedAt < total, "killed at " + killedAt + " of " + total + " bytes");

        BackupCatalog catalog = BackupCatalog.scan(dir);
        assertEquals(List.of(), catalog.backups());
        assertEquals(List.of(), catalog.problems());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                assertTrue(ArchiveNames.isPartial(name), "only partial files may remain, found " + name);
                assertTrue(ArchiveNames.parseArchiveName(name).isEmpty(), name + " looks like an archive");
            }
        }
        assertFalse(catalog.incomplete().isEmpty(), "the interrupted archive is listed as incomplete");

        assertEquals(catalog.incomplete().size(), catalog.cleanIncomplete(Duration.ZERO, Instant.now().plusSeconds(1)));
        BackupArchive again = new BackupWriter(dir, Compression.fromToken(compression), java.time.Clock.systemUTC())
                .write(BackupSource.full(SyntheticStore.STORE, 1, SyntheticStore.T0 + 1,
                        List.of(store.write("A/small", 10))), BackupProgress.NONE);
        assertNotNull(BackupCatalog.scan(dir).find(again.id()).orElse(null), "a new backup succeeds after the crash");
    }
}
