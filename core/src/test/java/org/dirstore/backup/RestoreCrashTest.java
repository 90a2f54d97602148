package org.dirstore.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.dirstore.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a JVM that is restoring leaves the target untouched (absent here) and at most a
 * {@code .partial} sibling directory; a new restore then succeeds.
 */
class RestoreCrashTest {
    @TempDir
    Path tmp;

    @Test
    void killedRestoreLeavesNoTarget() throws Exception {
        SyntheticStore store = new SyntheticStore(tmp.resolve("home"), 21);
        List<BackupSource.SourceFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            files.add(store.write("A/%02x/o%04d".formatted(i % 5, i), 2 << 20));
        }
        Path dir = Files.createDirectory(tmp.resolve("backups"));
        BackupArchive full = new BackupWriter(dir, Compression.GZIP, Clock.systemUTC())
                .write(BackupSource.full(SyntheticStore.STORE, 1, SyntheticStore.T0 + 1, files), BackupProgress.NONE);
        Path restores = Files.createDirectory(tmp.resolve("restores"));
        Path target = restores.resolve("target");

        try (ChildJvm child = ChildJvm.start(RestoreChild.class, dir.toString(), full.id(), target.toString())) {
            // the first pass verifies, the second extracts: wait for the extraction's progress to pass 50%
            String line = child.await(l -> l.equals("done") || extractingPastHalf(child.lines()), 120);
            child.kill();
            assertNotEquals("done", line, "restore finished before it could be killed");
            assertFalse(child.lines().contains("done"), "restore finished before the kill landed");
        }
        assertFalse(Files.exists(target), "a killed restore leaves no target");
        try (Stream<Path> left = Files.list(restores)) {
            for (Path p : left.toList()) {
                assertTrue(p.getFileName().toString().startsWith(".target.restore-")
                        && p.getFileName().toString().endsWith(ArchiveNames.PARTIAL_SUFFIX), "unexpected " + p);
            }
        }

        RestoreResult again = new BackupRestorer().restore(BackupCatalog.scan(dir).chainTo(full.id()), target,
                OptionalLong.empty(), BackupProgress.NONE);
        assertEquals(files.size(), again.files());
        BackupRoundTripTest.assertSameContents(SyntheticStore.contents(store.home()), SyntheticStore.contents(target));
    }

    /** True once progress has restarted from zero (extraction) and passed half of it. */
    private static boolean extractingPastHalf(List<String> lines) {
        boolean extracting = false;
        long previous = -1;
        for (String l : lines) {
            String[] parts = l.split(" ");
            if (parts.length != 3 || !parts[0].equals("progress")) {
                continue;
            }
            long bytes = Long.parseLong(parts[1]);
            long total = Long.parseLong(parts[2]);
            if (bytes < previous) {
                extracting = true;
            }
            previous = bytes;
            if (extracting && bytes * 2 >= total) {
                return true;
            }
        }
        return false;
    }
}
