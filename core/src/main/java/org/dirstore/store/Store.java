package org.dirstore.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.Xid;
import org.dirstore.flush.Flusher;
import org.dirstore.format.Layout;
import org.dirstore.format.Revision;
import org.dirstore.format.RevisionFile;
import org.dirstore.format.StoredXid;
import org.dirstore.format.Tids;
import org.dirstore.format.TransactionFile;
import org.dirstore.format.TransactionFiles;
import org.dirstore.format.TransactionRecord;
import org.dirstore.format.Write;
import org.dirstore.index.IndexCheckpoint;
import org.dirstore.index.ObjectIndex;
import org.dirstore.journal.CarryForward;
import org.dirstore.journal.Journal;
import org.dirstore.journal.JournalRecord;
import org.dirstore.journal.Sealer;
import org.dirstore.txn.BranchRegistry;
import org.dirstore.txn.ConflictException;
import org.dirstore.txn.DanglingReferenceException;
import org.dirstore.txn.StoreXAResource;
import org.dirstore.txn.Transaction;
import org.dirstore.txn.TransactionHost;

/**
 * A DirStore: a transactional object store kept in the directory HOME. Commits go through the
 * journal (durable before they return, group-committed); a background flusher writes them into
 * one immutable file per revision and per transaction under HOME/A. Readers get snapshot
 * isolation and never block writers. One process at a time may open a store.
 */
public final class Store implements AutoCloseable {
    private final Layout layout;
    private final StoreConfig config;
    private final StoreOptions options;
    private final StoreLock lock;
    private final ObjectIndex index;
    private final Tids.Clock clock;
    private final LockTable locks = new LockTable();
    private final Host host = new Host();
    private final ConcurrentHashMap<RevKey, Revision> unflushed = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<StoredXid, Transaction> branches = new ConcurrentHashMap<>();
    private final Map<StoredXid, Prepared> prepared = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicLong maxOid;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong flushedCount = new AtomicLong();
    private final AtomicLong backlogBytes = new AtomicLong();
    private final AtomicLong backlogTxns = new AtomicLong();
    private final AtomicLong backpressureWaits = new AtomicLong();
    private final Object backlogMonitor = new Object();
    private final List<String> openNotes;
    private final Flusher flusher;
    private final Journal journal;
    private final org.dirstore.snapshot.Snapshots snapshots;
    private volatile long frozenTid = Long.MAX_VALUE;
    /** Every transaction up to this tid has been handed to the flusher. */
    private volatile long enqueuedTid;
    private volatile IOException lastFlushError;
    private volatile boolean closed;
    private long flushedSinceCheckpoint;

    private static final int HEADER_READ = 4096;

    private record RevKey(long oid, long tid) {
    }

    /** A prepared XA branch: its record, the locks it holds and the journal segment with its newest copy. */
    private static final class Prepared {
        final JournalRecord.Prepare record;
        final long[] lockedOids;
        final Transaction txn;
        volatile long segment;

        Prepared(JournalRecord.Prepare record, long[] lockedOids, Transaction txn, long segment) {
            this.record = record;
            this.lockedOids = lockedOids;
            this.txn = txn;
            this.segment = segment;
        }

        @Override
        public String toString() {
            return "prepared XA branch " + record.xid() + (txn == null ? " (in doubt since a restart)" : "");
        }
    }

