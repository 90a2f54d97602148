package org.dirstore.bench.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;

/** Directory helpers: recursive delete and size. */
public final class Dirs {
    private Dirs() {
    }

    /**
     * Deletes {@code dir} and everything under it, if it exists; uses {@code rm -rf} where there is
     * one (a store holds hundreds of thousands of small files and rm is the quicker of the two).
     */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (Files.isExecutable(Path.of("/bin/rm"))) {
            try {
                Process p = new ProcessBuilder("/bin/rm", "-rf", "--", dir.toString()).inheritIO().start();
                if (p.waitFor() != 0 || Files.exists(dir)) {
                    throw new UncheckedIOException(new IOException("rm -rf " + dir + " failed with exit code " + p.exitValue()));
                }
                return;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run rm -rf " + dir, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deleting " + dir, e);
            }
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** A fresh, empty directory (deleting what was there). */
    public static Path fresh(Path dir) {
        delete(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Total size of the regular files under {@code dir}. */
    public static long size(Path dir) {
        AtomicLong total = new AtomicLong();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total.addAndGet(attrs.size());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
        return total.get();
    }
}
