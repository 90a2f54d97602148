package org.dirstore.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dirstore.format.Layout;
import org.dirstore.format.Tids;
import org.dirstore.format.TransactionFile;
import org.dirstore.format.TransactionFiles;
import org.dirstore.format.TransactionRecord;
import org.dirstore.io.FileIO;
import org.dirstore.store.StoreException;

/**
 * Snapshot mode of one store. Entering waits until A holds a whole-transaction prefix up to tid S
 * and freezes it (the flusher writes newer transactions into B; readers see everything); a marker
 * file HOME/SNAPSHOT tells external tools that A may be copied. Each holder gets a token and a
 * lease; the snapshot ends when the last holder exits or its lease runs out, and B is then merged
 * back into A. The store lists the snapshot's files itself: no find, no modification times.
 */
public final class Snapshots implements AutoCloseable {
    /** What the store does for snapshot mode. */
    public interface Engine {
        /** Freezes A at the current last tid (newer flushes go to B) and returns that tid. */
        long freeze();

        /** Waits until every transaction up to {@code tid} is in A. */
        void awaitFlushed(long tid);

        /** Lets the flusher write into A again and merges B into A. */
        void thaw() throws IOException;
    }

    private final Layout layout;
    private final Engine engine;
    private final ScheduledExecutorService leases;
    private final Map<String, Snapshot.Holder> holders = new LinkedHashMap<>();
    private long tid = -1;
    private Instant since;
    private long entered;