    private Store(Layout layout, StoreConfig config, StoreOptions options, StoreLock lock) throws IOException {
        this.layout = layout;
        this.config = config;
        this.options = options;
        this.lock = lock;
        for (Path d : List.of(layout.journal(), layout.a(), layout.b(), layout.index(), layout.deleted())) {
            Files.createDirectories(d);
        }
        List<String> notes = new ArrayList<>();
        mergeLeftoverB(notes);
        Files.deleteIfExists(layout.snapshotMarker());

        // 1. the index as of the newest checkpoint, then transaction files flushed after it
        index = new ObjectIndex(1024);
        long checkpointTid = IndexCheckpoint.loadNewest(layout.index(), index, notes).orElse(0L);
        Journal.Recovered rec = Journal.read(layout.journal(), config.identity());
        notes.addAll(rec.repairs());
        java.util.Set<Long> journalTids = new java.util.HashSet<>();
        for (Journal.Entry e : rec.entries()) {
            if (e.record() instanceof JournalRecord.Commit c) {
                journalTids.add(c.tid());
            } else if (e.record() instanceof JournalRecord.CommitPrepared c) {
                journalTids.add(c.tid());
            }
        }
        for (Path txFile : TransactionFiles.between(layout.a(), checkpointTid, Long.MAX_VALUE)) {
            long tid = TransactionFiles.tidOf(txFile);
            try {
                TransactionRecord t = TransactionFile.decode(Files.readAllBytes(txFile), txFile);
                index.apply(t.tid(), t.oids(), t.deletions());
            } catch (org.dirstore.format.CorruptFileException ex) {
                if (!journalTids.contains(tid)) {
                    throw ex;
                }
                notes.add("transaction file " + txFile + " was half-written; the journal still holds it");
            }
        }

        // 2. the journal: committed transactions to flush again, prepared ones in doubt
        Map<Long, Integer> pins = new HashMap<>();
        Map<Long, JournalRecord.Prepare> open = new LinkedHashMap<>();
        Map<Long, Long> openSegment = new HashMap<>();
        List<Flusher.Item> toFlush = new ArrayList<>();
        long maxPrepareId = 0;
        for (Journal.Entry e : rec.entries()) {
            pins.putIfAbsent(e.segment(), 0);
            JournalRecord r = e.record();
            if (r instanceof JournalRecord.Commit c) {
                toFlush.add(recovered(c.tid(), c.prevTxTid(), c.timeMillis(), c.user(), c.description(), c.writes(),
                        c.prevTids(), e.segment()));
                pins.merge(e.segment(), 1, Integer::sum);
            } else if (r instanceof JournalRecord.Prepare p) {
                open.put(p.prepareId(), p);
                openSegment.put(p.prepareId(), e.segment());
                maxPrepareId = Math.max(maxPrepareId, p.prepareId());
            } else if (r instanceof JournalRecord.CommitPrepared c) {
                JournalRecord.Prepare p = open.remove(c.prepareId());
                if (p != null) {
                    long seg = openSegment.remove(c.prepareId());
                    toFlush.add(recovered(c.tid(), c.prevTxTid(), c.timeMillis(), p.user(), p.description(), p.writes(),
                            c.prevTids(), seg));
                    pins.merge(seg, 1, Integer::sum);
                }
            } else if (r instanceof JournalRecord.RollbackPrepared rb) {
                open.remove(rb.prepareId());
                openSegment.remove(rb.prepareId());
            }
        }
        for (var p : open.values()) {
            long[] lockOids = lockSet(p.writes(), Collections.emptySortedSet());
            Prepared prep = new Prepared(p, lockOids, null, openSegment.get(p.prepareId()));
            locks.acquire(lockOids, prep, 0);
            prepared.put(p.xid(), prep);
            pins.merge(prep.segment, 1, Integer::sum);
        }
        if (!open.isEmpty()) {
            notes.add(open.size() + " prepared XA branch(es) in doubt, waiting for the transaction manager");
        }
        clock = new Tids.Clock(Math.max(index.lastTid(), maxPrepareId));
        maxOid = new AtomicLong(Math.max(0, index.maxOid()));
        openNotes = List.copyOf(notes);

        flusher = new Flusher(options.fileIO(), options.flushThreads(), tid -> tid > frozenTid ? layout.b() : layout.a(),
                new FlushListener(),
                layout.home().getFileName().toString());
        for (Flusher.Item item : toFlush) {
            backlogBytes.addAndGet(item.bytes());
            backlogTxns.incrementAndGet();
            flusher.enqueue(item);
        }
        enqueuedTid = index.lastTid();
        journal = new Journal(layout.journal(), config.identity(), rec.lastSegment(), pins, index.lastTid(), clock,
                new Journal.Options(options.fsync(), options.segmentBytes()), options.fileIO(), new Carry());
        flusher.start();
        snapshots = new org.dirstore.snapshot.Snapshots(layout, new SnapshotEngine());
    }

    /** Freezing A for snapshot mode: the flusher switches between A and B only between batches. */
    private final class SnapshotEngine implements org.dirstore.snapshot.Snapshots.Engine {
        @Override
        public long freeze() {
            return flusher.betweenBatches(() -> {
                // everything up to s is queued for the flusher: A can be brought exactly to s
                long s = enqueuedTid;
                frozenTid = s;
                return s;
            });
        }

