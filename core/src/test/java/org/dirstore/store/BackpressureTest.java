package org.dirstore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.dirstore.testing.FaultyFileIO;
import org.dirstore.txn.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the flusher cannot keep up, commits wait instead of the backlog (and journal) growing without bound. */
class BackpressureTest {
    @TempDir
    Path dir;

    @Test
    void commitsWaitForAStalledFlusherAndResumeWhenItCatchesUp() throws Exception {
        FaultyFileIO io = new FaultyFileIO();
        long max = 64 * 1024;
        try (Store s = Store.create(dir.resolve("s"), StoreOptions.defaults().withFileIO(io).withMaxBacklogBytes(max)
                .withSegmentBytes(16 * 1024))) {
            io.failWritesTo(p -> p.startsWith(s.layout().a()));
            AtomicInteger committed = new AtomicInteger();
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    try (Transaction t = s.begin()) {
                        t.write(t.newOid(), new byte[2000]);
                        t.commit();
                        committed.incrementAndGet();
                    }
                }
            });
            writer.start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (s.stats().backpressureWaits() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(300);
            int stalledAt = committed.get();
            Thread.sleep(300);
            assertEquals(stalledAt, committed.get(), "commits wait while the flusher is stalled");
            assertTrue(stalledAt < 200, "the writer was held back at " + stalledAt);
            StoreStats stats = s.stats();
            assertTrue(stats.backlogBytes() <= max + 4096, "backlog bounded: " + stats.backlogBytes());
            assertTrue(stats.backpressureWaits() > 0);
            io.heal();
            writer.join(30_000);
            assertEquals(200, committed.get(), "commits resume once the flusher catches up");
            s.awaitFlushed();
            assertEquals(0, s.stats().backlogBytes());
        }
    }
}
