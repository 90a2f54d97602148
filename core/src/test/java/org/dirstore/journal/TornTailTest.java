package org.dirstore.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dirstore.store.Store;
import org.dirstore.store.StoreOptions;
import org.dirstore.testing.FaultyFileIO;
import org.dirstore.txn.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal cut at every byte offset of its last record (as a crash mid-write leaves it) still
 * opens: earlier commits all there, the cut one invisible unless whole, and the store usable.
 */
class TornTailTest {
    @TempDir
    Path dir;

    @Test
    void aJournalCutAtEveryOffsetOfItsLastRecordOpensConsistent() throws Exception {
        Path home = dir.resolve("live");
        Path image = dir.resolve("image");
        FaultyFileIO io = new FaultyFileIO();
        List<Long> oids = new ArrayList<>();
        try (Store s = Store.create(home, StoreOptions.defaults().withFileIO(io))) {
            // keep everything in the journal: the flusher cannot write A
            io.failWritesTo(p -> p.startsWith(s.home().resolve("A")));
            for (int i = 0; i < 5; i++) {
                try (Transaction t = s.begin()) {
                    long oid = t.newOid();
                    t.write(oid, payload(i));
                    if (i > 0) {
                        t.write(oids.get(0), payload(100 + i));
                    }
                    t.commit();
                    oids.add(oid);
                }
            }
            copyTree(home, image);
        }
        Path segment;
        try (Stream<Path> files = Files.list(image.resolve("journal"))) {
            segment = files.max(Comparator.naturalOrder()).orElseThrow();
        }
        long[] lastRecord = lastRecordBounds(segment);
        long end = lastRecord[1];
        assertEquals(Files.size(segment), end);
        int checked = 0;
        for (long cut = lastRecord[0]; cut <= end; cut++) {
            Path copy = dir.resolve("cut-" + cut);
            copyTree(image, copy);
            try (FileChannel ch = FileChannel.open(copy.resolve("journal").resolve(segment.getFileName()), StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            try (Store s = Store.open(copy, StoreOptions.defaults())) {
                for (int i = 1; i < 4; i++) {
                    assertArrayEquals(payload(i), s.read(oids.get(i)).orElseThrow(), "cut at " + cut);
                }
                boolean whole = cut == end;
                assertEquals(whole, s.read(oids.get(4)).isPresent(), "cut at " + cut);
                assertArrayEquals(payload(whole ? 104 : 103), s.read(oids.get(0)).orElseThrow(), "no partial transaction, cut at " + cut);
                if (!whole && cut > lastRecord[0]) {
                    assertTrue(s.openNotes().stream().anyMatch(n -> n.contains("cut the journal tail")), s.openNotes().toString());
                }
                try (Transaction t = s.begin()) {
                    t.write(oids.get(1), payload(999));
                    t.commit();
                }
            }
            try (Store s = Store.open(copy, StoreOptions.defaults())) {
                assertArrayEquals(payload(999), s.read(oids.get(1)).orElseThrow());
                assertFalse(s.openNotes().stream().anyMatch(n -> n.contains("cut")), "the cut is made once");
            }
            deleteTree(copy);
            checked++;
        }
        assertTrue(checked > 40, "checked " + checked + " offsets");
    }

    private static byte[] payload(int i) {
        byte[] b = new byte[30 + i % 7];
        java.util.Arrays.fill(b, (byte) i);
        return b;
    }

    /** [start, end) of the last framed record of a segment. */
    private static long[] lastRecordBounds(Path segment) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(segment));
        int pos = Journal.SEGMENT_HEADER;
        int last = -1;
        while (pos < b.limit()) {
            last = pos;
            pos += Journal.FRAME + b.getInt(pos);
        }
        assertTrue(last > 0, "segment holds records");
        return new long[] {last, pos};
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
