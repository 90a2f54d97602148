package org.dirstore.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Main class run in a child JVM by {@link BackupCrashTest}: writes a full backup of every file
 * under a directory and prints "progress BYTES TOTAL" lines (at most one per percent), then "done".
 */
public final class BackupWriterChild {
    private BackupWriterChild() {
    }

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        Compression compression = Compression.fromToken(args[2]);
        List<BackupSource.SourceFile> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).sorted()
                    .map(p -> new BackupSource.SourceFile(source.relativize(p).toString().replace('\\', '/'), p))
                    .toList();
        }
        long[] lastPercent = {-1};
        new BackupWriter(target, compression, Clock.systemUTC()).write(
                BackupSource.full(SyntheticStore.STORE, 1, SyntheticStore.T0 + 1, files),
                (bytes, total, done, count) -> {
                    long percent = total == 0 ? 100 : bytes * 100 / total;
                    if (percent != lastPercent[0]) {
                        lastPercent[0] = percent;
                        System.out.println("progress " + bytes + " " + total);
                        System.out.flush();
                    }
                });
        System.out.println("done");
        System.out.flush();
    }
}
