package org.dirstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo EAR in a managed WildFly (standalone-full): commits and rollbacks through the EJBs,
 * the store and JMS in one XA transaction, and concurrent transfers, all over real HTTP.
 */
@ExtendWith(ArquillianExtension.class)
class LedgerIT {
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.earWithSupport();
    }

    private final Http http = Http.arquillianServer();

    private String open(String id, long balance) throws Exception {
        Http.Answer a = http.post("/dirstore/api/accounts?id=" + id + "&balance=" + balance);
        assertEquals(201, a.status(), a.toString());
        return id;
    }

    private long balance(String id) throws Exception {
        Http.Answer a = http.get("/dirstore/api/accounts/" + id);
        assertEquals(200, a.status(), a.toString());
        return Http.number(a.body(), "balance");
    }

    @Test
    void transferCommitsAndOverdraftRollsBack() throws Exception {
        String a = open("a-" + RUN, 100);
        String b = open("b-" + RUN, 50);
        Http.Answer t = http.post("/dirstore/api/transfers?from=" + a + "&to=" + b + "&amount=30");
        assertEquals(200, t.status(), t.toString());
        assertEquals(70, balance(a));
        assertEquals(80, balance(b));
        long oid = Http.number(t.body(), "oid");
        Http.Answer stored = http.get("/dirstore/api/transfers/" + oid);
        assertEquals(200, stored.status(), stored.toString());
        assertEquals(30, Http.number(stored.body(), "amount"));

        Http.Answer refused = http.post("/dirstore/api/transfers?from=" + a + "&to=" + b + "&amount=300");
        assertEquals(409, refused.status(), refused.toString());
        assertTrue(refused.body().contains("INSUFFICIENT_FUNDS"), refused.body());
        assertEquals(70, balance(a));
        assertEquals(80, balance(b));
        assertEquals(404, http.post("/dirstore/api/transfers?from=" + a + "&to=nobody-" + RUN + "&amount=1").status());
        assertEquals(409, http.post("/dirstore/api/accounts?id=" + a + "&balance=1").status());
    }

    @Test
    void exceptionsRollTheStoreBack() throws Exception {
        Http.Answer app = http.post("/it-support/api/write?key=app-" + RUN + "&value=x&mode=app");
        assertEquals(409, app.status(), app.toString());
        assertEquals(404, http.get("/it-support/api/read?key=app-" + RUN).status());

        Http.Answer sys = http.post("/it-support/api/write?key=sys-" + RUN + "&value=x&mode=system");
        assertEquals(500, sys.status(), sys.toString());
        assertEquals(404, http.get("/it-support/api/read?key=sys-" + RUN).status());

        Http.Answer ok = http.post("/it-support/api/write?key=ok-" + RUN + "&value=kept&mode=commit");
        assertEquals(200, ok.status(), ok.toString());
        Http.Answer read = http.get("/it-support/api/read?key=ok-" + RUN);
        assertEquals(200, read.status(), read.toString());
        assertEquals("kept", read.body());
    }

    @Test
    void aHandleObtainedBeforeTheTransactionWorksInIt() throws Exception {
        assertEquals(200, http.post("/it-support/api/bmt?key=bmt-rb-" + RUN + "&value=x&commit=false").status());
        assertEquals(404, http.get("/it-support/api/read?key=bmt-rb-" + RUN).status(),
                "the write joined the transaction and was rolled back with it, not auto-committed");
        assertEquals(200, http.post("/it-support/api/bmt?key=bmt-c-" + RUN + "&value=y&commit=true").status());
        assertEquals("y", http.get("/it-support/api/read?key=bmt-c-" + RUN).body());
    }

    @Test
    void resourceLocalTransactionsWithoutJta() throws Exception {
        Http.Answer rb = http.post("/it-support/api/local?key=local-rb-" + RUN + "&value=x&commit=false");
        assertEquals(200, rb.status(), rb.toString());
        assertEquals(404, http.get("/it-support/api/read?key=local-rb-" + RUN).status());
        Http.Answer c = http.post("/it-support/api/local?key=local-c-" + RUN + "&value=y&commit=true");
        assertEquals(200, c.status(), c.toString());
        assertEquals("y", http.get("/it-support/api/read?key=local-c-" + RUN).body());
    }

    @Test
    void storeAndJmsCommitTogether() throws Exception {
        String key = "jms-ok-" + RUN;
        Http.Answer sent = http.post("/it-support/api/jms?key=" + key + "&value=both&mode=commit");
        assertEquals(200, sent.status(), sent.toString());
        assertEquals("both", http.get("/it-support/api/read?key=" + key).body());
        Http.Answer msg = http.get("/it-support/api/jms?key=" + key + "&wait=5000");
        assertEquals(200, msg.status(), msg.toString());
        assertEquals("both", msg.body());
    }

    @Test
    void storeAndJmsRollBackTogetherOnApplicationException() throws Exception {
        String key = "jms-app-" + RUN;
        Http.Answer sent = http.post("/it-support/api/jms?key=" + key + "&value=neither&mode=app");
        assertEquals(409, sent.status(), sent.toString());
        assertEquals(404, http.get("/it-support/api/read?key=" + key).status());
        assertEquals(404, http.get("/it-support/api/jms?key=" + key + "&wait=1500").status());
    }

    @Test
    void storeConflictAtPrepareRollsTheMessageBack() throws Exception {
        String key = "jms-conflict-" + RUN;
        Http.Answer sent = http.post("/it-support/api/jms?key=" + key + "&value=mine&mode=conflict");
        assertEquals(500, sent.status(), sent.toString());
        assertTrue(sent.body().contains("rolled back"), sent.body());
        Http.Answer read = http.get("/it-support/api/read?key=" + key);
        assertEquals("spoiler", read.body(), "the competing transaction's value stands");
        assertEquals(404, http.get("/it-support/api/jms?key=" + key + "&wait=1500").status(),
                "the message of the rolled-back transaction must not be delivered");
    }

    @Test
    void concurrentTransfersKeepTheTotalAndLoseNoUpdate() throws Exception {
        int accounts = 6;
        long initial = 1_000;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            ids.add(open("c" + i + "-" + RUN, initial));
        }
        long totalBefore = Http.number(http.get("/dirstore/api/total").body(), "total");

        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Map<String, Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                Http client = Http.arquillianServer();
                Map<String, Long> delta = new HashMap<>();
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < perThread; i++) {
                    String from = ids.get(rnd.nextInt(accounts));
                    String to = ids.get(rnd.nextInt(accounts));
                    while (to.equals(from)) {
                        to = ids.get(rnd.nextInt(accounts));
                    }
                    long amount = 1 + rnd.nextInt(20);
                    Http.Answer a = client.post("/dirstore/api/transfers?from=" + from + "&to=" + to + "&amount=" + amount);
                    if (a.status() == 200) {
                        delta.merge(from, -amount, Long::sum);
                        delta.merge(to, amount, Long::sum);
                        delta.merge("#acknowledged", 1L, Long::sum);
                    } else if (a.status() != 409) {
                        throw new AssertionError("transfer failed: " + a);
                    }
                }
                return delta;
            }));
        }
        // while the transfers run, every snapshot read of the ledger shows the same total
        int totalReads = 0;
        while (results.stream().anyMatch(f -> !f.isDone())) {
            Http.Answer total = http.get("/dirstore/api/total");
            assertEquals(200, total.status(), total.toString());
            assertEquals(totalBefore, Http.number(total.body(), "total"), "total during the transfers");
            totalReads++;
        }
        assertTrue(totalReads > 0);
        Map<String, Long> expected = new HashMap<>();
        for (Future<Map<String, Long>> f : results) {
            f.get().forEach((k, v) -> expected.merge(k, v, Long::sum));
        }
        pool.shutdown();
        long acknowledged = expected.getOrDefault("#acknowledged", 0L);
        assertTrue(acknowledged > threads * perThread / 2, "most transfers must succeed: " + acknowledged);

        long sum = 0;
        for (String id : ids) {
            long b = balance(id);
            assertEquals(initial + expected.getOrDefault(id, 0L), b, "balance of " + id + " (lost update?)");
            sum += b;
        }
        assertEquals(accounts * initial, sum);
        assertEquals(totalBefore, Http.number(http.get("/dirstore/api/total").body(), "total"));
    }
}
