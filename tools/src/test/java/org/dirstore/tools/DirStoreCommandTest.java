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

    private static void assertOneLineError(Cli cli, int status, String prefix) {
        assertEquals(status, cli.status(), cli.toString());
        assertEquals(1, cli.errLines().size(), "exactly one error line: " + cli.err());
        assertTrue(cli.err().startsWith(prefix), "expected '" + prefix + "...', got: " + cli.err());
    }

    @Test
    void initInfoAndLoad() {
        Path home = loadedStore(200);
        Cli info = Cli.run("info", home.toString());
        assertEquals(0, info.status(), info.toString());
        assertTrue(info.out().contains("objects     52"), "50 accounts, the list and the roots object: " + info.out());
        try (Store store = Store.open(home, StoreOptions.defaults())) {
            assertTrue(info.out().contains("store       " + store.identity()), info.out());
            assertTrue(info.out().contains("last tid    " + Tids.hex(store.lastTid())), info.out());
        }
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
        BackupArchive full = OfflineBackup.full(home, dir);

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
            assertEquals(Ledger.total(original), Ledger.total(restored));
            assertEquals(50_000, Ledger.total(restored));
        }

        Path atTid = tmp.resolve("at-tid");
        Cli pit = Cli.run("restore", dir.toString(), atTid.toString(), "--tid", Tids.hex(full.manifest().upToTid()));
        assertEquals(0, pit.status(), pit.toString());
    }

    @Test
    void restoreRefusalsAreOneLineAndWriteNothing() throws Exception {
        Path home = loadedStore(100);
        Path dir = Files.createDirectory(tmp.resolve("backups"));
        BackupArchive full = OfflineBackup.full(home, dir);

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
        BackupArchive first = OfflineBackup.full(home, dir);
        assertEquals(0, Cli.run("load", home.toString(), "--count", "20").status());
        BackupArchive second = OfflineBackup.full(home, dir);

        Cli dry = Cli.run("backups", dir.toString(), "--keep-chains", "1", "--dry-run");
        assertEquals(0, dry.status(), dry.toString());
        assertTrue(dry.out().contains("would delete " + first.id()), dry.out());
        assertEquals(2, BackupCatalog.scan(dir).backups().size());

        Cli expire = Cli.run("backups", dir.toString(), "--keep-chains", "1");
        assertEquals(0, expire.status(), expire.toString());
        assertTrue(expire.out().contains("expired 1 backups, kept 1"), expire.out());
        assertEquals(List.of(second.id()), BackupCatalog.scan(dir).backups().stream().map(BackupArchive::id).toList());
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
