package org.dirstore.tools;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.dirstore.backup.BackupException;
import org.dirstore.store.StoreException;

/** Turns an exception into the one line an operator reads. */
final class Errors {
    private Errors() {
    }

    static String describe(Throwable e) {
        String text;
        if (e instanceof BackupException || e instanceof StoreException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof picocli.CommandLine.ParameterException) {
            text = e.getMessage();
        } else if (e instanceof NoSuchFileException) {
            text = "no such file or directory: " + e.getMessage();
        } else if (e instanceof AccessDeniedException) {
            text = "permission denied: " + e.getMessage();
        } else if (e instanceof FileAlreadyExistsException) {
            text = "already exists: " + e.getMessage();
        } else if (e instanceof NotDirectoryException) {
            text = "not a directory: " + e.getMessage();
        } else {
            text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return text == null ? e.getClass().getSimpleName() : text.replace('\n', ' ').replace('\r', ' ');
    }
}