        @Override
        public void awaitFlushed(long tid) {
            try {
                flusher.awaitFlushed(tid);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for A to reach the snapshot tid");
            }
        }

        @Override
        public void thaw() throws IOException {
            flusher.betweenBatches(() -> {
                frozenTid = Long.MAX_VALUE;
                return null;
            });
            BMerge.merge(layout.b(), layout.a());
            flusher.forgetDirectories();
        }
    }

    /** Publishes a commit found in the journal on open (its flush may not have finished). */
    private Flusher.Item recovered(long tid, long prevTxTid, long time, String user, String desc, List<Write> writes,
                                   long[] prevTids, long segment) {
        return publishRevisions(tid, prevTxTid, time, user, desc, writes, prevTids, segment);
    }

    /**
     * Opens the store in {@code home}, creating it if the options allow and HOME is absent or
     * empty. Fails with a clear error if another process holds the store.
     */
    public static Store open(Path home, StoreOptions options) {
        Layout layout = new Layout(home);
        boolean exists = Files.isRegularFile(layout.configFile());
        if (!exists) {
            if (!options.createIfMissing()) {
                throw new StoreException("no DirStore at " + layout.home() + " (" + layout.configFile()
                        + " is missing); create one first, e.g. with `dirstore init`");
            }
            if (Files.exists(layout.home()) && !isEmptyDirectory(layout.home())) {
                throw new StoreException(layout.home() + " is not empty and holds no DirStore; refusing to create one there");
            }
            try {
                Files.createDirectories(layout.home());
            } catch (IOException e) {
                throw new StoreException("cannot create " + layout.home() + ": " + e.getMessage(), e);
            }
        }
        StoreLock lock = StoreLock.acquire(layout.lockFile());
        try {
            StoreConfig config = exists ? StoreConfig.read(layout) : createConfig(layout);
            return new Store(layout, config, options, lock);
        } catch (IOException e) {
            closeQuietly(lock, e);
            throw new StoreException("cannot open store " + layout.home() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lock, e);
            throw e;
        }
    }

    /** Creates a new, empty store in {@code home} (absent or empty) and opens it. */
    public static Store create(Path home, StoreOptions options) {
        if (Files.isRegularFile(new Layout(home).configFile())) {
            throw new StoreException("a DirStore already exists at " + home);
        }
        return open(home, options.withCreateIfMissing(true));
    }

    /**
     * Removes every transaction after {@code tid} from a closed store (the last step of a
     * point-in-time restore); returns how many were removed. The store must have an empty journal,
     * as a restored one does.
     */
    public static int truncateAfter(Path home, long tid) {
        return PointInTime.truncateAfter(home, tid);
    }

