package org.dirstore.format;

import java.nio.file.Path;
import org.dirstore.store.StoreException;

/** A file of the store failed its magic, length or CRC check; the message names the file. */
public final class CorruptFileException extends StoreException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public CorruptFileException(Path file, String problem) {
        super("corrupt file " + file + ": " + problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
