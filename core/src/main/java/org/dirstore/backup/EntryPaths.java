package org.dirstore.backup;

import java.nio.file.Path;

/**
 * The rules for relative paths inside a backup: '/'-separated, relative, no empty, "." or ".."
 * segment, no backslash and no control character. A path that passes cannot leave the directory
 * it is resolved against.
 */
public final class EntryPaths {
    /** The tar entry (and file) name of the manifest inside an archive. */
    public static final String MANIFEST_ENTRY = "BACKUP-MANIFEST";

    private static final int MAX_LENGTH = 4096;

    private EntryPaths() {
    }

    /**
     * Returns why {@code path} is not an acceptable entry path, or null if it is.
     */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "empty path";
        }
        if (path.length() > MAX_LENGTH) {
            return "path longer than " + MAX_LENGTH + " characters";
        }
        if (path.startsWith("/")) {
            return "absolute path";
        }
        if (path.length() >= 2 && path.charAt(1) == ':') {
            return "absolute path (drive letter)";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "control character in path";
            }
            if (c == '\\') {
                return "backslash in path";
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "empty path segment";
            }
            if (segment.equals("..")) {
                return "'..' segment escapes the target";
            }
            if (segment.equals(".")) {
                return "'.' segment";
            }
        }
        return null;
    }

    /** Throws {@link IllegalArgumentException} unless {@code path} is acceptable. */
    public static String require(String path) {
        String problem = problem(path);
        if (problem != null) {
            throw new IllegalArgumentException("bad entry path '" + printable(path) + "': " + problem);
        }
        return path;
    }

    /**
     * Resolves an acceptable entry path under {@code root} and checks that the result is still
     * inside it (it always is for a path that passes {@link #problem}; this guards the invariant).
     */
    public static Path resolve(Path root, String path) {
        require(path);
        Path normalRoot = root.toAbsolutePath().normalize();
        Path resolved = normalRoot.resolve(path).normalize();
        if (!resolved.startsWith(normalRoot) || resolved.equals(normalRoot)) {
            throw new IllegalArgumentException("entry path '" + printable(path) + "' escapes " + root);
        }
        return resolved;
    }

    /** The path with control characters shown as '?', for error messages. */
    public static String printable(String path) {
        if (path == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
