package org.dirstore.backup;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dirstore.format.Tids;

/**
 * File names in a backup directory. A backup with id {@code I} is the archive {@code I.tar} or
 * {@code I.tar.gz} plus the sidecar manifest {@code I.manifest}. Files being written end in
 * {@value #PARTIAL_SUFFIX} and never count as backups.
 */
public final class ArchiveNames {
    /** Suffix of the sidecar manifest. */
    public static final String SIDECAR_SUFFIX = ".manifest";
    /** Suffix of every file (or restore directory) still being written. */
    public static final String PARTIAL_SUFFIX = ".partial";

    private static final Pattern ARCHIVE = Pattern.compile("([A-Za-z0-9._-]+?)(\\.tar|\\.tar\\.gz)");

    private ArchiveNames() {
    }

    /**
     * The id of a new backup: the first 8 hex digits of the store id, the snapshot tid in 16 hex
     * digits and the kind, e.g. {@code 3f2a9c1b-0192f3a4b5c60001-full}.
     */
    public static String backupId(UUID storeId, long upToTid, BackupKind kind) {
        String shortId = storeId.toString().substring(0, 8);
        return shortId + "-" + Tids.hex(upToTid) + "-" + (kind == BackupKind.FULL ? "full" : "incr");
    }

    /** The archive file name of a backup. */
    public static String archiveName(String backupId, Compression compression) {
        return backupId + compression.suffix();
    }

    /** The sidecar manifest file name of a backup. */
    public static String sidecarName(String backupId) {
        return backupId + SIDECAR_SUFFIX;
    }

    /** Whether a name is that of a file still being written (or left by a crash). */
    public static boolean isPartial(String fileName) {
        return fileName.endsWith(PARTIAL_SUFFIX);
    }

    /** The backup id and compression a complete archive file name stands for, if it is one. */
    public static Optional<Parsed> parseArchiveName(String fileName) {
        Matcher m = ARCHIVE.matcher(fileName);
        if (!m.matches() || !BackupManifest.isValidId(m.group(1))) {
            return Optional.empty();
        }
        Compression c = m.group(2).equals(".tar") ? Compression.NONE : Compression.GZIP;
        return Optional.of(new Parsed(m.group(1), c));
    }

    /** A parsed archive file name. */
    public record Parsed(String backupId, Compression compression) {
    }
}