    private static StoreConfig createConfig(Layout layout) throws IOException {
        if (Files.isRegularFile(layout.configFile())) {
            return StoreConfig.read(layout);
        }
        return StoreConfig.create(layout);
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            return !ds.iterator().hasNext();
        } catch (IOException e) {
            throw new StoreException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(StoreLock lock, Exception primary) {
        try {
            lock.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    /** A snapshot does not survive a restart: files left in B go back into A. */
    private void mergeLeftoverB(List<String> notes) throws IOException {
        int moved = BMerge.merge(layout.b(), layout.a());
        if (moved > 0) {
            notes.add("merged " + moved + " files left in B by an interrupted snapshot into A");
        }
    }

    // ---------------------------------------------------------------- public API

    public UUID identity() {
        return config.identity();
    }

    public int formatVersion() {
        return config.formatVersion();
    }

    public Path home() {
        return layout.home();
    }

    public Layout layout() {
        return layout;
    }

    public StoreOptions options() {
        return options;
    }

    /** Snapshot mode: freeze A at a transaction boundary for backups and external copies. */
    public org.dirstore.snapshot.Snapshots snapshots() {
        ensureOpen();
        return snapshots;
    }

    /** What opening had to repair or noticed (cut journal tails, in-doubt branches, ...). */
    public List<String> openNotes() {
        return openNotes;
    }

    /** The tid of the last committed transaction (0 for a new store). */
    public long lastTid() {
        return index.lastTid();
    }

    /** Begins a transaction that sees everything committed so far. */
    public Transaction begin() {
        ensureOpen();
        return new Transaction(host, index.lastTid());
    }

    /** A new XA resource for this store; branches are kept by the store, so any of its resources can finish them. */
    public StoreXAResource xaResource() {
        ensureOpen();
        return new StoreXAResource(host);
    }

    /** The current bytes of {@code oid}, if it exists. */
    public Optional<byte[]> read(long oid) {
        return readAsOf(oid, index.lastTid());
    }

    /** The bytes of {@code oid} as they were after transaction {@code tid} (point-in-time read). */
    public Optional<byte[]> readAsOf(long oid, long tid) {
        ensureOpen();
        return revisionAt(oid, tid).filter(r -> !r.deleted()).map(Revision::data);
    }

    /** The revision of {@code oid} visible at {@code tid}, deletion markers included. */
    public Optional<Revision> revisionAt(long oid, long tid) {
        long entry = index.get(oid);
        long t = ObjectIndex.tidOf(entry);
        while (t != 0) {
            if (t <= tid) {
                return Optional.of(load(oid, t, false));
            }
            // a newer revision: only its header is needed, for the previous tid
            t = load(oid, t, true).prevTid();
        }
        return Optional.empty();
    }

    /** Every kept revision of {@code oid}, newest first. */
    public List<RevisionInfo> history(long oid) {
        ensureOpen();
        List<RevisionInfo> out = new ArrayList<>();
        long t = ObjectIndex.tidOf(index.get(oid));
        while (t != 0) {
            Revision r = load(oid, t);
            out.add(new RevisionInfo(oid, r.tid(), r.prevTid(), r.deleted(), r.data().length));
            t = r.prevTid();
        }
        return out;
    }

    /** Prepared XA branches waiting for an outcome. */
    public List<Xid> inDoubt() {
        synchronized (prepared) {
            return List.copyOf(prepared.keySet());
        }
    }

    /** Commits an in-doubt branch (operator resolution); returns false if there is no such branch. */
    public boolean commitInDoubt(Xid xid) {
        return host.commitPrepared(xid);
    }

    /** Rolls back an in-doubt branch (operator resolution); returns false if there is no such branch. */
    public boolean rollbackInDoubt(Xid xid) {
        return host.rollbackPrepared(xid);
    }

    public StoreStats stats() {
        return new StoreStats(index.lastTid(), index.liveObjects(), commits.get(), journal.forces(),
                journal.records(), journal.liveSegments(), backlogBytes.get(), backlogTxns.get(), flushedCount.get(),
                prepared.size(), backpressureWaits.get());
    }

    /** The last flush failure, if the flusher is retrying one (e.g. a full disk); empty when healthy. */
    public Optional<IOException> flushError() {
        return Optional.ofNullable(lastFlushError);
    }

    /** Waits until everything committed so far is in A (or B): for tests, tools and clean shutdown. */
    public void awaitFlushed() {
        try {
            flusher.awaitFlushed(index.lastTid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the flusher");
        }
    }

    /** Writes an index checkpoint now (normally the flusher does so periodically and on close). */
    public void checkpoint() {
        awaitFlushed();
        try {
            IndexCheckpoint.write(layout.index(), index.copy());
        } catch (IOException e) {
            throw new StoreException("cannot write index checkpoint in " + layout.index() + ": " + e.getMessage(), e);
        }
    }

    /** Flushes, checkpoints and releases the store; in-doubt branches stay in the journal. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            snapshots.close();
            journal.close();
            flusher.close();
            if (lastFlushError == null) {
                IndexCheckpoint.write(layout.index(), index.copy());
                journal.deleteAllReleased();
            }
        } catch (IOException e) {
            throw new StoreException("error while closing store " + layout.home() + ": " + e.getMessage(), e);
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                throw new StoreException("cannot release lock of " + layout.home() + ": " + e.getMessage(), e);
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Store[" + layout.home() + ", " + config.identity() + "]";
    }

    // ---------------------------------------------------------------- internals

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("store " + layout.home() + " is closed");
        }
    }

    private Revision load(long oid, long tid) {
        return load(oid, tid, false);
    }

    /** A revision from memory or its file; with {@code headerOnly}, data is left out (and not read). */
    private Revision load(long oid, long tid, boolean headerOnly) {
        Revision r = unflushed.get(new RevKey(oid, tid));
        if (r != null) {
            return r;
        }
        String rel = Layout.revisionPath(oid, tid);
        Path[] candidates = {layout.a().resolve(rel), layout.b().resolve(rel), layout.a().resolve(rel)};
        for (Path p : candidates) {
            try {
                return headerOnly ? readHeader(p) : RevisionFile.decode(Files.readAllBytes(p), p);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new StoreException("cannot read revision file " + p + ": " + e.getMessage(), e);
            }
        }
        throw new StoreException("revision file of object " + oid + " at tid " + Tids.hex(tid) + " is missing: "
                + layout.a().resolve(rel));
    }

    private static Revision readHeader(Path p) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) Math.min(ch.size(), HEADER_READ));
            int n;
            do {
                n = ch.read(b);
            } while (n >= 0 && b.hasRemaining());
            int refCount = b.position() >= RevisionFile.FIXED_HEADER ? b.getInt(36) : 0;
            if (refCount >= 0 && RevisionFile.headerLength(refCount) > b.position() && ch.size() > b.position()) {
                // a header with many references: read the whole file
                return RevisionFile.decodeHeader(Files.readAllBytes(p), (int) ch.size(), p);
            }
            return RevisionFile.decodeHeader(b.array(), b.position(), p);
        }
    }

