package org.dirstore.format;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Finds transaction files by tid range without scanning the whole tree: the sharded folder names
 * are tid prefixes, so folders wholly outside the range are skipped unread.
 */
public final class TransactionFiles {
    private TransactionFiles() {
    }

    /** Paths of the transaction files under {@code root} with {@code afterTid < tid <= upToTid}, in tid order. */
    public static List<Path> between(Path root, long afterTid, long upToTid) throws IOException {
        List<Path> out = new ArrayList<>();
        Path t = root.resolve("t");
        if (!Files.isDirectory(t)) {
            return out;
        }
        for (var l1 : hexChildren(t, 6).entrySet()) {
            long hi = l1.getKey();
            if (hi < (afterTid >>> 40) || hi > (upToTid >>> 40)) {
                continue;
            }
            for (var l2 : hexChildren(l1.getValue(), 3).entrySet()) {
                long prefix = (hi << 12) | l2.getKey();
                if (prefix < (afterTid >>> 28) || prefix > (upToTid >>> 28)) {
                    continue;
                }
                TreeMap<Long, Path> files = new TreeMap<>(Long::compareUnsigned);
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(l2.getValue(), "*" + Layout.TRANSACTION_SUFFIX)) {
                    for (Path f : ds) {
                        String name = f.getFileName().toString();
                        String hex = name.substring(0, name.length() - Layout.TRANSACTION_SUFFIX.length());
                        if (hex.length() != 16 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                            continue;
                        }
                        long tid = Long.parseUnsignedLong(hex, 16);
                        if (tid > afterTid && tid <= upToTid) {
                            files.put(tid, f);
                        }
                    }
                }
                out.addAll(files.values());
            }
        }
        return out;
    }

    /** The tid a transaction file's name carries. */
    public static long tidOf(Path txFile) {
        String name = txFile.getFileName().toString();
        return Long.parseUnsignedLong(name.substring(0, 16), 16);
    }

    private static TreeMap<Long, Path> hexChildren(Path dir, int digits) throws IOException {
        TreeMap<Long, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.length() == digits && n.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                        && Files.isDirectory(p)) {
                    out.put(Long.parseLong(n, 16), p);
                }
            }
        }
        return out;
    }
}
