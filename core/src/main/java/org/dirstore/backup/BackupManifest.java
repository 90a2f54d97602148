package org.dirstore.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.dirstore.format.Tids;

/**
 * What a backup archive holds and where it stands in its chain. It is stored twice, in the same
 * text form: as the first entry of the archive ({@value EntryPaths#MANIFEST_ENTRY}) and as a
 * sidecar file next to it. The text format is specified in docs/backup-format.md; {@link #toText()}
 * and {@link #parse(String, String)} implement it.
 *
 * @param backupId      unique name of the backup, also the archive's base name ([A-Za-z0-9._-]+)
 * @param storeId       identity of the store the files come from
 * @param formatVersion the store's on-disk format version
 * @param kind          full or incremental
 * @param afterTid      exclusive lower end of the tid range; 0 for a full backup
 * @param upToTid       inclusive upper end of the tid range: the snapshot tid
 * @param parentId      the backup this one continues; null for a full backup
 * @param created       when the backup was started (millisecond precision)
 * @param compression   how the archive is compressed
 * @param entries       the store files in the archive, in archive order
 */
public record BackupManifest(String backupId, UUID storeId, int formatVersion, BackupKind kind,
                             long afterTid, long upToTid, String parentId, Instant created,
                             Compression compression, List<ManifestEntry> entries) {

    /**
     * Largest manifest text accepted (about two million entries): the manifest is held in memory by
     * the writer and every reader.
     */
    public static final int MAX_TEXT_BYTES = 256 << 20;

    /** First line of every manifest; the number is the manifest format version. */
    public static final String MAGIC_LINE = "dirstore-backup-manifest 1";

    private static final Pattern TID_HEX = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final String NO_PARENT = "-";
    private static final String CHECKSUM_KEY = "manifest-sha256";

    public BackupManifest {
        requireId(backupId, "backup id");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(compression, "compression");
        created = created.truncatedTo(ChronoUnit.MILLIS);
        if (formatVersion < 0) {
            throw new IllegalArgumentException("negative format version " + formatVersion);
        }
        if (afterTid < 0 || upToTid < 0) {
            throw new IllegalArgumentException("negative tid in range (" + Tids.hex(afterTid) + ", " + Tids.hex(upToTid) + "]");
        }
        if (kind == BackupKind.FULL) {
            if (afterTid != 0) {
                throw new IllegalArgumentException("a full backup starts after tid 0, not " + Tids.hex(afterTid));
            }
            if (parentId != null) {
                throw new IllegalArgumentException("a full backup has no parent, got " + parentId);
            }
        } else {
            requireId(parentId, "parent id of an incremental backup");
            if (upToTid <= afterTid) {
                throw new IllegalArgumentException("an incremental backup needs upToTid > afterTid, got ("
                        + Tids.hex(afterTid) + ", " + Tids.hex(upToTid) + "]");
            }
            if (parentId.equals(backupId)) {
                throw new IllegalArgumentException("backup " + backupId + " names itself as parent");
            }
        }
        entries = List.copyOf(entries);
        Set<String> seen = new HashSet<>();
        for (ManifestEntry e : entries) {
            if (!seen.add(e.path())) {
                throw new IllegalArgumentException("duplicate entry " + e.path());
            }
        }
    }

    /** Whether {@code id} may be used as a backup id. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static void requireId(String id, String what) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("bad " + what + " '" + id + "' (need 1-200 of [A-Za-z0-9._-])");
        }
    }

    /** Sum of the entries' sizes. */
    public long totalBytes() {
        long total = 0;
        for (ManifestEntry e : entries) {
            total += e.size();
        }
        return total;
    }

    /** This manifest with other entries (used by the writer once the checksums are known). */
    public BackupManifest withEntries(List<ManifestEntry> newEntries) {
        return new BackupManifest(backupId, storeId, formatVersion, kind, afterTid, upToTid, parentId,
                created, compression, newEntries);
    }

    /** The manifest in its text form (UTF-8, '\n' line ends), ending with its own checksum line. */
    public String toText() {
        StringBuilder sb = new StringBuilder(256 + entries.size() * 120);
        sb.append(MAGIC_LINE).append('\n');
        sb.append("id ").append(backupId).append('\n');
        sb.append("store ").append(storeId).append('\n');
        sb.append("format ").append(formatVersion).append('\n');
        sb.append("kind ").append(kind.token()).append('\n');
        sb.append("after-tid ").append(Tids.hex(afterTid)).append('\n');
        sb.append("upto-tid ").append(Tids.hex(upToTid)).append('\n');
        sb.append("parent ").append(parentId == null ? NO_PARENT : parentId).append('\n');
        sb.append("created ").append(created).append('\n');
        sb.append("compression ").append(compression.token()).append('\n');
        sb.append("entries ").append(entries.size()).append('\n');
        for (ManifestEntry e : entries) {
            sb.append("entry ").append(e.size()).append(' ').append(e.sha256()).append(' ').append(e.path()).append('\n');
        }
        String body = sb.toString();
        return body + CHECKSUM_KEY + ' ' + Sha256.hex(body.getBytes(StandardCharsets.UTF_8)) + '\n';
    }

    /** The text form encoded as UTF-8. */
    public byte[] toBytes() {
        return toText().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the text form to {@code file} (plain write, no fsync). */
    public void writeTo(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    /** Reads and parses a manifest file; {@code origin} in errors is the file name. */
    public static BackupManifest read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses the text form. Any deviation from the format (unknown or missing line, bad value,
     * wrong checksum) is a {@link BackupException} whose message starts with {@code origin}.
     */
    public static BackupManifest parse(String text, String origin) throws BackupException {
        if (!text.endsWith("\n")) {
            throw bad(origin, "manifest does not end with a newline (truncated?)");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        LineReader in = new LineReader(lines, origin);
        if (!MAGIC_LINE.equals(in.next())) {
            throw bad(origin, "not a DirStore backup manifest (first line must be '" + MAGIC_LINE + "')");
        }
        try {
            String id = in.value("id");
            UUID store = UUID.fromString(in.value("store"));
            int format = Integer.parseInt(in.value("format"));
            BackupKind kind = BackupKind.fromToken(in.value("kind"));
            long after = parseTid(in.value("after-tid"));
            long upTo = parseTid(in.value("upto-tid"));
            String parentText = in.value("parent");
            Instant created = Instant.parse(in.value("created"));
            Compression compression = Compression.fromToken(in.value("compression"));
            int count = Integer.parseInt(in.value("entries"));
            if (count < 0) {
                throw bad(origin, "negative entry count " + count);
            }
            List<ManifestEntry> entries = new ArrayList<>(Math.min(count, 1 << 16));
            for (int i = 0; i < count; i++) {
                String rest = in.value("entry");
                String[] parts = rest.split(" ", 3);
                if (parts.length != 3) {
                    throw bad(origin, "line " + in.lineNumber() + ": entry needs '<size> <sha256> <path>'");
                }
                entries.add(new ManifestEntry(parts[2], Long.parseLong(parts[0]), parts[1]));
            }
            int bodyEnd = in.offsetOfNextLine();
            String checksum = in.value(CHECKSUM_KEY);
            if (in.hasNext()) {
                throw bad(origin, "line " + (in.lineNumber() + 1) + ": unexpected text after the checksum line");
            }
            String actual = Sha256.hex(text.substring(0, bodyEnd).getBytes(StandardCharsets.UTF_8));
            if (!actual.equals(checksum)) {
                throw bad(origin, "manifest checksum mismatch (manifest damaged or edited)");
            }
            return new BackupManifest(id, store, format, kind, after, upTo,
                    NO_PARENT.equals(parentText) ? null : parentText, created, compression, entries);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw bad(origin, "line " + in.lineNumber() + ": " + e.getMessage());
        }
    }

    private static long parseTid(String text) {
        if (!TID_HEX.matcher(text).matches()) {
            throw new IllegalArgumentException("tid '" + text + "' must be 16 lowercase hex digits");
        }
        return Long.parseUnsignedLong(text, 16);
    }

    private static BackupException bad(String origin, String problem) {
        return new BackupException(origin + ": " + problem);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s store=%s (%s, %s] parent=%s entries=%d", backupId, kind.token(),
                storeId, Tids.hex(afterTid), Tids.hex(upToTid), parentId == null ? NO_PARENT : parentId, entries.size());
    }

    /** Reads "key value" lines in a fixed order. */
    private static final class LineReader {
        private final String[] lines;
        private final String origin;
        private int index;
        private int offset;

        LineReader(String[] lines, String origin) {
            this.lines = lines;
            this.origin = origin;
        }

        String next() throws BackupException {
            if (index >= lines.length) {
                throw bad(origin, "manifest ends early after line " + index);
            }
            String line = lines[index++];
            offset += line.length() + 1;
            return line;
        }

        String value(String key) throws BackupException {
            String line = next();
            if (!line.startsWith(key + ' ')) {
                throw bad(origin, "line " + index + ": expected '" + key + " ...', found '"
                        + EntryPaths.printable(line.length() > 60 ? line.substring(0, 60) + "..." : line) + "'");
            }
            return line.substring(key.length() + 1);
        }

        boolean hasNext() {
            return index < lines.length;
        }

        int lineNumber() {
            return index;
        }

        /** Character offset of the line {@link #next()} would return. */
        int offsetOfNextLine() {
            return offset;
        }
    }
}