    private static long[] lockSet(List<Write> writes, java.util.SortedSet<Long> extra) {
        TreeSet<Long> all = new TreeSet<>(extra);
        for (Write w : writes) {
            all.add(w.oid());
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    private void validate(Transaction txn) {
        long snapshot = txn.snapshotTid();
        for (long oid : txn.writes().keySet()) {
            checkUnchanged(oid, snapshot);
        }
        for (long oid : txn.readCurrentSet()) {
            checkUnchanged(oid, snapshot);
        }
    }

    private void checkUnchanged(long oid, long snapshot) {
        long current = ObjectIndex.tidOf(index.get(oid));
        if (current > snapshot) {
            throw new ConflictException(oid, "write conflict on object " + oid + ": transaction " + Tids.hex(current)
                    + " changed it after this transaction's snapshot " + Tids.hex(snapshot));
        }
    }

    /** References must point to objects that exist at commit (or are written by this transaction). */
    private void checkReferences(List<Write> writes, java.util.function.LongPredicate exists) {
        Map<Long, Write> byOid = new HashMap<>();
        for (Write w : writes) {
            byOid.put(w.oid(), w);
        }
        for (Write w : writes) {
            for (long ref : w.refs()) {
                Write own = byOid.get(ref);
                boolean ok = own != null ? !own.deleted() : exists.test(ref);
                if (!ok) {
                    throw new DanglingReferenceException(w.oid(), ref);
                }
            }
        }
    }

    private void awaitBacklog() {
        if (backlogBytes.get() <= options.maxBacklogBytes()) {
            return;
        }
        backpressureWaits.incrementAndGet();
        synchronized (backlogMonitor) {
            while (backlogBytes.get() > options.maxBacklogBytes() && !closed) {
                try {
                    backlogMonitor.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for the flusher to catch up");
                }
            }
        }
    }

    private void await(java.util.concurrent.CompletableFuture<Void> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException("commit failed: " + e.getCause(), e.getCause());
        }
    }

    /** Makes a durable commit visible: revisions to readers, the index, then the flusher. Under the journal's write lock. */
    private Flusher.Item publishRevisions(long tid, long prevTxTid, long time, String user, String desc,
                                          List<Write> writes, long[] prevTids, long segment) {
        List<Revision> revisions = new ArrayList<>(writes.size());
        long[] oids = new long[writes.size()];
        boolean[] deletions = new boolean[writes.size()];
        long bytes = 256;
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            Revision r = w.at(tid, prevTids[i]);
            revisions.add(r);
            unflushed.put(new RevKey(r.oid(), tid), r);
            oids[i] = w.oid();
            deletions[i] = w.deleted();
            bytes += w.size();
        }
        index.apply(tid, oids, deletions);
        return new Flusher.Item(new TransactionRecord(tid, prevTxTid, Instant.ofEpochMilli(time), user, desc, oids,
                deletions), revisions, segment, bytes);
    }

    private void publish(Flusher.Item item) {
        commits.incrementAndGet();
        backlogBytes.addAndGet(item.bytes());
        backlogTxns.incrementAndGet();
        flusher.enqueue(item);
        enqueuedTid = item.tx().tid();
    }

