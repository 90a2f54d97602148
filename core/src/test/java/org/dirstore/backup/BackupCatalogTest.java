package org.dirstore.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCatalogTest {
    private static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");

    @TempDir
    Path tmp;
    Path dir;
    SyntheticStore store;
    long tid = SyntheticStore.T0;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectory(tmp.resolve("backups"));
        store = new SyntheticStore(tmp.resolve("home"), 11);
    }

    private BackupWriter writerAt(Instant created) {
        return new BackupWriter(dir, Compression.GZIP, Clock.fixed(created, ZoneOffset.UTC));
    }

    private BackupArchive full(Instant created) throws IOException {
        tid += 100;
        return writerAt(created).write(BackupSource.full(SyntheticStore.STORE, 1, tid,
                List.of(store.write("A/f" + tid, 300))), BackupProgress.NONE);
    }

    private BackupArchive incremental(BackupArchive parent, Instant created) throws IOException {
        tid += 100;
        return writerAt(created).write(BackupSource.incremental(parent.manifest(), tid,
                List.of(store.write("A/i" + tid, 100))), BackupProgress.NONE);
    }

    private static Set<String> ids(List<BackupArchive> backups) {
        Set<String> ids = new HashSet<>();
        backups.forEach(b -> ids.add(b.id()));
        return ids;
    }

    @Test
    void buildsChainsAndFindsTheLatest() throws Exception {
        BackupArchive f1 = full(NOW);
        BackupArchive a = incremental(f1, NOW);
        BackupArchive b = incremental(a, NOW);
        BackupArchive f2 = full(NOW);
        BackupArchive c = incremental(f2, NOW);

        BackupCatalog catalog = BackupCatalog.scan(dir);
        assertEquals(List.of(f1.id(), a.id(), b.id(), f2.id(), c.id()), catalog.backups().stream().map(BackupArchive::id).toList());
        assertEquals(2, catalog.chains().size());
        assertEquals(List.of(f1.id(), a.id(), b.id()), catalog.chains().get(0).backups().stream().map(BackupArchive::id).toList());
        assertEquals(List.of(f2.id(), c.id()), catalog.chainTo(c.id()).backups().stream().map(BackupArchive::id).toList());
        assertEquals(c.id(), catalog.latest(SyntheticStore.STORE).orElseThrow().id());
        assertTrue(catalog.latest(SyntheticStore.OTHER_STORE).isEmpty());
        assertEquals(Set.of(SyntheticStore.STORE), catalog.stores());
        assertTrue(catalog.problems().isEmpty());
        assertTrue(catalog.chainProblems().isEmpty());
    }

    @Test
    void latestSkipsABackupWhoseChainIsBroken() throws Exception {
        BackupArchive f1 = full(NOW);
        BackupArchive a = incremental(f1, NOW);
        BackupArchive b = incremental(a, NOW);
        Files.delete(a.archive());
        BackupCatalog catalog = BackupCatalog.scan(dir);
        assertEquals(f1.id(), catalog.latest(SyntheticStore.STORE).orElseThrow().id());
        assertEquals(List.of(b.id()), List.copyOf(catalog.chainProblems().keySet()));
        assertEquals(List.of(a.sidecar()), catalog.incomplete(), "sidecar without archive is incomplete");
    }

    @Test
    void partialFilesAndOrphanSidecarsNeverCountAndAreCleanedWhenOld() throws Exception {
        BackupArchive f1 = full(NOW);
        Path partial = Files.write(dir.resolve(f1.id().replace("full", "incr") + ".tar.gz.1234abcd.partial"), new byte[100]);
        Path young = Files.write(dir.resolve("x.tar.gz.5678abcd.partial"), new byte[10]);
        Files.setLastModifiedTime(partial, FileTime.from(NOW.minus(Duration.ofHours(2))));
        Files.setLastModifiedTime(young, FileTime.from(NOW.minus(Duration.ofMinutes(5))));

        BackupCatalog catalog = BackupCatalog.scan(dir);
        assertEquals(List.of(f1.id()), catalog.backups().stream().map(BackupArchive::id).toList());
        assertEquals(List.of(partial, young), catalog.incomplete());
        assertEquals(1, catalog.cleanIncomplete(Duration.ofHours(1), NOW));
        assertFalse(Files.exists(partial));
        assertTrue(Files.exists(young), "a partial file being written right now is left alone");
    }

    @Test
    void aBackupIsNotWrittenTwiceButAnOrphanSidecarIsReplaced() throws Exception {
        BackupArchive f1 = full(NOW);
        BackupSource again = BackupSource.full(SyntheticStore.STORE, 1, f1.manifest().upToTid(),
                List.of(store.write("A/again", 10)));
        BackupException e = org.junit.jupiter.api.Assertions.assertThrows(BackupException.class,
                () -> new BackupWriter(dir, Compression.NONE, Clock.systemUTC()).write(again, BackupProgress.NONE));
        assertEquals("backup " + f1.id() + " already exists in " + dir, e.getMessage());

        Files.delete(f1.archive()); // as if the crash came between the sidecar's rename and the archive's
        BackupArchive rewritten = writerAt(NOW).write(again, BackupProgress.NONE);
        assertEquals(rewritten.manifest(), BackupManifest.read(rewritten.sidecar()));
        assertEquals(List.of(rewritten.id()), BackupCatalog.scan(dir).backups().stream().map(BackupArchive::id).toList());
    }

    @Test
    void readsTheManifestFromTheArchiveWhenTheSidecarIsGone() throws Exception {
        BackupArchive f1 = full(NOW);
        Files.delete(f1.sidecar());
        BackupCatalog catalog = BackupCatalog.scan(dir);
        BackupArchive found = catalog.find(f1.id()).orElseThrow();
        assertEquals(f1.manifest(), found.manifest());
        assertEquals(null, found.sidecar());
        BackupVerifier.verify(catalog.chainTo(f1.id()), BackupProgress.NONE);
    }

    @Test
    void damagedSidecarIsReportedNotFatal() throws Exception {
        BackupArchive f1 = full(NOW);
        BackupArchive f2 = full(NOW);
        Files.writeString(f1.sidecar(), Files.readString(f1.sidecar()).replace("kind full", "kind fulk"));
        BackupCatalog catalog = BackupCatalog.scan(dir);
        assertEquals(List.of(f2.id()), catalog.backups().stream().map(BackupArchive::id).toList());
        assertEquals(1, catalog.problems().size());
        assertTrue(catalog.problems().get(0).startsWith(f1.sidecar().toString()), catalog.problems().get(0));
    }

    @Test
    void keepNewestChainsKeepsWholeChainsAndDeletesChildrenFirst() throws Exception {
        BackupArchive f1 = full(NOW);
        BackupArchive a = incremental(f1, NOW);
        BackupArchive b = incremental(a, NOW);
        BackupArchive f2 = full(NOW);
        BackupArchive c = incremental(f2, NOW);
        BackupArchive f3 = full(NOW);

        BackupCatalog catalog = BackupCatalog.scan(dir);
        ExpiryPlan plan = catalog.planExpiry(RetentionPolicy.keepNewestChains(2), NOW);
        assertEquals(Set.of(f2.id(), c.id(), f3.id()), ids(plan.keep()));
        assertEquals(List.of(b.id(), a.id(), f1.id()), plan.delete().stream().map(BackupArchive::id).toList());

        assertEquals(3, catalog.expire(plan));
        for (BackupArchive gone : List.of(f1, a, b)) {
            assertFalse(Files.exists(gone.archive()));
            assertFalse(Files.exists(gone.sidecar()));
        }
        BackupCatalog after = BackupCatalog.scan(dir);
        assertEquals(Set.of(f2.id(), c.id(), f3.id()), ids(after.backups()));
        assertTrue(after.incomplete().isEmpty());
    }

    @Test
    void keepForDaysKeepsEveryAncestorOfARecentBackup() throws Exception {
        BackupArchive f1 = full(NOW.minus(Duration.ofDays(30)));
        BackupArchive a = incremental(f1, NOW.minus(Duration.ofDays(20)));
        BackupArchive b = incremental(a, NOW.minus(Duration.ofDays(2)));
        BackupArchive f2 = full(NOW.minus(Duration.ofDays(25)));
        BackupArchive c = incremental(f2, NOW.minus(Duration.ofDays(24)));
        BackupArchive f3 = full(NOW.minus(Duration.ofDays(1)));

        ExpiryPlan plan = BackupCatalog.scan(dir).planExpiry(RetentionPolicy.keepFor(Duration.ofDays(7)), NOW);
        assertEquals(Set.of(f1.id(), a.id(), b.id(), f3.id()), ids(plan.keep()),
                "b is recent, so a and f1 that it needs stay although they are old");
        assertEquals(List.of(c.id(), f2.id()), plan.delete().stream().map(BackupArchive::id).toList());
    }

    @Test
    void theNewestChainIsAlwaysKept() throws Exception {
        BackupArchive f1 = full(NOW.minus(Duration.ofDays(30)));
        BackupArchive a = incremental(f1, NOW.minus(Duration.ofDays(29)));
        BackupArchive f2 = full(NOW.minus(Duration.ofDays(20)));
        ExpiryPlan plan = BackupCatalog.scan(dir).planExpiry(RetentionPolicy.keepFor(Duration.ofDays(7)), NOW);
        assertEquals(Set.of(f2.id()), ids(plan.keep()));
        assertEquals(List.of(a.id(), f1.id()), plan.delete().stream().map(BackupArchive::id).toList());
    }

    @Test
    void keptSetNeverLacksAParentInRandomCatalogs() throws Exception {
        java.util.Random random = new java.util.Random(5);
        List<BackupArchive> all = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Instant created = NOW.minus(Duration.ofHours(30 * 24 - i * 24L));
            BackupArchive latest = all.isEmpty() ? null : all.get(all.size() - 1);
            all.add(latest == null || random.nextInt(4) == 0 ? full(created) : incremental(latest, created));
        }
        BackupCatalog catalog = BackupCatalog.scan(dir);
        for (RetentionPolicy policy : List.of(RetentionPolicy.keepNewestChains(1), RetentionPolicy.keepNewestChains(3),
                RetentionPolicy.keepFor(Duration.ofDays(3)), RetentionPolicy.keepFor(Duration.ofDays(12)),
                new RetentionPolicy(2, Duration.ofDays(20)))) {
            ExpiryPlan plan = catalog.planExpiry(policy, NOW);
            Set<String> kept = ids(plan.keep());
            assertEquals(catalog.backups().size(), plan.keep().size() + plan.delete().size());
            assertTrue(kept.contains(all.get(all.size() - 1).id()), "newest backup kept under " + policy);
            for (BackupArchive b : plan.keep()) {
                String parent = b.manifest().parentId();
                assertTrue(parent == null || kept.contains(parent), policy + ": kept " + b.id() + " lost parent " + parent);
            }
        }
    }
}
