package org.dirstore.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dirstore.backup.BackupArchive;
import org.dirstore.backup.BackupCatalog;
import org.dirstore.workload.LedgerWorkload;
import org.dirstore.format.Tids;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command line against real stores and backup directories. */
class DirStoreCommandTest {
    @TempDir
    Path tmp;

    private Path loadedStore(int count) {
        Path home = tmp.resolve("store");
        Cli init = Cli.run("init", home.toString());
        assertEquals(0, init.status(), init.toString());
        assertTrue(init.out().startsWith("created store "), init.out());
        Cli load = Cli.run("load", home.toString(), "--count", Integer.toString(count), "--accounts", "50", "--threads", "2");
        assertEquals(0, load.status(), load.toString());
        assertTrue(load.out().contains("committed " + count + " transfers"), load.out());
        assertTrue(load.out().contains("total balance 50000 (expected 50000)"), load.out());
        return home;
    }

    /** Takes a backup with the real command and returns it as the catalog sees it. */
    private static BackupArchive backup(String kind, Path home, Path dir) throws IOException {
        Cli cli = Cli.run("backup", kind, home.toString(), dir.toString());
        assertEquals(0, cli.status(), cli.toString());
        assertTrue(cli.out().startsWith(kind + " backup "), cli.out());
        String id = cli.out().substring((kind + " backup ").length(), cli.out().indexOf(':'));
        return BackupCatalog.scan(dir).find(id).orElseThrow();
    }

    private static void assertOneLineError(Cli cli, int status, String prefix) {
        assertEquals(status, cli.status(), cli.toString());
        assertEquals(1, cli.errLines().size(), "exactly one error line: " + cli.err());
        assertTrue(cli.err().startsWith(prefix), "expected '" + prefix + "...', got: " + cli.err());
    }

    @Test
    void initInfoLoadAndCheck() {
        Path home = loadedStore(200);
        Cli info = Cli.run("info", home.toString());
        assertEquals(0, info.status(), info.toString());
        assertTrue(info.out().contains("objects     52"), "50 accounts, the list and the roots object: " + info.out());
        try (Store store = Store.open(home, StoreOptions.defaults())) {
            assertTrue(info.out().contains("store       " + store.identity()), info.out());
            assertTrue(info.out().contains("last tid    " + Tids.hex(store.lastTid())), info.out());
        }
        Cli check = Cli.run("check", home.toString());
        assertEquals(0, check.status(), check.toString());
        assertTrue(check.out().endsWith("OK\n"), check.out());
        assertOneLineError(Cli.run("init", home.toString()), 1, "dirstore init: a DirStore already exists at ");
        assertOneLineError(Cli.run("info", tmp.resolve("none").toString()), 1, "dirstore info: no DirStore at ");
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        assertOneLineError(Cli.run("restore"), 2, "dirstore restore: Missing required parameters: 'DIR', 'TARGET'");
        assertOneLineError(Cli.run("frobnicate"), 2, "dirstore: Unmatched argument at index 0: 'frobnicate'");
        assertOneLineError(Cli.run("restore", "a", "b", "--tid", "1", "--at", "2026-01-01T00:00:00Z"), 2,
                "dirstore restore: Error: --tid=TID, --at=TIME are mutually exclusive");
    }

    @Test
    void verifyRestoreAndOpenTheRestoredStore() throws Exception {
        Path home = loadedStore(300);
        Path dir = Files.createDirectory(tmp.resolve("backups"));
        BackupArchive full = backup("full", home, dir);

        Cli list = Cli.run("backups", dir.toString());
        assertEquals(0, list.status(), list.toString());
        assertTrue(list.out().contains(full.id()) && list.out().contains(" ok"), list.out());

        Cli verify = Cli.run("verify", dir.toString());
        assertEquals(0, verify.status(), verify.toString());
        assertTrue(verify.out().startsWith("ok  chain " + full.id() + " .. " + full.id() + ": 1 backups"), verify.out());
        assertEquals(0, Cli.run("verify", full.archive().toString()).status());

        Path target = tmp.resolve("restored");
        Cli restore = Cli.run("restore", dir.toString(), target.toString());
        assertEquals(0, restore.status(), restore.toString());
        assertTrue(restore.out().startsWith("restored store " + full.manifest().storeId() + " at tid "
                + Tids.hex(full.manifest().upToTid())), restore.out());

        try (Store original = Store.open(home, StoreOptions.defaults());
             Store restored = Store.open(target, StoreOptions.defaults())) {
            assertEquals(original.identity(), restored.identity());
            assertEquals(original.lastTid(), restored.lastTid());
            assertEquals(total(original), total(restored));
            assertEquals(50_000, total(restored));
        }

        Path atTid = tmp.resolve("at-tid");
        Cli pit = Cli.run("restore", dir.toString(), atTid.toString(), "--tid", Tids.hex(full.manifest().upToTid()));
        assertEquals(0, pit.status(), pit.toString());
    }