    private long[] prevTids(List<Write> writes) {
        long[] prev = new long[writes.size()];
        for (int i = 0; i < prev.length; i++) {
            prev[i] = ObjectIndex.tidOf(index.get(writes.get(i).oid()));
        }
        return prev;
    }

    /** Seals a one-phase commit in the journal's batch. */
    private final class CommitSealer implements Sealer {
        private final Transaction txn;
        private final List<Write> writes;
        volatile long tid;

        CommitSealer(Transaction txn, List<Write> writes) {
            this.txn = txn;
            this.writes = writes;
        }

        @Override
        public JournalRecord seal(SealContext ctx) {
            checkReferences(writes, ref -> index.exists(ref) && !ctx.deletedInBatch(ref));
            long t = ctx.nextTid();
            JournalRecord.Commit c = new JournalRecord.Commit(t, ctx.previousCommitTid(), System.currentTimeMillis(),
                    txn.user(), txn.description(), writes, prevTids(writes));
            ctx.committed(t);
            for (Write w : writes) {
                if (w.deleted()) {
                    ctx.deletes(w.oid());
                }
            }
            return c;
        }

        @Override
        public void durable(JournalRecord record, long segment) {
            JournalRecord.Commit c = (JournalRecord.Commit) record;
            journal.pin(segment);
            publish(publishRevisions(c.tid(), c.prevTxTid(), c.timeMillis(), c.user(), c.description(), c.writes(),
                    c.prevTids(), segment));
            tid = c.tid();
        }
    }

    private final class FlushListener implements Flusher.Listener {
        @Override
        public void flushed(List<Flusher.Item> items) {
            long bytes = 0;
            for (Flusher.Item item : items) {
                for (Revision r : item.revisions()) {
                    unflushed.remove(new RevKey(r.oid(), r.tid()));
                }
                bytes += item.bytes();
            }
            backlogBytes.addAndGet(-bytes);
            backlogTxns.addAndGet(-items.size());
            flushedCount.addAndGet(items.size());
            lastFlushError = null;
            synchronized (backlogMonitor) {
                backlogMonitor.notifyAll();
            }
            // unpin only after the revisions are readable from their files
            for (Flusher.Item item : items) {
                journal.unpin(item.segment());
            }
            flushedSinceCheckpoint += items.size();
            if (flushedSinceCheckpoint >= options.checkpointEvery()) {
                flushedSinceCheckpoint = 0;
                try {
                    IndexCheckpoint.write(layout.index(), index.copy());
                } catch (IOException e) {
                    lastFlushError = e;
                }
            }
        }

        @Override
        public void failed(IOException e) {
            lastFlushError = e;
        }
    }

    private final class Carry implements CarryForward {
        @Override
        public List<Carried> inDoubt() {
            synchronized (prepared) {
                List<Carried> out = new ArrayList<>();
                for (Prepared p : prepared.values()) {
                    out.add(new Carried(p.record, p.segment));
                }
                return out;
            }
        }

        @Override
        public void carried(List<Carried> records, long segment) {
            synchronized (prepared) {
                for (Carried c : records) {
                    Prepared p = prepared.get(c.record().xid());
                    if (p != null) {
                        p.segment = segment;
                    }
                }
            }
        }
    }

    /** The engine side of transactions and XA branches. */
    private final class Host implements TransactionHost, BranchRegistry {
        @Override
        public Optional<Revision> revisionAt(long oid, long snapshotTid) {
            ensureOpen();
            return Store.this.revisionAt(oid, snapshotTid);
        }

        @Override
        public long newOid() {
            return maxOid.incrementAndGet();
        }

        @Override
        public long commit(Transaction txn) {
            ensureOpen();
            List<Write> writes = List.copyOf(txn.writes().values());
            long[] lockOids = lockSet(writes, txn.readCurrentSet());
            if (lockOids.length == 0) {
                return txn.snapshotTid();
            }
            awaitBacklog();
            locks.acquire(lockOids, txn, options.lockTimeout().toMillis());
            try {
                validate(txn);
                if (writes.isEmpty()) {
                    return txn.snapshotTid();
                }
                CommitSealer sealer = new CommitSealer(txn, writes);
                await(journal.append(sealer));
                return sealer.tid;
            } finally {
                locks.release(lockOids, txn);
            }
        }

