package org.dirstore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;

import org.dirstore.backup.BackupCatalog;
import org.dirstore.backup.BackupChain;
import org.dirstore.backup.BackupProgress;
import org.dirstore.backup.BackupRestorer;
import org.dirstore.backup.RestoreResult;
import org.dirstore.check.CheckReport;
import org.dirstore.check.StoreCheck;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.dirstore.txn.Transaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store's MBean seen from a remote JMX client through WildFly's management port. */
@ExtendWith(ArquillianExtension.class)
class JmxIT {
    private static final String RUN = Long.toString(System.nanoTime(), 36);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.earWithSupport();
    }

    private final Http http = Http.arquillianServer();

    @Test
    void attributesFollowTheStore() throws Exception {
        // the store opens with the first connection
        assertEquals(200, http.post("/it-support/api/write?key=jmx-" + RUN + "&value=1").status());
        try (Jmx jmx = new Jmx(Integer.getInteger("it.management.port"))) {
            assertEquals("DemoStore", jmx.get("Name"));
            UUID.fromString((String) jmx.get("Identity"));
            assertTrue(((String) jmx.get("Home")).endsWith("dirstore/DemoStore"), (String) jmx.get("Home"));
            assertEquals(Boolean.TRUE, jmx.get("Fsync"));
            long before = (Long) jmx.get("LastTid");
            long commits = (Long) jmx.get("Commits");
            assertEquals(200, http.post("/it-support/api/write?key=jmx-" + RUN + "&value=2").status());
            assertTrue((Long) jmx.get("LastTid") > before, "a commit advances LastTid");
            assertTrue((Long) jmx.get("Commits") > commits);
            assertTrue((Long) jmx.get("Objects") >= 1);
            assertArrayEquals(new String[0], (String[]) jmx.get("InDoubtTransactions"));
        }
    }

    @Test
    void snapshotFromJmxWhileTransfersRunGivesAConsistentCopy() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = "s" + i + "-" + RUN;
            assertEquals(201, http.post("/dirstore/api/accounts?id=" + id + "&balance=1000").status());
            ids.add(id);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger done = new AtomicInteger();
        ExecutorService load = startTransfers(ids, running, done);
        Path copy = Path.of(System.getProperty("it.work.dir"), "snapshot-copy-" + RUN);
        long snapshotTid;
        try (Jmx jmx = new Jmx(Integer.getInteger("it.management.port"))) {
            awaitTransfers(done, 20);
            long before = (Long) jmx.get("LastTid");
            awaitTransfers(done, 40);
            String token = (String) jmx.invoke("enterSnapshot", new Object[] {"JmxIT"}, new String[] {String.class.getName()});
            assertEquals(Boolean.TRUE, jmx.get("SnapshotActive"));
            snapshotTid = (Long) jmx.get("SnapshotTid");
            assertTrue(snapshotTid > before);
            assertTrue(((String[]) jmx.get("SnapshotHolders"))[0].startsWith("JmxIT " + token));
            Path home = Path.of((String) jmx.get("Home"));
            String[] files = (String[]) jmx.invoke("listSnapshotFiles", new Object[] {token}, new String[] {String.class.getName()});
            assertTrue(Arrays.asList(files).contains("config/store.properties"), Arrays.toString(files));
            // what an external backup tool does while the snapshot is held: copy the listed files
            for (String f : files) {
                Path to = copy.resolve(f);
                Files.createDirectories(to.getParent());
                Files.copy(home.resolve(f), to);
            }
            String[] incremental = (String[]) jmx.invoke("listIncrementalSnapshotFiles", new Object[] {token, before},
                    new String[] {String.class.getName(), long.class.getName()});
            assertTrue(incremental.length > 0, "transactions after " + before + " are listed");
            assertTrue(Arrays.stream(incremental).allMatch(f -> Arrays.asList(files).contains(f)),
                    "an incremental set is a subset of the full set at the same tid");
            String report = (String) jmx.invoke("check", new Object[0], new String[0]);
            assertTrue(report.trim().endsWith("OK"), report);
            assertEquals(report, jmx.get("LastCheck"));
            jmx.invoke("exitSnapshot", new Object[] {token}, new String[] {String.class.getName()});
            assertEquals(Boolean.FALSE, jmx.get("SnapshotActive"));
            assertEquals(-1L, jmx.get("SnapshotTid"));
        } finally {
            running.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(60, TimeUnit.SECONDS));
        }
        // the copy is a store at exactly the snapshot tid, clean, and the ledger adds up
        try (Store store = Store.open(copy, StoreOptions.defaults())) {
            assertEquals(snapshotTid, store.lastTid());
            CheckReport check = StoreCheck.run(store);
            assertTrue(check.ok(), check.format());
            assertEquals(4000, ledgerSum(store, ids), "the ledger in the snapshot copy adds up");
        }
    }

    @Test
    void backupsFromJmxWhileTransfersRunRestoreToTheLedgerAtTheirTid() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = "b" + i + "-" + RUN;
            assertEquals(201, http.post("/dirstore/api/accounts?id=" + id + "&balance=1000").status());
            ids.add(id);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger done = new AtomicInteger();
        ExecutorService load = startTransfers(ids, running, done);
        Path dir;
        String fullId;
        String incrementalId;
        try (Jmx jmx = new Jmx(Integer.getInteger("it.management.port"))) {
            dir = Path.of(((String[]) jmx.get("BackupRoots"))[0]).resolve("it-" + RUN);
            awaitTransfers(done, 20);
            fullId = (String) jmx.invoke("fullBackup", new Object[] {dir.toString()}, new String[] {String.class.getName()});
            int after = done.get();
            awaitTransfers(done, after + 20);
            incrementalId = (String) jmx.invoke("incrementalBackup", new Object[] {dir.toString()},
                    new String[] {String.class.getName()});
            String[] catalog = (String[]) jmx.invoke("listBackups", new Object[] {dir.toString()},
                    new String[] {String.class.getName()});
            assertEquals(2, catalog.length, Arrays.toString(catalog));
            assertTrue(((String[]) jmx.get("LastBackups"))[0].startsWith(incrementalId), Arrays.toString((String[]) jmx.get("LastBackups")));
            Exception refused = assertThrows(Exception.class, () -> jmx.invoke("fullBackup",
                    new Object[] {System.getProperty("java.io.tmpdir")}, new String[] {String.class.getName()}));
            assertTrue(String.valueOf(refused.getCause()).contains("not under an allowed backup root"), String.valueOf(refused.getCause()));
        } finally {
            running.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(60, TimeUnit.SECONDS));
        }
        BackupCatalog catalog = BackupCatalog.scan(dir);
        for (String backupId : List.of(fullId, incrementalId)) {
            BackupChain chain = catalog.chainTo(backupId);
            Path target = Path.of(System.getProperty("it.work.dir"), "restore-" + backupId);
            RestoreResult restored = new BackupRestorer().restore(chain, target, OptionalLong.empty(), BackupProgress.NONE);
            long upTo = catalog.find(backupId).orElseThrow().manifest().upToTid();
            assertEquals(upTo, restored.tid());
            try (Store store = Store.open(target, StoreOptions.defaults())) {
                assertEquals(upTo, store.lastTid(), "restored at the backup's tid");
                CheckReport check = StoreCheck.run(store);
                assertTrue(check.ok(), check.format());
                assertEquals(4000, ledgerSum(store, ids), "the ledger in backup " + backupId + " adds up");
            }
        }
    }

    /** Two client threads transferring between {@code ids} over HTTP until {@code running} turns false. */
    private static ExecutorService startTransfers(List<String> ids, AtomicBoolean running, AtomicInteger done) {
        ExecutorService load = Executors.newFixedThreadPool(2);
        for (int t = 0; t < 2; t++) {
            load.submit(() -> {
                Http client = Http.arquillianServer();
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                int n = ids.size();
                while (running.get()) {
                    int f = rnd.nextInt(n);
                    int to = (f + 1 + rnd.nextInt(n - 1)) % n;
                    Http.Answer a = client.post("/dirstore/api/transfers?from=" + ids.get(f) + "&to=" + ids.get(to)
                            + "&amount=" + (1 + rnd.nextInt(30)));
                    if (a.status() == 200) {
                        done.incrementAndGet();
                    } else if (a.status() != 409) {
                        throw new AssertionError(a.toString());
                    }
                }
                return null;
            });
        }
        return load;
    }

    private static void awaitTransfers(AtomicInteger done, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (done.get() < count) {
            assertTrue(System.nanoTime() < deadline, "transfers are not progressing: " + done.get());
            Thread.sleep(20);
        }
    }

    /** Sum of the balances of {@code ids} in a store opened by the engine (the ledger's JSON read directly). */
    private static long ledgerSum(Store store, List<String> ids) {
        long sum = 0;
        try (Transaction t = store.begin()) {
            String index = new String(t.read(t.root("ledger").orElseThrow()).orElseThrow(), StandardCharsets.UTF_8);
            for (String id : ids) {
                Matcher m = Pattern.compile("\"" + Pattern.quote(id) + "\":(\\d+)").matcher(index);
                assertTrue(m.find(), index);
                String account = new String(t.read(Long.parseLong(m.group(1))).orElseThrow(), StandardCharsets.UTF_8);
                sum += Http.number(account, "balance");
            }
        }
        return sum;
    }

    @Test
    void refusedRequestsSayWhy() throws Exception {
        assertEquals(200, http.post("/it-support/api/write?key=jmx-r-" + RUN + "&value=1").status());
        try (Jmx jmx = new Jmx(Integer.getInteger("it.management.port"))) {
            MBeanInfo info = jmx.server.getMBeanInfo(jmx.store);
            boolean hasCommitInDoubt = false;
            for (MBeanOperationInfo op : info.getOperations()) {
                hasCommitInDoubt |= op.getName().equals("commitInDoubt");
            }
            assertTrue(hasCommitInDoubt);
            Exception e = assertThrows(Exception.class, () -> jmx.invoke("commitInDoubt",
                    new Object[] {"1:00:00"}, new String[] {String.class.getName()}));
            assertTrue(String.valueOf(e.getCause()).contains("no in-doubt branch 1:00:00"), String.valueOf(e.getCause()));
            Exception s = assertThrows(Exception.class, () -> jmx.invoke("exitSnapshot",
                    new Object[] {"not-a-token"}, new String[] {String.class.getName()}));
            assertTrue(s.getCause() instanceof IllegalArgumentException || s.getCause() instanceof IllegalStateException,
                    "a JDK exception type that any JMX client can read: " + s.getCause());
            assertTrue(String.valueOf(s.getCause().getMessage()).contains("not-a-token"), String.valueOf(s.getCause()));
        }
    }
}