    @Test
    void restoreRefusalsAreOneLineAndWriteNothing() throws Exception {
        Path home = loadedStore(100);
        Path dir = Files.createDirectory(tmp.resolve("backups"));
        BackupArchive full = backup("full", home, dir);

        Path target = Files.createDirectory(tmp.resolve("target"));
        Files.writeString(target.resolve("keep"), "x");
        assertOneLineError(Cli.run("restore", dir.toString(), target.toString()), 1,
                "dirstore restore: restore target " + target + " is not empty");
        assertEquals(List.of(target.resolve("keep")), list(target));

        long after = full.manifest().upToTid() + 1;
        assertOneLineError(Cli.run("restore", dir.toString(), tmp.resolve("t2").toString(), "--tid", Tids.hex(after)), 1,
                "dirstore restore: no backup chain of store " + full.manifest().storeId() + " in " + dir + " covers tid "
                        + Tids.hex(after));
        assertOneLineError(Cli.run("restore", dir.toString(), tmp.resolve("t3").toString(), "--at", "yesterday"), 1,
                "dirstore restore: bad --at 'yesterday'");

        byte[] bytes = Files.readAllBytes(full.archive());
        bytes[bytes.length - 100] ^= 0x55;
        Files.write(full.archive(), bytes);
        Cli verify = Cli.run("verify", dir.toString());
        assertOneLineError(verify, 1, "dirstore verify: " + full.archive() + ": ");
        assertOneLineError(Cli.run("restore", dir.toString(), tmp.resolve("t4").toString()), 1,
                "dirstore restore: " + full.archive() + ": ");
        assertFalse(Files.exists(tmp.resolve("t4")));
        assertTrue(list(tmp).stream().noneMatch(p -> p.getFileName().toString().endsWith(".partial")), list(tmp).toString());
    }

    @Test
    void backupsExpiresByRetention() throws Exception {
        Path home = loadedStore(50);
        Path dir = Files.createDirectory(tmp.resolve("backups"));
        BackupArchive first = backup("full", home, dir);
        assertEquals(0, Cli.run("load", home.toString(), "--count", "20").status());
        BackupArchive second = backup("full", home, dir);

        Cli dry = Cli.run("backups", dir.toString(), "--keep-chains", "1", "--dry-run");
        assertEquals(0, dry.status(), dry.toString());
        assertTrue(dry.out().contains("would delete " + first.id()), dry.out());
        assertEquals(2, BackupCatalog.scan(dir).backups().size());

        Cli expire = Cli.run("backups", dir.toString(), "--keep-chains", "1");
        assertEquals(0, expire.status(), expire.toString());
        assertTrue(expire.out().contains("expired 1 backups, kept 1"), expire.out());
        assertEquals(List.of(second.id()), BackupCatalog.scan(dir).backups().stream().map(BackupArchive::id).toList());
    }

    private static long lastTid(Path home) {
        try (Store store = Store.open(home, StoreOptions.defaults())) {
            return store.lastTid();
        }
    }

