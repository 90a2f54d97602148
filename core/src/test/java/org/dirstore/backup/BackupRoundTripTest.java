package org.dirstore.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dirstore.format.Tids;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BackupRoundTripTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T04:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void fullBackupWritesVerifiesAndRestoresByteForByte(Compression compression) throws Exception {
        SyntheticStore store = new SyntheticStore(tmp.resolve("home"), 1);
        List<BackupSource.SourceFile> files = store.writeInitialSet();
        Path dir = Files.createDirectory(tmp.resolve("backups"));
        AtomicLong lastBytes = new AtomicLong(-1);
        AtomicLong lastFiles = new AtomicLong(-1);
        BackupArchive written = new BackupWriter(dir, compression, CLOCK)
                .write(BackupSource.full(SyntheticStore.STORE, 1, SyntheticStore.T0 + 5, files), (b, bt, f, ft) -> {
                    assertTrue(b <= bt && f <= ft);
                    lastBytes.set(b);
                    lastFiles.set(f);
                });

        assertEquals("3f2a9c1b-" + Tids.hex(SyntheticStore.T0 + 5) + "-full" + compression.suffix(),
                written.archive().getFileName().toString());
        assertEquals(written.manifest().totalBytes(), lastBytes.get());
        assertEquals(files.size(), lastFiles.get());
        assertEquals(written.manifest(), BackupManifest.read(written.sidecar()));
        assertEquals(written.manifest(), ArchiveReader.readManifest(written.archive()));
        for (ManifestEntry e : written.manifest().entries()) {
            assertEquals(Sha256.hex(Files.readAllBytes(store.home().resolve(e.path()))), e.sha256(), e.path());
        }
        try (var list = Files.list(dir)) {
            assertEquals(2, list.count(), "archive and sidecar only, no partial files");
        }

        BackupCatalog catalog = BackupCatalog.scan(dir);
        BackupChain chain = catalog.chainTo(written.id());
        VerifyResult verified = BackupVerifier.verify(chain, BackupProgress.NONE);
        assertEquals(List.of(written.id()), verified.backupIds());
        assertEquals(files.size(), verified.files());

        Path target = tmp.resolve("restored");
        RestoreResult result = new BackupRestorer(BackupRoundTripTest::noTruncation)
                .restore(chain, target, OptionalLong.empty(), BackupProgress.NONE);
        assertEquals(SyntheticStore.T0 + 5, result.tid());
        assertFalse(result.truncated());
        assertSameContents(SyntheticStore.contents(store.home()), SyntheticStore.contents(target));
        assertNoPartialsIn(tmp);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void incrementalChainRestoresAtEveryBoundaryAndBetween(Compression compression) throws Exception {
        SyntheticStore store = new SyntheticStore(tmp.resolve("home"), 2);
        Path dir = Files.createDirectory(tmp.resolve("backups"));
        BackupWriter writer = new BackupWriter(dir, compression, CLOCK);
        List<Map<String, byte[]>> states = new ArrayList<>();
        List<Long> tids = new ArrayList<>();

        long tid = SyntheticStore.T0 + 1;
        writer.write(BackupSource.full(SyntheticStore.STORE, 1, tid, store.writeInitialSet()), BackupProgress.NONE);
        states.add(SyntheticStore.contents(store.home()));
        tids.add(tid);
        for (int i = 1; i <= 5; i++) {
            long next = tid + 10;
            List<BackupSource.SourceFile> changed = List.of(
                    store.write("A/0" + i + "/o" + i + "." + Tids.hex(next), 1000 * i),
                    store.write("A/tx/" + Tids.hex(next) + ".txn", 64));
            BackupArchive parent = BackupCatalog.scan(dir).latest(SyntheticStore.STORE).orElseThrow();
            assertEquals(tid, parent.manifest().upToTid());
            writer.write(BackupSource.incremental(parent.manifest(), next, changed), BackupProgress.NONE);
            tid = next;
            states.add(SyntheticStore.contents(store.home()));
            tids.add(tid);
        }

        BackupCatalog catalog = BackupCatalog.scan(dir);
        assertEquals(1, catalog.chains().size());
        BackupChain chain = catalog.chains().get(0);
        assertEquals(6, chain.backups().size());
        BackupVerifier.verify(chain, BackupProgress.NONE);

        for (int i = 0; i < tids.size(); i++) {
            Path target = tmp.resolve("at-" + i);
            RestoreResult r = new BackupRestorer(BackupRoundTripTest::noTruncation)
                    .restore(chain, target, OptionalLong.of(tids.get(i)), BackupProgress.NONE);
            assertEquals(i + 1, r.backupIds().size());
            assertFalse(r.truncated());
            assertSameContents(states.get(i), SyntheticStore.contents(target));
        }

        List<Object[]> truncations = new ArrayList<>();
        long between = tids.get(2) + 3;
        Path target = tmp.resolve("between");
        RestoreResult r = new BackupRestorer((home, t) -> {
            truncations.add(new Object[] {home, t});
            assertTrue(home.getFileName().toString().endsWith(ArchiveNames.PARTIAL_SUFFIX), "truncates before the rename");
            assertSameContents(states.get(3), SyntheticStore.contents(home));
        }).restore(chain, target, OptionalLong.of(between), BackupProgress.NONE);
        assertEquals(1, truncations.size());
        assertEquals(between, truncations.get(0)[1]);
        assertTrue(r.truncated());
        assertEquals(4, r.backupIds().size(), "shortest prefix covering the tid");
        assertSameContents(states.get(3), SyntheticStore.contents(target));
        assertNoPartialsIn(tmp);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void plainTarExtractsTheChainToTheSameFiles(Compression compression) throws Exception {
        SyntheticStore store = new SyntheticStore(tmp.resolve("home"), 3);
        Path dir = Files.createDirectory(tmp.resolve("backups"));
        BackupWriter writer = new BackupWriter(dir, compression, CLOCK);
        BackupArchive full = writer.write(BackupSource.full(SyntheticStore.STORE, 1, SyntheticStore.T0 + 1,
                store.writeInitialSet()), BackupProgress.NONE);
        BackupArchive incr = writer.write(BackupSource.incremental(full.manifest(), SyntheticStore.T0 + 2,
                List.of(store.write("A/01/o1.2", 9000))), BackupProgress.NONE);

        Path extracted = Files.createDirectory(tmp.resolve("tar-x"));
        for (BackupArchive b : List.of(full, incr)) {
            Process tar = new ProcessBuilder("tar", "-xf", b.archive().toString(), "-C", extracted.toString())
                    .redirectErrorStream(true).start();
            String out = new String(tar.getInputStream().readAllBytes());
            assertTrue(tar.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, tar.exitValue(), "tar -xf " + b.archive() + ": " + out);
            assertTrue(out.isEmpty(), "tar printed warnings: " + out);
        }
        Map<String, byte[]> got = SyntheticStore.contents(extracted);
        assertEquals(incr.manifest(), BackupManifest.read(extracted.resolve(EntryPaths.MANIFEST_ENTRY)),
                "the last archive's manifest is left in the home");
        got.remove(EntryPaths.MANIFEST_ENTRY);
        assertSameContents(SyntheticStore.contents(store.home()), got);
    }

    static void noTruncation(Path home, long tid) throws IOException {
        throw new IOException("truncation was not expected for tid " + Tids.hex(tid));
    }

    static void assertSameContents(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<String, byte[]> e : new TreeMap<>(expected).entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()), e.getKey());
        }
    }

    static void assertNoPartialsIn(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            List<Path> partial = walk.filter(p -> p.getFileName().toString().endsWith(ArchiveNames.PARTIAL_SUFFIX)).toList();
            assertEquals(List.of(), partial);
        }
    }
}
