package org.dirstore.bench.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** {@code tar -cf} of the same store files, followed by a force of the archive (as the DirStore backup does). */
public final class TarCommand {
    private TarCommand() {
    }

    /** Archives {@code entries} (relative to {@code home}) into {@code archive}; returns the seconds it took. */
    public static double archive(Path home, List<String> entries, Path archive) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<String> cmd = new java.util.ArrayList<>(List.of("tar", "-cf", archive.toString(), "-C", home.toString()));
        cmd.addAll(entries);
        Path log = archive.resolveSibling(archive.getFileName() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("tar failed with exit code " + rc + ": " + Files.readString(log));
        }
        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        Files.delete(log);
        return s;
    }
}