    @Test
    void incrementalChainRestoresToATidInsideABackupAndChecksClean() throws Exception {
        Path home = loadedStore(200);
        Path dir = tmp.resolve("backups");
        BackupArchive full = backup("full", home, dir);
        assertOneLineError(Cli.run("backup", "incremental", home.toString(), dir.toString()), 1,
                "dirstore backup incremental: nothing to back up: no transaction since backup " + full.id());
        assertEquals(0, Cli.run("load", home.toString(), "--count", "150", "--threads", "2").status());
        BackupArchive first = backup("incremental", home, dir);
        assertEquals(full.id(), first.manifest().parentId());
        Cli load2 = Cli.run("load", home.toString(), "--count", "150", "--threads", "2");
        assertEquals(0, load2.status(), load2.toString());
        BackupArchive second = backup("incremental", home, dir);
        assertEquals(first.id(), second.manifest().parentId());
        assertEquals(lastTid(home), second.manifest().upToTid());

        String tids = load2.out().lines().filter(l -> l.startsWith("tids ")).findFirst().orElseThrow();
        long firstOfLoad2 = Tids.parse(tids.substring(5, 21));
        long lastOfLoad2 = Tids.parse(tids.substring(25, 41));
        assertEquals(second.manifest().upToTid(), lastOfLoad2);
        long inside = firstOfLoad2 + (lastOfLoad2 - firstOfLoad2) / 2;
        Path target = tmp.resolve("pit");
        Cli restore = Cli.run("restore", dir.toString(), target.toString(), "--tid", Tids.hex(inside));
        assertEquals(0, restore.status(), restore.toString());
        assertTrue(restore.out().contains("from 3 backups") && restore.out().contains("truncated to the tid"), restore.out());
        long restoredTid = lastTid(target);
        assertTrue(restoredTid >= firstOfLoad2 && restoredTid <= inside && restoredTid < second.manifest().upToTid(),
                "restored to the last commit at or before the tid: " + Tids.hex(restoredTid));
        Cli check = Cli.run("check", target.toString());
        assertEquals(0, check.status(), check.toString());
        assertTrue(check.out().endsWith("OK\n"), check.out());
        try (Store restored = Store.open(target, StoreOptions.defaults())) {
            assertEquals(50_000, total(restored), "the ledger balances at every transaction boundary");
        }

        Path atFirst = tmp.resolve("at-first");
        Cli at = Cli.run("restore", dir.toString(), atFirst.toString(), "--at",
                Tids.toInstant(first.manifest().upToTid()).toString());
        assertEquals(0, at.status(), at.toString());
        assertTrue(lastTid(atFirst) >= first.manifest().upToTid());
        assertEquals(0, Cli.run("check", atFirst.toString()).status());
    }

    @Test
    void snapshotRunsACommandWhileAIsHeld() throws Exception {
        Path home = loadedStore(50);
        Path listing = tmp.resolve("listing");
        Cli ok = Cli.run("snapshot", home.toString(), "--", "sh", "-c",
                "test -f \"$DIRSTORE_HOME/SNAPSHOT\" && echo \"$DIRSTORE_SNAPSHOT_TID\" > " + listing);
        assertEquals(0, ok.status(), ok.toString());
        assertEquals(Tids.hex(lastTid(home)), Files.readString(listing).trim());
        assertFalse(Files.exists(home.resolve("SNAPSHOT")), "the snapshot ended with the command");
        assertEquals(3, Cli.run("snapshot", home.toString(), "--", "sh", "-c", "exit 3").status());
    }

    @Test
    void loadTakesBackupsWhileItCommits() throws Exception {
        Path home = tmp.resolve("store");
        Path dir = tmp.resolve("backups");
        Cli load = Cli.run("load", home.toString(), "--duration", "4s", "--threads", "2", "--accounts", "100",
                "--backup-to", dir.toString(), "--backup-every", "1s");
        assertEquals(0, load.status(), load.toString());
        assertTrue(load.out().contains("full backup "), load.out());
        assertTrue(load.out().contains("commit latency while a backup ran: "), load.out());
        assertFalse(BackupCatalog.scan(dir).backups().isEmpty());
        assertEquals(0, Cli.run("verify", dir.toString()).status());
    }

    static long total(Store store) {
        LedgerWorkload ledger = new LedgerWorkload(store);
        return ledger.total(ledger.ensureAccounts(1));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
