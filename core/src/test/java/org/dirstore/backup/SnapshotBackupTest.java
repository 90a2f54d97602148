package org.dirstore.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.dirstore.format.Tids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotBackupTest {
    @TempDir
    Path tmp;

    /** A store-like directory whose transactions each add one file named by its tid. */
    static final class HistoryDir implements BackupSet {
        final SyntheticStore store;
        final UUID id;
        final List<Long> tids = new ArrayList<>();
        final List<BackupSource.SourceFile> base;
        final List<BackupSource.SourceFile> txFiles = new ArrayList<>();

        HistoryDir(Path home, UUID id) throws IOException {
            this.store = new SyntheticStore(home, 3);
            this.id = id;
            this.base = store.writeInitialSet();
            tids.add(SyntheticStore.T0);
        }

        long commit(int size) throws IOException {
            long tid = tids.get(tids.size() - 1) + 7;
            tids.add(tid);
            txFiles.add(store.write("A/t/" + Tids.hex(tid) + ".tx", size));
            return tid;
        }

        @Override
        public UUID storeId() {
            return id;
        }

        @Override
        public int formatVersion() {
            return 1;
        }

        @Override
        public long tid() {
            return tids.get(tids.size() - 1);
        }

        @Override
        public List<BackupSource.SourceFile> allFiles() {
            List<BackupSource.SourceFile> all = new ArrayList<>(base);
            all.addAll(txFiles);
            return all;
        }

        @Override
        public List<BackupSource.SourceFile> filesAfter(long afterTid) {
            return txFiles.stream().filter(f -> Tids.parse(f.path().substring(4, 20)) > afterTid).toList();
        }

        @Override
        public void close() {
            // nothing is held: the files do not change unless the test commits
        }
    }

    @Test
    void incrementalsContinueTheLatestBackupAndCarryOnlyNewTransactions() throws Exception {
        HistoryDir history = new HistoryDir(tmp.resolve("home"), SyntheticStore.STORE);
        Path dir = Files.createDirectory(tmp.resolve("backups"));
        SnapshotBackup backups = new SnapshotBackup(dir, Compression.GZIP, Clock.systemUTC());
        history.commit(100);
        BackupArchive full = backups.full(history, BackupProgress.NONE);
        assertEquals(history.allFiles().size(), full.manifest().entries().size());

        BackupArchive previous = full;
        for (int i = 0; i < 5; i++) {
            history.commit(1000);
            long tid = history.commit(1000);
            BackupArchive incr = backups.incremental(history, BackupProgress.NONE);
            assertEquals(previous.id(), incr.manifest().parentId());
            assertEquals(previous.manifest().upToTid(), incr.manifest().afterTid());
            assertEquals(tid, incr.manifest().upToTid());
            assertEquals(2, incr.manifest().entries().size(), "only the two new transactions");
            previous = incr;
        }
        BackupChain chain = BackupCatalog.scan(dir).chainTo(previous.id());
        assertEquals(6, chain.backups().size());
        Path target = tmp.resolve("restored");
        new BackupRestorer().restore(chain, target, OptionalLong.empty(), BackupProgress.NONE);
        BackupRoundTripTest.assertSameContents(SyntheticStore.contents(history.store.home()), SyntheticStore.contents(target));
    }

    @Test
    void incrementalRefusals() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("backups"));
        SnapshotBackup backups = new SnapshotBackup(dir, Compression.NONE, Clock.systemUTC());
        HistoryDir history = new HistoryDir(tmp.resolve("home"), SyntheticStore.STORE);
        history.commit(10);

        BackupException none = assertThrows(BackupException.class, () -> backups.incremental(history, BackupProgress.NONE));
        assertEquals("no complete backup chain of store " + SyntheticStore.STORE + " in " + dir
                + "; take a full backup first", none.getMessage());

        BackupArchive full = backups.full(history, BackupProgress.NONE);
        BackupException nothing = assertThrows(BackupException.class, () -> backups.incremental(history, BackupProgress.NONE));
        assertEquals("nothing to back up: no transaction since backup " + full.id() + " at tid "
                + Tids.hex(history.tid()), nothing.getMessage());

        HistoryDir other = new HistoryDir(tmp.resolve("other"), SyntheticStore.OTHER_STORE);
        other.commit(10);
        BackupException foreign = assertThrows(BackupException.class, () -> backups.incremental(other, BackupProgress.NONE));
        assertTrue(foreign.getMessage().startsWith("no complete backup chain of store " + SyntheticStore.OTHER_STORE),
                foreign.getMessage());

        HistoryDir behind = new HistoryDir(tmp.resolve("behind"), SyntheticStore.STORE);
        BackupException ahead = assertThrows(BackupException.class, () -> backups.incremental(behind, BackupProgress.NONE));
        assertTrue(ahead.getMessage().contains("beyond the store's " + Tids.hex(behind.tid()) + " (was the store restored?)"),
                ahead.getMessage());
        assertEquals(1, BackupCatalog.scan(dir).backups().size(), "refusals wrote nothing");
    }
}