        @Override
        public void prepare(Transaction txn, Xid xid) {
            ensureOpen();
            StoredXid x = StoredXid.of(xid);
            List<Write> writes = List.copyOf(txn.writes().values());
            // a prepared branch also locks what it references, so nobody deletes it before the outcome
            TreeSet<Long> extra = new TreeSet<>(txn.readCurrentSet());
            for (Write w : writes) {
                for (long ref : w.refs()) {
                    extra.add(ref);
                }
            }
            long[] lockOids = lockSet(writes, extra);
            awaitBacklog();
            locks.acquire(lockOids, txn, options.lockTimeout().toMillis());
            boolean ok = false;
            try {
                validate(txn);
                checkReferences(writes, index::exists);
                JournalRecord.Prepare record = new JournalRecord.Prepare(clock.next(), x, txn.user(),
                        txn.description(), writes);
                await(journal.append(new Sealer() {
                    @Override
                    public JournalRecord seal(SealContext ctx) {
                        return record;
                    }

                    @Override
                    public void durable(JournalRecord r, long segment) {
                        journal.pin(segment);
                        prepared.put(x, new Prepared(record, lockOids, txn, segment));
                    }
                }));
                ok = true;
            } finally {
                if (!ok) {
                    locks.release(lockOids, txn);
                }
            }
        }

        @Override
        public Transaction begin() {
            return Store.this.begin();
        }

        @Override
        public UUID identity() {
            return config.identity();
        }

        @Override
        public boolean addBranch(Xid xid, Transaction txn) {
            return branches.putIfAbsent(StoredXid.of(xid), txn) == null;
        }

        @Override
        public Transaction branch(Xid xid) {
            return branches.get(StoredXid.of(xid));
        }

        @Override
        public void removeBranch(Xid xid) {
            branches.remove(StoredXid.of(xid));
        }

        @Override
        public boolean commitPrepared(Xid xid) {
            ensureOpen();
            StoredXid x = StoredXid.of(xid);
            Prepared p = prepared.get(x);
            if (p == null) {
                return false;
            }
            long[] committedTid = new long[1];
            await(journal.append(new Sealer() {
                @Override
                public JournalRecord seal(SealContext ctx) {
                    if (prepared.get(x) != p) {
                        throw new StoreException("branch " + x + " was resolved concurrently");
                    }
                    long t = ctx.nextTid();
                    ctx.committed(t);
                    for (Write w : p.record.writes()) {
                        if (w.deleted()) {
                            ctx.deletes(w.oid());
                        }
                    }
                    return new JournalRecord.CommitPrepared(p.record.prepareId(), t, ctx.previousCommitTid(),
                            System.currentTimeMillis(), prevTids(p.record.writes()));
                }

                @Override
                public void durable(JournalRecord r, long segment) {
                    JournalRecord.CommitPrepared c = (JournalRecord.CommitPrepared) r;
                    prepared.remove(x);
                    // the prepared record's pin on its segment now waits for the flush
                    publish(publishRevisions(c.tid(), c.prevTxTid(), c.timeMillis(), p.record.user(),
                            p.record.description(), p.record.writes(), c.prevTids(), p.segment));
                    committedTid[0] = c.tid();
                }
            }));
            finish(x, p, true, committedTid[0]);
            return true;
        }

        @Override
        public boolean rollbackPrepared(Xid xid) {
            ensureOpen();
            StoredXid x = StoredXid.of(xid);
            Prepared p = prepared.get(x);
            if (p == null) {
                return false;
            }
            await(journal.append(new Sealer() {
                @Override
                public JournalRecord seal(SealContext ctx) {
                    if (prepared.get(x) != p) {
                        throw new StoreException("branch " + x + " was resolved concurrently");
                    }
                    return new JournalRecord.RollbackPrepared(p.record.prepareId());
                }

                @Override
                public void durable(JournalRecord r, long segment) {
                    prepared.remove(x);
                    journal.unpin(p.segment);
                }
            }));
            finish(x, p, false, 0);
            return true;
        }

        private void finish(StoredXid x, Prepared p, boolean committed, long tid) {
            locks.release(p.lockedOids, p.txn != null ? p.txn : p);
            branches.remove(x);
            if (p.txn != null) {
                p.txn.finished(committed, tid);
            }
        }

        @Override
        public List<Xid> inDoubt() {
            return Store.this.inDoubt();
        }
    }
}
