package org.dirstore.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.Set;
import org.dirstore.io.FileIO;

/**
 * Moves every file of B into the same place in A (by atomic rename, so each file is in exactly one
 * of them at any moment), makes the renames durable and removes B's emptied folders.
 */
final class BMerge {
    private BMerge() {
    }

    static int merge(Path b, Path a) throws IOException {
        if (!Files.isDirectory(b)) {
            return 0;
        }
        Set<Path> touched = new LinkedHashSet<>();
        int[] moved = {0};
        Files.walkFileTree(b, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = a.resolve(b.relativize(file).toString());
                Path dir = target.getParent();
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    touched.add(dir.getParent());
                }
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                touched.add(dir);
                touched.add(file.getParent());
                moved[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path d : touched) {
            if (Files.isDirectory(d)) {
                FileIO.forceDirectory(d);
            }
        }
        return moved[0];
    }
}
