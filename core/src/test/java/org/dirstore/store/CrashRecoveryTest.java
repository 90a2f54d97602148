package org.dirstore.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.dirstore.testing.ChildJvm;
import org.dirstore.txn.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a child JVM in the middle of committing, 20 rounds on the same store: after each,
 * every acknowledged commit is there, no transaction is half visible, and the store keeps working.
 */
class CrashRecoveryTest {
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesKillNineAndNothingPartialIsVisible() throws Exception {
        Path home = dir.resolve("store");
        Random random = new Random(42);
        Map<Integer, Long> ackedSeq = new HashMap<>();
        Map<Integer, Set<Long>> ackedTids = new HashMap<>();
        long totalAcks = 0;
        for (int round = 0; round < 20; round++) {
            List<String> lines;
            try (ChildJvm child = ChildJvm.start(CrashWorker.class, home.toString(), Integer.toString(THREADS))) {
                child.await(l -> l.startsWith("READY"), 30);
                int ackedBefore = 20 + random.nextInt(200);
                child.await(l -> l.startsWith("ACK") && Long.parseLong(l.split(" ")[2]) > ackedBefore / THREADS, 60);
                Thread.sleep(random.nextInt(150));
                child.kill();
                lines = child.lines();
                assertTrue(lines.stream().noneMatch(l -> l.startsWith("FAIL")), String.join("\n", lines));
            }
            for (String l : lines) {
                String[] p = l.split(" ");
                if (p[0].equals("ACK") && p.length == 4) {
                    int thread = Integer.parseInt(p[1]);
                    ackedSeq.merge(thread, Long.parseLong(p[2]), Math::max);
                    ackedTids.computeIfAbsent(thread, k -> new HashSet<>()).add(Long.parseLong(p[3]));
                    totalAcks++;
                }
            }
            verify(home, ackedSeq, ackedTids);
        }
        assertTrue(totalAcks > 500, "the rounds committed real work: " + totalAcks);
    }

    private static void verify(Path home, Map<Integer, Long> ackedSeq, Map<Integer, Set<Long>> ackedTids) {
        try (Store s = Store.open(home, StoreOptions.defaults())) {
            try (Transaction t = s.begin()) {
                for (var e : ackedSeq.entrySet()) {
                    int thread = e.getKey();
                    long a = t.root("a" + thread).orElseThrow();
                    long b = t.root("b" + thread).orElseThrow();
                    byte[] va = t.read(a).orElseThrow();
                    byte[] vb = t.read(b).orElseThrow();
                    long seq = ByteBuffer.wrap(va).getLong();
                    assertTrue(seq >= e.getValue(), "thread " + thread + " acknowledged seq " + e.getValue() + " but store has " + seq);
                    assertArrayEquals(va, vb, "A and B of thread " + thread + " were written by one transaction");
                    assertArrayEquals(CrashWorker.value(seq, va.length), va, "content intact");
                    Set<Long> history = new HashSet<>();
                    s.history(a).forEach(r -> history.add(r.tid()));
                    for (long tid : ackedTids.get(thread)) {
                        assertTrue(history.contains(tid), "acknowledged tid " + tid + " of thread " + thread + " in history");
                    }
                }
            }
            // the store keeps working after recovery
            try (Transaction t = s.begin()) {
                long oid = t.newOid();
                t.write(oid, new byte[] {1, 2, 3});
                t.commit();
                assertEquals(3, s.read(oid).orElseThrow().length);
            }
        }
    }
}
