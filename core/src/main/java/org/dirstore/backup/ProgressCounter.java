package org.dirstore.backup;

/** Counts bytes and files of an operation spanning several archives and reports to a listener. */
final class ProgressCounter {
    private final BackupProgress listener;
    private final long bytesTotal;
    private final long filesTotal;
    private long bytesDone;
    private long filesDone;

    ProgressCounter(BackupProgress listener, long bytesTotal, long filesTotal) {
        this.listener = listener;
        this.bytesTotal = bytesTotal;
        this.filesTotal = filesTotal;
    }

    /** Reports {@code partial} bytes of the current file on top of what is done. */
    void partial(long partial) {
        listener.progress(bytesDone + partial, bytesTotal, filesDone, filesTotal);
    }

    /** Marks one file of {@code size} bytes done and reports. */
    void fileDone(long size) {
        bytesDone += size;
        filesDone++;
        listener.progress(bytesDone, bytesTotal, filesDone, filesTotal);
    }
}
