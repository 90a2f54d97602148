package org.dirstore.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/** A directory of files shaped like a store home, made with a seeded random generator. */
final class SyntheticStore {
    static final UUID STORE = UUID.fromString("3f2a9c1b-7d4e-4c2a-9b1f-0123456789ab");
    static final UUID OTHER_STORE = UUID.fromString("9e8d7c6b-5a49-4838-a726-fedcba987654");
    static final long T0 = (1_764_000_000_000L << 16);

    private final Path home;
    private final Random random;

    SyntheticStore(Path home, long seed) throws IOException {
        this.home = Files.createDirectories(home);
        this.random = new Random(seed);
    }

    Path home() {
        return home;
    }

    /** Writes a file of {@code size} random bytes at {@code path}; returns its source entry. */
    BackupSource.SourceFile write(String path, int size) throws IOException {
        byte[] data = new byte[size];
        random.nextBytes(data);
        Path file = home.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        return new BackupSource.SourceFile(path, file);
    }

    /** A mixed set: empty, tiny, block-sized, > 64 KiB, > 1 MiB, deep and long paths. */
    List<BackupSource.SourceFile> writeInitialSet() throws IOException {
        List<BackupSource.SourceFile> files = new ArrayList<>();
        files.add(write("config/store.properties", 137));
        files.add(write("A/00/00/o0000000000000000.0000000000000001", 0));
        files.add(write("A/00/00/o0000000000000001.0000000000000001", 512));
        files.add(write("A/00/01/o0000000000000101.0000000000000001", 70_000));
        files.add(write("A/7f/3c/o0000000000007f3c.0000000000000001", 1_300_000));
        files.add(write("A/tx/" + "t".repeat(120) + ".txn", 333));
        files.add(write("index/checkpoint", 4096));
        return files;
    }

    /** Every regular file under the home, relative path to content. */
    static Map<String, byte[]> contents(Path root) {
        Map<String, byte[]> map = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                try {
                    map.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
