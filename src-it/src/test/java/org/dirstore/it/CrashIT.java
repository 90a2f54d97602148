package org.dirstore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * WildFly killed with SIGKILL under a load of transfers, and halted between the transaction
 * manager's commit decision and the store's commit: after each restart nothing acknowledged is
 * lost, the ledger adds up, and the recovery manager resolves the in-doubt branch by itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashIT {
    private static final int ACCOUNTS = 6;
    private static final long INITIAL = 10_000;
    private static ServerProcess server;
    private static Http http;

    /** An acknowledged transfer as the client saw it. */
    record Ack(long oid, String from, String to, long amount) {
    }

    @BeforeAll
    static void start() throws Exception {
        server = new ServerProcess("crash-server", Integer.getInteger("it.crash.port.offset", 400));
        server.prepare(Deployments.earWithSupport());
        server.start();
        http = new Http(server.httpPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private static String account(int i) {
        return "k" + i;
    }

    @Test
    @Order(1)
    void killDuringTransfersLosesNothingAcknowledged() throws Exception {
        for (int i = 0; i < ACCOUNTS; i++) {
            Http.Answer a = http.post("/dirstore/api/accounts?id=" + account(i) + "&balance=" + INITIAL);
            assertEquals(201, a.status(), a.toString());
        }
        Set<Ack> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failuresBeforeKill = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int t = 0; t < 6; t++) {
            pool.submit(() -> {
                Http client = new Http(server.httpPort());
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (running.get()) {
                    int f = rnd.nextInt(ACCOUNTS);
                    int to = (f + 1 + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    long amount = 1 + rnd.nextInt(50);
                    try {
                        Http.Answer a = client.post("/dirstore/api/transfers?from=" + account(f) + "&to=" + account(to)
                                + "&amount=" + amount);
                        if (a.status() == 200) {
                            acknowledged.add(new Ack(Http.number(a.body(), "oid"), account(f), account(to), amount));
                        } else if (a.status() != 409 && !killed.get()) {
                            failuresBeforeKill.incrementAndGet();
                        }
                    } catch (IOException e) {
                        if (!killed.get()) {
                            failuresBeforeKill.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        return null;
                    }
                }
                return null;
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (acknowledged.size() < 150 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        killed.set(true);
        server.kill9();
        running.set(false);
        pool.shutdown();
        assertTrue(pool.awaitTermination(90, TimeUnit.SECONDS));
        assertEquals(0, failuresBeforeKill.get(), "no transfer may fail before the kill");
        assertTrue(acknowledged.size() >= 150, "load ran: " + acknowledged.size() + " acknowledged");

        server.start();

        // every acknowledged transfer is there, as acknowledged
        for (Ack ack : acknowledged) {
            Http.Answer t = http.get("/dirstore/api/transfers/" + ack.oid());
            assertEquals(200, t.status(), "acknowledged transfer " + ack + " lost: " + t);
            assertEquals(ack.amount(), Http.number(t.body(), "amount"));
            assertTrue(t.body().contains("\"from\":\"" + ack.from() + "\""), t.body());
        }
        // each balance equals the initial balance plus the transfers on its chain, and the total holds
        long total = 0;
        Set<Long> onChains = new java.util.HashSet<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String id = account(i);
            Http.Answer acc = http.get("/dirstore/api/accounts/" + id);
            long balance = Http.number(acc.body(), "balance");
            long count = Http.number(acc.body(), "transfers");
            Http.Answer chain = http.get("/dirstore/api/accounts/" + id + "/transfers?limit=1000");
            assertEquals(200, chain.status());
            long expected = INITIAL;
            int n = 0;
            Matcher m = Pattern.compile("\\{[^}]*}").matcher(chain.body());
            while (m.find()) {
                String t = m.group();
                long amount = Http.number(t, "amount");
                onChains.add(Http.number(t, "oid"));
                expected += t.contains("\"from\":\"" + id + "\"") ? -amount : amount;
                n++;
            }
            assertEquals(count, n, "transfer chain of " + id + " is complete");
            assertEquals(expected, balance, "balance of " + id + " matches its transfers");
            total += balance;
        }
        assertEquals(ACCOUNTS * INITIAL, total);
        for (Ack ack : acknowledged) {
            assertTrue(onChains.contains(ack.oid()), "acknowledged transfer on the accounts' chains: " + ack);
        }
        try (Jmx jmx = new Jmx(server.managementPort())) {
            assertArrayEquals(new String[0], (String[]) jmx.get("InDoubtTransactions"));
            String report = (String) jmx.invoke("check", new Object[0], new String[0]);
            assertTrue(report.trim().endsWith("OK"), "the store is clean after the crash: " + report);
        }
    }

    @Test
    @Order(2)
    void inDoubtBranchIsCommittedByTheRecoveryManager() throws Exception {
        Path marker = server.base().resolve("halt-in-commit");
        Files.writeString(marker, "halt");
        String key = "indoubt-" + System.nanoTime();
        try {
            Http.Answer a = http.post("/it-support/api/halt?key=" + key + "&value=decided&marker=" + marker);
            throw new AssertionError("the server should have halted, but answered " + a);
        } catch (IOException expected) {
            // the server halted inside the transaction manager's commit phase
        }
        assertTrue(server.awaitExit(Duration.ofSeconds(30)), "server JVM halted");
        assertTrue(Files.notExists(marker), "the halting resource ran its commit");

        // the store's branch is prepared and in doubt: the TM decided commit, the store has not heard
        Path home = server.dataDir().resolve("dirstore").resolve("DemoStore");
        try (Store store = Store.open(home, StoreOptions.defaults())) {
            assertEquals(1, store.inDoubt().size(), "one in-doubt branch after the halt");
        }

        server.start();
        String[] inDoubt = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (Jmx jmx = new Jmx(server.managementPort())) {
            while (System.nanoTime() < deadline) {
                // the store opens with the first connection (or the recovery manager's first scan)
                http.get("/it-support/api/read?key=warm-up");
                inDoubt = (String[]) jmx.get("InDoubtTransactions");
                if (inDoubt.length == 0) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        assertArrayEquals(new String[0], inDoubt, "the recovery manager resolved the branch");
        Http.Answer read = http.get("/it-support/api/read?key=" + key);
        assertEquals(200, read.status(), "the in-doubt write was committed: " + read);
        assertEquals("decided", read.body());
        try (Jmx jmx = new Jmx(server.managementPort())) {
            String report = (String) jmx.invoke("check", new Object[0], new String[0]);
            assertTrue(report.trim().endsWith("OK"), report);
        }
    }


}
