package org.dirstore.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.dirstore.format.Tids;
import org.junit.jupiter.api.Test;

class BackupManifestTest {
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "0123456789abcdef".repeat(4);

    private static BackupManifest incremental() {
        return new BackupManifest("3f2a9c1b-0192f3a4b5c60002-incr", SyntheticStore.STORE, 1, BackupKind.INCREMENTAL,
                0x0192f3a4b5c60001L, 0x0192f3a4b5c60002L, "3f2a9c1b-0192f3a4b5c60001-full",
                Instant.parse("2026-11-25T03:40:00.123Z"), Compression.GZIP,
                List.of(new ManifestEntry("A/00/00/o1.2", 10, SHA_A), new ManifestEntry("txn/with space", 0, SHA_B)));
    }

    @Test
    void textFormatIsExactlyAsDocumented() throws Exception {
        String text = incremental().toText();
        String body = """
                dirstore-backup-manifest 1
                id 3f2a9c1b-0192f3a4b5c60002-incr
                store 3f2a9c1b-7d4e-4c2a-9b1f-0123456789ab
                format 1
                kind incremental
                after-tid 0192f3a4b5c60001
                upto-tid 0192f3a4b5c60002
                parent 3f2a9c1b-0192f3a4b5c60001-full
                created 2026-11-25T03:40:00.123Z
                compression gzip
                entries 2
                entry 10 %s A/00/00/o1.2
                entry 0 %s txn/with space
                """.formatted(SHA_A, SHA_B);
        assertEquals(body + "manifest-sha256 " + Sha256.hex(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\n",
                text);
        assertEquals(incremental(), BackupManifest.parse(text, "test"));
    }

    @Test
    void fullBackupHasNoParentAndRoundTrips() throws Exception {
        BackupManifest full = new BackupManifest("x-full", SyntheticStore.STORE, 3, BackupKind.FULL, 0, 42, null,
                Instant.parse("2026-01-01T00:00:00Z"), Compression.NONE, List.of());
        assertTrue(full.toText().contains("\nparent -\n"));
        assertEquals(full, BackupManifest.parse(full.toText(), "test"));
    }

    @Test
    void editedManifestFailsItsChecksum() {
        String tampered = incremental().toText().replace("entry 10 ", "entry 11 ");
        BackupException e = assertThrows(BackupException.class, () -> BackupManifest.parse(tampered, "m.manifest"));
        assertEquals("m.manifest: manifest checksum mismatch (manifest damaged or edited)", e.getMessage());
    }

    @Test
    void truncatedManifestIsRefused() {
        String text = incremental().toText();
        String cut = text.substring(0, text.indexOf("entry 0"));
        BackupException e = assertThrows(BackupException.class, () -> BackupManifest.parse(cut, "m"));
        assertEquals("m: manifest ends early after line 12", e.getMessage(), e.getMessage());
    }

    @Test
    void escapingPathInManifestIsRefused() {
        String text = incremental().toText().replace("A/00/00/o1.2", "../o1.2");
        BackupException e = assertThrows(BackupException.class, () -> BackupManifest.parse(text, "m"));
        assertTrue(e.getMessage().contains("'..' segment escapes the target"), e.getMessage());
    }

    @Test
    void notAManifest() {
        BackupException e = assertThrows(BackupException.class, () -> BackupManifest.parse("hello\n", "m"));
        assertTrue(e.getMessage().contains("not a DirStore backup manifest"), e.getMessage());
    }

    @Test
    void invariantsOfKinds() {
        Instant now = Instant.now();
        assertThrows(IllegalArgumentException.class, () -> new BackupManifest("a", SyntheticStore.STORE, 1,
                BackupKind.FULL, 5, 9, null, now, Compression.NONE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new BackupManifest("a", SyntheticStore.STORE, 1,
                BackupKind.INCREMENTAL, 5, 9, null, now, Compression.NONE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new BackupManifest("a", SyntheticStore.STORE, 1,
                BackupKind.INCREMENTAL, 9, 9, "p", now, Compression.NONE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new BackupManifest("a/b", SyntheticStore.STORE, 1,
                BackupKind.FULL, 0, 9, null, now, Compression.NONE, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new BackupManifest("a", SyntheticStore.STORE, 1,
                BackupKind.FULL, 0, 9, null, now, Compression.NONE,
                List.of(new ManifestEntry("x", 1, SHA_A), new ManifestEntry("x", 1, SHA_A))));
    }

    @Test
    void entryPathRules() {
        assertEquals(null, EntryPaths.problem("A/00/o1"));
        assertEquals("absolute path", EntryPaths.problem("/etc/passwd"));
        assertEquals("'..' segment escapes the target", EntryPaths.problem("A/../../x"));
        assertEquals("empty path segment", EntryPaths.problem("A//x"));
        assertEquals("'.' segment", EntryPaths.problem("./x"));
        assertEquals("backslash in path", EntryPaths.problem("..\\x"));
        assertEquals("control character in path", EntryPaths.problem("a\nb"));
        assertEquals("absolute path (drive letter)", EntryPaths.problem("C:/x"));
    }

    @Test
    void tidsMustBeSixteenHexDigits() {
        String text = incremental().toText().replace("after-tid 0192f3a4b5c60001", "after-tid 12");
        BackupException e = assertThrows(BackupException.class, () -> BackupManifest.parse(text, "m"));
        assertEquals("m: line 6: tid '12' must be 16 lowercase hex digits", e.getMessage());
    }
}
