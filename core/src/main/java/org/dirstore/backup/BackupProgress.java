package org.dirstore.backup;

/**
 * Receives progress of a long backup, verify or restore: for a progress bar or JMX attributes.
 * Called from the working thread, after each file and about every mebibyte inside large files;
 * implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface BackupProgress {
    /** A listener that ignores progress. */
    BackupProgress NONE = (bytesDone, bytesTotal, filesDone, filesTotal) -> { };

    /**
     * @param bytesDone  content bytes processed so far
     * @param bytesTotal content bytes to process in all
     * @param filesDone  files completed so far
     * @param filesTotal files to process in all
     */
    void progress(long bytesDone, long bytesTotal, long filesDone, long filesTotal);
}
