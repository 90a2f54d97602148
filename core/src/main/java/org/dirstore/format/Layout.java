package org.dirstore.format;

import java.nio.file.Path;

/**
 * Where each kind of file lives under a store's HOME directory. The sharding keeps every directory
 * well under 10k entries at 100M revisions: revisions by the two low bytes of the oid, transaction
 * files by the high bits of the tid (4.6-hour folders, then 4-second folders).
 */
public record Layout(Path home) {
    public static final String REVISION_SUFFIX = ".rev";
    public static final String TRANSACTION_SUFFIX = ".tx";

    public Layout {
        home = home.toAbsolutePath().normalize();
    }

    public Path config() {
        return home.resolve("config");
    }

    public Path configFile() {
        return config().resolve("store.properties");
    }

    public Path lockFile() {
        return home.resolve("lock");
    }

    public Path journal() {
        return home.resolve("journal");
    }

    public Path a() {
        return home.resolve("A");
    }

    public Path b() {
        return home.resolve("B");
    }

    public Path index() {
        return home.resolve("index");
    }

    public Path deleted() {
        return home.resolve("deleted");
    }

    /** Snapshot marker: while it exists, A holds a whole-transaction prefix and does not change. */
    public Path snapshotMarker() {
        return home.resolve("SNAPSHOT");
    }

    /** Relative path of a revision file inside A or B. */
    public static String revisionPath(long oid, long tid) {
        return String.format("o/%02x/%02x/%016x.%016x%s", oid & 0xff, (oid >>> 8) & 0xff, oid, tid, REVISION_SUFFIX);
    }

    /** Relative path of a transaction file inside A or B. */
    public static String transactionPath(long tid) {
        return String.format("t/%06x/%03x/%016x%s", tid >>> 40, (tid >>> 28) & 0xfff, tid, TRANSACTION_SUFFIX);
    }

    /** The folder of transaction files that holds {@code tid}, relative to A or B. */
    public static String transactionFolder(long tid) {
        return String.format("t/%06x/%03x", tid >>> 40, (tid >>> 28) & 0xfff);
    }

    public static Path revision(Path root, long oid, long tid) {
        return root.resolve(revisionPath(oid, tid));
    }

    public static Path transaction(Path root, long tid) {
        return root.resolve(transactionPath(tid));
    }
}
