package org.dirstore.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Whole-directory operations used by restore. */
final class FileTrees {
    private FileTrees() {
    }

    /** Whether {@code dir} has no entries. */
    static boolean isEmptyDirectory(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    /** Deletes a directory tree without following links. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * fsyncs {@code files}, {@code threads} at a time (concurrent fsyncs let the file system
     * commit them together, which matters for the many small files of a store).
     */
    static void syncFiles(Collection<Path> files, int threads) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()));
        try {
            List<Future<?>> pending = new ArrayList<>(files.size());
            for (Path file : files) {
                pending.add(pool.submit(() -> {
                    Durability.syncFile(file);
                    return null;
                }));
            }
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("fsync failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while forcing files to disk");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** fsyncs every directory of a tree, deepest first, so every entry created in it is durable. */
    static void syncDirectories(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                dirs.add(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path dir : dirs) {
            Durability.syncDirectory(dir);
        }
    }
}
