package org.dirstore.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.dirstore.txn.Transaction;

/**
 * Child-JVM workload for the crash test. Each thread owns two objects A and B and writes the same
 * sequence number into both in one transaction, plus a new log object referenced from A. After each
 * acknowledged commit it prints {@code ACK thread seq tid}. Runs until killed.
 */
public final class CrashWorker {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        StoreOptions options = StoreOptions.defaults().withCreateIfMissing(true).withSegmentBytes(16 * 1024)
                .withCheckpointEvery(300);
        Store store = Store.open(home, options);
        System.out.println("READY " + store.lastTid());
        System.out.flush();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> run(store, id));
            th.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    static byte[] value(long seq, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putLong(seq);
        while (b.remaining() >= 8) {
            b.putLong(seq * 31 + b.position());
        }
        return b.array();
    }

    private static void run(Store store, int id) {
        try {
            long seq;
            long a;
            long bOid;
            try (Transaction t = store.begin()) {
                OptionalLong existing = t.root("a" + id);
                if (existing.isPresent()) {
                    a = existing.getAsLong();
                    bOid = t.root("b" + id).getAsLong();
                    seq = ByteBuffer.wrap(t.read(a).orElseThrow()).getLong();
                } else {
                    a = -1;
                    bOid = -1;
                    seq = 0;
                }
            }
            if (a < 0) {
                while (true) {
                    try (Transaction t = store.begin()) {
                        a = t.newOid();
                        bOid = t.newOid();
                        t.write(a, value(0, 64));
                        t.write(bOid, value(0, 64));
                        t.setRoot("a" + id, a);
                        t.setRoot("b" + id, bOid);
                        t.commit();
                        break;
                    } catch (org.dirstore.txn.ConflictException retry) {
                        // the root object is shared: another thread created its roots first
                        Thread.onSpinWait();
                    }
                }
            }
            while (true) {
                seq++;
                try (Transaction t = store.begin()) {
                    long log = t.newOid();
                    int size = 64 + (int) (seq % 7) * 300;
                    t.write(log, value(seq, 16));
                    t.write(a, value(seq, size), log);
                    t.write(bOid, value(seq, size));
                    long tid = t.commit();
                    System.out.println("ACK " + id + " " + seq + " " + tid);
                }
            }
        } catch (RuntimeException e) {
            System.out.println("FAIL " + id + " " + e);
        }
    }
}