    public Snapshots(Layout layout, Engine engine) {
        this.layout = layout;
        this.engine = engine;
        this.leases = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dirstore-snapshot-leases");
            t.setDaemon(true);
            return t;
        });
        leases.scheduleWithFixedDelay(this::expireLeases, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Enters (or joins) snapshot mode for {@code holderName} with a lease of {@code lease}; returns
     * the holder's token. Blocks until A holds every transaction up to the snapshot tid.
     */
    public synchronized Snapshot.Holder enter(String holderName, Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a snapshot lease must be positive: " + lease);
        }
        if (tid < 0) {
            long frozen = engine.freeze();
            engine.awaitFlushed(frozen);
            tid = frozen;
            since = Instant.now();
            entered++;
        }
        Snapshot.Holder h = new Snapshot.Holder(UUID.randomUUID().toString(), holderName, Instant.now().plus(lease));
        holders.put(h.token(), h);
        writeMarker();
        return h;
    }

    /** Extends a holder's lease. */
    public synchronized Snapshot.Holder renew(String token, Duration lease) {
        Snapshot.Holder h = holder(token);
        Snapshot.Holder renewed = new Snapshot.Holder(token, h.name(), Instant.now().plus(lease));
        holders.put(token, renewed);
        writeMarker();
        return renewed;
    }

    /** The holder leaves; the last one to leave ends the snapshot (B is merged into A). */
    public synchronized void exit(String token) {
        holder(token);
        holders.remove(token);
        if (holders.isEmpty()) {
            end();
        } else {
            writeMarker();
        }
    }

    /** The snapshot now held, if any. */
    public synchronized Optional<Snapshot> current() {
        return tid < 0 ? Optional.empty() : Optional.of(new Snapshot(tid, since, holders));
    }

    /** How many times snapshot mode was entered since the store opened. */
    public synchronized long timesEntered() {
        return entered;
    }

    /**
     * The backup set of a full backup: the store's config and every file in A, as frozen at the
     * snapshot tid. {@code token} must be a current holder's.
     */
    public List<SnapshotFile> fullBackupSet(String token) {
        requireHolder(token);
        List<SnapshotFile> out = new ArrayList<>();
        out.add(file("config/store.properties"));
        List<SnapshotFile> inA = new ArrayList<>();
        try {
            // one stat per file: the walk's own attributes give type and size
            Files.walkFileTree(layout.a(), new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path p, java.nio.file.attribute.BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        inA.add(new SnapshotFile("A/" + separators(layout.a().relativize(p)), p, attrs.size()));
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
            inA.sort(Comparator.comparing(SnapshotFile::relativePath));
            out.addAll(inA);
        } catch (IOException e) {
            throw new StoreException("cannot list " + layout.a() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The backup set of an incremental backup: the transaction files with tid in
     * ({@code afterTid}, snapshot tid] and the revision files they name, found from the
     * transaction history (never from modification times).
     */
    public List<SnapshotFile> incrementalBackupSet(String token, long afterTid) {
        long upTo = requireHolder(token);
        if (afterTid > upTo) {
            throw new StoreException("incremental base " + Tids.hex(afterTid) + " is newer than the snapshot "
                    + Tids.hex(upTo) + ": the backup chain belongs to a different history");
        }
        List<SnapshotFile> out = new ArrayList<>();
        try {
            for (Path txFile : TransactionFiles.between(layout.a(), afterTid, upTo)) {
                TransactionRecord t = TransactionFile.decode(Files.readAllBytes(txFile), txFile);
                for (long oid : t.oids()) {
                    out.add(file("A/" + Layout.revisionPath(oid, t.tid())));
                }
                out.add(file("A/" + separators(layout.a().relativize(txFile))));
            }
        } catch (IOException e) {
            throw new StoreException("cannot list transactions after " + Tids.hex(afterTid) + " in " + layout.a()
                    + ": " + e.getMessage(), e);
        }
        return out;
    }

    private SnapshotFile file(String relative) {
        Path p = layout.home().resolve(relative);
        try {
            return new SnapshotFile(relative, p, Files.size(p));
        } catch (IOException e) {
            throw new StoreException("file of the snapshot is unreadable: " + p + ": " + e.getMessage(), e);
        }
    }

    private static String separators(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private synchronized long requireHolder(String token) {
        holder(token);
        return tid;
    }

    private Snapshot.Holder holder(String token) {
        Snapshot.Holder h = holders.get(token);
        if (h == null) {
            throw new StoreException("no snapshot is held with token " + token
                    + (tid < 0 ? " (no snapshot is active)" : " (it exited or its lease ran out)"));
        }
        return h;
    }

    private synchronized void expireLeases() {
        if (tid < 0) {
            return;
        }
        Instant now = Instant.now();
        boolean removed = holders.values().removeIf(h -> h.leaseEnds().isBefore(now));
        if (removed) {
            if (holders.isEmpty()) {
                end();
            } else {
                writeMarker();
            }
        }
    }

    private void end() {
        try {
            Files.deleteIfExists(layout.snapshotMarker());
            FileIO.forceDirectory(layout.home());
            engine.thaw();
        } catch (IOException e) {
            throw new StoreException("cannot end the snapshot of " + layout.home() + ": " + e.getMessage(), e);
        } finally {
            tid = -1;
            since = null;
        }
    }

    private void writeMarker() {
        StringBuilder b = new StringBuilder();
        b.append("# DirStore snapshot: A holds every transaction up to tid and does not change while this file exists\n");
        b.append("tid=").append(Tids.hex(tid)).append('\n');
        b.append("time=").append(Tids.toInstant(tid)).append('\n');
        b.append("since=").append(since).append('\n');
        for (Snapshot.Holder h : holders.values()) {
            b.append("holder=").append(h.name().replace('\n', ' ')).append(" until ").append(h.leaseEnds()).append('\n');
        }
        Path tmp = layout.home().resolve("SNAPSHOT.tmp");
        try {
            FileIO.DEFAULT.writeFileDurably(tmp, b.toString().getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, layout.snapshotMarker(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            FileIO.forceDirectory(layout.home());
        } catch (IOException e) {
            throw new StoreException("cannot write snapshot marker " + layout.snapshotMarker() + ": " + e.getMessage(), e);
        }
    }

    /** Ends any snapshot (the store is closing) and stops the lease timer. */
    @Override
    public synchronized void close() {
        leases.shutdownNow();
        if (tid >= 0) {
            holders.clear();
            end();
        }
    }
}
