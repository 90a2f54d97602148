package org.dirstore.store;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.dirstore.format.Layout;
import org.dirstore.io.FileIO;

/** A store's fixed identity: format version, random UUID and creation time, kept in config/store.properties. */
public record StoreConfig(int formatVersion, UUID identity, Instant created) {
    public static final int FORMAT_VERSION = 1;

    /** Reads the config of the store at {@code layout}; a clear error if it is not a DirStore home. */
    public static StoreConfig read(Layout layout) {
        Path file = layout.configFile();
        if (!Files.isRegularFile(file)) {
            throw new StoreException(layout.home() + " is not a DirStore home: " + file + " is missing");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            int format = Integer.parseInt(p.getProperty("format"));
            if (format != FORMAT_VERSION) {
                throw new StoreException(file + " has format " + format + "; this DirStore reads format " + FORMAT_VERSION);
            }
            return new StoreConfig(format, UUID.fromString(p.getProperty("identity")), Instant.parse(p.getProperty("created")));
        } catch (RuntimeException e) {
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Writes a new config durably (temporary file, force, rename, force directory). */
    public static StoreConfig create(Layout layout) throws IOException {
        StoreConfig c = new StoreConfig(FORMAT_VERSION, UUID.randomUUID(), Instant.now());
        Files.createDirectories(layout.config());
        StringWriter w = new StringWriter();
        w.write("# DirStore store configuration: do not edit the identity\n");
        w.write("format=" + c.formatVersion + "\n");
        w.write("identity=" + c.identity + "\n");
        w.write("created=" + c.created + "\n");
        Path tmp = layout.config().resolve("store.properties.tmp");
        FileIO.DEFAULT.writeFileDurably(tmp, w.toString().getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, layout.configFile(), StandardCopyOption.ATOMIC_MOVE);
        FileIO.forceDirectory(layout.config());
        return c;
    }
}
