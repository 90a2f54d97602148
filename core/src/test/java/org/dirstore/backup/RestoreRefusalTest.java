package org.dirstore.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dirstore.format.Tids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets a clear error naming the problem, and nothing is written. */
class RestoreRefusalTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T04:00:00Z"), ZoneOffset.UTC);
    private static final BackupRestorer RESTORER = new BackupRestorer(BackupRoundTripTest::noTruncation);

    @TempDir
    Path tmp;
    Path dir;
    SyntheticStore store;
    BackupWriter writer;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectory(tmp.resolve("backups"));
        store = new SyntheticStore(tmp.resolve("home"), 7);
        writer = new BackupWriter(dir, Compression.NONE, CLOCK);
    }

    private BackupArchive full() throws IOException {
        return writer.write(BackupSource.full(SyntheticStore.STORE, 1, SyntheticStore.T0 + 1, store.writeInitialSet()),
                BackupProgress.NONE);
    }

    private BackupArchive incremental(BackupManifest parent, long upTo, String path) throws IOException {
        return writer.write(BackupSource.incremental(parent, upTo, List.of(store.write(path, 2000))), BackupProgress.NONE);
    }

    /** Runs a restore that must fail, and checks that nothing appeared or vanished under tmp. */
    private String refusedRestore(BackupChain chain, Path target, OptionalLong tid) throws IOException {
        Set<String> before = tree();
        BackupException e = assertThrows(BackupException.class,
                () -> RESTORER.restore(chain, target, tid, BackupProgress.NONE));
        assertEquals(before, tree(), "restore that failed changed files");
        assertTrue(!e.getMessage().contains("\n"), "one-line message: " + e.getMessage());
        return e.getMessage();
    }

    private Set<String> tree() throws IOException {
        try (Stream<Path> walk = Files.walk(tmp)) {
            Set<String> paths = new TreeSet<>();
            walk.forEach(p -> paths.add(tmp.relativize(p).toString()));
            return paths;
        }
    }

    @Test
    void gapInChainIsRefused() throws Exception {
        BackupArchive full = full();
        BackupArchive i1 = incremental(full.manifest(), SyntheticStore.T0 + 11, "A/01/a");
        BackupArchive gap = writer.write(new BackupSource(SyntheticStore.STORE, 1, BackupKind.INCREMENTAL,
                SyntheticStore.T0 + 15, SyntheticStore.T0 + 21, i1.id(), List.of(store.write("A/02/b", 10))),
                BackupProgress.NONE);

        BackupException e = assertThrows(BackupException.class, () -> BackupCatalog.scan(dir).chainTo(gap.id()));
        assertTrue(e.getMessage().contains("gap in chain: backup " + gap.id() + " covers (" + Tids.hex(SyntheticStore.T0 + 15)),
                e.getMessage());
        assertTrue(e.getMessage().contains("ends at " + Tids.hex(SyntheticStore.T0 + 11)), e.getMessage());
        assertTrue(e.getMessage().startsWith(gap.archive().toString()), "names the archive: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BackupChain(List.of(full, i1, gap)));
    }

    @Test
    void missingMiddleBackupIsRefused() throws Exception {
        BackupArchive full = full();
        BackupArchive i1 = incremental(full.manifest(), SyntheticStore.T0 + 11, "A/01/a");
        BackupArchive i2 = incremental(i1.manifest(), SyntheticStore.T0 + 21, "A/02/b");
        Files.delete(i1.archive());

        BackupException e = assertThrows(BackupException.class, () -> BackupCatalog.scan(dir).chainTo(i2.id()));
        assertEquals(i2.archive() + ": backup " + i2.id() + " needs parent " + i1.id() + ", which is not in " + dir,
                e.getMessage());
        BackupException structural = assertThrows(BackupException.class, () -> BackupChain.of(List.of(full, i2)));
        assertTrue(structural.getMessage().contains("gap in chain"), structural.getMessage());
        // the chain object read before the archive vanished still cannot be restored
        String msg = refusedRestore(new BackupChain(List.of(full, i1, i2)), tmp.resolve("target"), OptionalLong.empty());
        assertEquals(i1.archive() + ": archive of backup " + i1.id() + " is missing", msg);
    }

    @Test
    void foreignStoreIsRefused() throws Exception {
        BackupArchive full = full();
        BackupArchive foreign = writer.write(new BackupSource(SyntheticStore.OTHER_STORE, 1, BackupKind.INCREMENTAL,
                full.manifest().upToTid(), SyntheticStore.T0 + 9, full.id(), List.of(store.write("A/09/x", 5))),
                BackupProgress.NONE);

        BackupException e = assertThrows(BackupException.class, () -> BackupCatalog.scan(dir).chainTo(foreign.id()));
        assertEquals(foreign.archive() + ": backup " + foreign.id() + " is from a foreign store "
                + SyntheticStore.OTHER_STORE + ", the chain is of store " + SyntheticStore.STORE, e.getMessage());
    }

    @Test
    void chainMustStartWithAFullBackup() throws Exception {
        BackupArchive full = full();
        BackupArchive i1 = incremental(full.manifest(), SyntheticStore.T0 + 11, "A/01/a");
        BackupException e = assertThrows(BackupException.class, () -> BackupChain.of(List.of(i1)));
        assertTrue(e.getMessage().contains("chain starts with incremental backup " + i1.id()), e.getMessage());
    }

    @Test
    void badChecksumInALaterArchiveIsRefusedBeforeAnythingIsWritten() throws Exception {
        BackupArchive full = full();
        BackupArchive i1 = incremental(full.manifest(), SyntheticStore.T0 + 11, "A/01/a");
        byte[] content = Files.readAllBytes(store.home().resolve("A/01/a"));
        byte[] archive = Files.readAllBytes(i1.archive());
        int at = indexOf(archive, content);
        archive[at + 100] ^= 0x01;
        Files.write(i1.archive(), archive);

        BackupChain chain = BackupCatalog.scan(dir).chainTo(i1.id());
        String msg = refusedRestore(chain, tmp.resolve("target"), OptionalLong.empty());
        assertTrue(msg.startsWith(i1.archive() + ": checksum mismatch for 'A/01/a' (SHA-256 "), msg);
        BackupException v = assertThrows(BackupException.class, () -> BackupVerifier.verify(chain, BackupProgress.NONE));
        assertEquals(msg, v.getMessage());
    }

    @Test
    void truncatedCompressedArchiveIsRefused() throws Exception {
        BackupWriter gz = new BackupWriter(dir, Compression.GZIP, CLOCK);
        BackupArchive full = gz.write(BackupSource.full(SyntheticStore.STORE, 1, SyntheticStore.T0 + 1,
                store.writeInitialSet()), BackupProgress.NONE);
        byte[] bytes = Files.readAllBytes(full.archive());
        Files.write(full.archive(), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        String msg = refusedRestore(BackupCatalog.scan(dir).chainTo(full.id()), tmp.resolve("target"), OptionalLong.empty());
        assertTrue(msg.startsWith(full.archive() + ": "), msg);
        assertTrue(msg.contains("truncated"), msg);
    }

    @Test
    void nonEmptyTargetIsRefused() throws Exception {
        BackupArchive full = full();
        Path target = Files.createDirectory(tmp.resolve("target"));
        Files.writeString(target.resolve("precious"), "keep me");
        String msg = refusedRestore(BackupCatalog.scan(dir).chainTo(full.id()), target, OptionalLong.empty());
        assertEquals("restore target " + target + " is not empty", msg);
        assertEquals("keep me", Files.readString(target.resolve("precious")));
    }

    @Test
    void targetThatIsAFileIsRefused() throws Exception {
        BackupArchive full = full();
        Path target = Files.writeString(tmp.resolve("target"), "x");
        String msg = refusedRestore(BackupCatalog.scan(dir).chainTo(full.id()), target, OptionalLong.empty());
        assertEquals("restore target " + target + " exists and is not a directory", msg);
    }

    @Test
    void emptyTargetDirectoryIsReplaced() throws Exception {
        BackupArchive full = full();
        Path target = Files.createDirectory(tmp.resolve("target"));
        RESTORER.restore(BackupCatalog.scan(dir).chainTo(full.id()), target, OptionalLong.empty(), BackupProgress.NONE);
        BackupRoundTripTest.assertSameContents(SyntheticStore.contents(store.home()), SyntheticStore.contents(target));
    }

    @Test
    void tidOutsideTheChainIsRefused() throws Exception {
        BackupArchive full = full();
        BackupArchive i1 = incremental(full.manifest(), SyntheticStore.T0 + 11, "A/01/a");
        BackupChain chain = BackupCatalog.scan(dir).chainTo(i1.id());
        String after = refusedRestore(chain, tmp.resolve("t"), OptionalLong.of(SyntheticStore.T0 + 12));
        assertTrue(after.contains("is after the chain's end " + i1.id()), after);
        String before = refusedRestore(chain, tmp.resolve("t"), OptionalLong.of(SyntheticStore.T0));
        assertTrue(before.contains("is before the chain's full backup " + full.id()), before);
    }

    @Test
    void tidInsideABackupNeedsTheEngineTruncation() throws Exception {
        BackupArchive full = full();
        BackupArchive i1 = incremental(full.manifest(), SyntheticStore.T0 + 11, "A/01/a");
        BackupChain chain = BackupCatalog.scan(dir).chainTo(i1.id());
        Set<String> before = tree();
        BackupException e = assertThrows(BackupException.class, () -> new BackupRestorer()
                .restore(chain, tmp.resolve("t"), OptionalLong.of(SyntheticStore.T0 + 5), BackupProgress.NONE));
        assertTrue(e.getMessage().startsWith("tid " + Tids.hex(SyntheticStore.T0 + 5) + " lies inside backup " + i1.id()),
                e.getMessage());
        assertEquals(before, tree());
        RestoreResult atBoundary = new BackupRestorer()
                .restore(chain, tmp.resolve("t"), OptionalLong.of(SyntheticStore.T0 + 1), BackupProgress.NONE);
        assertEquals(List.of(full.id()), atBoundary.backupIds());
    }

    private BackupChain craftedChain(String name, CraftedArchive crafted, BackupManifest manifest) throws IOException {
        Path archive = crafted.writeTo(dir.resolve(name));
        return new BackupChain(List.of(new BackupArchive(archive, null, manifest)));
    }

    private BackupManifest manifestWith(String id, List<ManifestEntry> entries) {
        return new BackupManifest(id, SyntheticStore.STORE, 1, BackupKind.FULL, 0, SyntheticStore.T0 + 1, null,
                Instant.now(CLOCK), Compression.NONE, entries);
    }

    @Test
    void entryWithDotDotIsRefused() throws Exception {
        byte[] evil = "pwned".getBytes(StandardCharsets.UTF_8);
        BackupManifest m = manifestWith("evil-dotdot", List.of(CraftedArchive.entryFor("evil", evil)));
        BackupChain chain = craftedChain("evil-dotdot.tar", new CraftedArchive().manifest(m).file("../evil", evil), m);
        String msg = refusedRestore(chain, tmp.resolve("target"), OptionalLong.empty());
        assertEquals(dir.resolve("evil-dotdot.tar") + ": refused entry '../evil': '..' segment escapes the target", msg);
        assertTrue(Files.notExists(tmp.resolve("evil")));
    }

    @Test
    void absoluteEntryIsRefused() throws Exception {
        byte[] evil = "pwned".getBytes(StandardCharsets.UTF_8);
        Path outside = tmp.resolve("outside-file");
        BackupManifest m = manifestWith("evil-abs", List.of(CraftedArchive.entryFor("evil", evil)));
        BackupChain chain = craftedChain("evil-abs.tar", new CraftedArchive().manifest(m).file(outside.toString(), evil), m);
        String msg = refusedRestore(chain, tmp.resolve("target"), OptionalLong.empty());
        assertEquals(dir.resolve("evil-abs.tar") + ": refused entry '" + outside + "': absolute path", msg);
        assertTrue(Files.notExists(outside));
    }

    @Test
    void symlinkEntryIsRefused() throws Exception {
        BackupManifest m = manifestWith("evil-symlink", List.of());
        BackupChain chain = craftedChain("evil-symlink.tar", new CraftedArchive().manifest(m).link("A/link", "/etc", true), m);
        String msg = refusedRestore(chain, tmp.resolve("target"), OptionalLong.empty());
        assertEquals(dir.resolve("evil-symlink.tar")
                + ": refused entry 'A/link': link entries (to '/etc') are not allowed in a backup", msg);
    }

    @Test
    void hardlinkEntryIsRefused() throws Exception {
        BackupManifest m = manifestWith("evil-hardlink", List.of());
        BackupChain chain = craftedChain("evil-hardlink.tar",
                new CraftedArchive().manifest(m).link("A/hard", "../../etc/passwd", false), m);
        String msg = refusedRestore(chain, tmp.resolve("target"), OptionalLong.empty());
        assertEquals(dir.resolve("evil-hardlink.tar")
                + ": refused entry 'A/hard': link entries (to '../../etc/passwd') are not allowed in a backup", msg);
    }

    @Test
    void directoryEntryIsRefused() throws Exception {
        BackupManifest m = manifestWith("odd-dir", List.of());
        BackupChain chain = craftedChain("odd-dir.tar", new CraftedArchive().manifest(m).directory("A"), m);
        String msg = refusedRestore(chain, tmp.resolve("target"), OptionalLong.empty());
        assertEquals(dir.resolve("odd-dir.tar") + ": refused entry 'A/': only regular files are allowed in a backup", msg);
    }

    @Test
    void archiveWithEntriesMissingOrExtraIsRefused() throws Exception {
        byte[] a = {1, 2, 3};
        byte[] b = {4, 5};
        BackupManifest two = manifestWith("two", List.of(CraftedArchive.entryFor("a", a), CraftedArchive.entryFor("b", b)));
        String missing = refusedRestore(craftedChain("two.tar", new CraftedArchive().manifest(two).file("a", a), two),
                tmp.resolve("target"), OptionalLong.empty());
        assertEquals(dir.resolve("two.tar") + ": archive lacks 1 entries of the manifest, first missing 'b'", missing);

        BackupManifest one = manifestWith("one", List.of(CraftedArchive.entryFor("a", a)));
        String extra = refusedRestore(craftedChain("one.tar", new CraftedArchive().manifest(one).file("a", a).file("b", b), one),
                tmp.resolve("target"), OptionalLong.empty());
        assertEquals(dir.resolve("one.tar") + ": entry 'b' is not in the manifest", extra);
    }

    @Test
    void archiveWithoutManifestFirstIsRefused() throws Exception {
        byte[] a = {1, 2, 3};
        BackupManifest m = manifestWith("late", List.of(CraftedArchive.entryFor("a", a)));
        String msg = refusedRestore(craftedChain("late.tar", new CraftedArchive().file("a", a).manifest(m), m),
                tmp.resolve("target"), OptionalLong.empty());
        assertEquals(dir.resolve("late.tar") + ": first entry is 'a', not BACKUP-MANIFEST (not a DirStore backup?)", msg);
    }

    @Test
    void sidecarThatDiffersFromTheArchiveIsRefused() throws Exception {
        byte[] a = {1, 2, 3};
        BackupManifest inside = manifestWith("differs", List.of(CraftedArchive.entryFor("a", a)));
        BackupManifest sidecar = manifestWith("differs", List.of(CraftedArchive.entryFor("a", new byte[] {9, 9, 9})));
        String msg = refusedRestore(craftedChain("differs.tar", new CraftedArchive().manifest(inside).file("a", a), sidecar),
                tmp.resolve("target"), OptionalLong.empty());
        assertTrue(msg.startsWith(dir.resolve("differs.tar") + ": manifest inside the archive differs from its sidecar"), msg);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("content not found in archive");
    }
}
