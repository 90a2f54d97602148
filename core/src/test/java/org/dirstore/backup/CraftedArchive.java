package org.dirstore.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds hostile or malformed archives by hand, as an attacker or a bad tool would. */
final class CraftedArchive {
    private final List<TarArchiveEntry> entries = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    CraftedArchive manifest(BackupManifest manifest) {
        return file(EntryPaths.MANIFEST_ENTRY, manifest.toBytes());
    }

    CraftedArchive file(String name, byte[] content) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(content.length);
        entries.add(e);
        contents.add(content);
        return this;
    }

    CraftedArchive link(String name, String target, boolean symbolic) {
        TarArchiveEntry e = new TarArchiveEntry(name, symbolic ? TarConstants.LF_SYMLINK : TarConstants.LF_LINK, true);
        e.setLinkName(target);
        entries.add(e);
        contents.add(new byte[0]);
        return this;
    }

    CraftedArchive directory(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
        entries.add(e);
        contents.add(new byte[0]);
        return this;
    }

    Path writeTo(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < entries.size(); i++) {
                tar.putArchiveEntry(entries.get(i));
                tar.write(contents.get(i));
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    static ManifestEntry entryFor(String path, byte[] content) {
        return new ManifestEntry(path, content.length, Sha256.hex(content));
    }
}
