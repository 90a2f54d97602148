package org.dirstore.backup;

import java.io.IOException;

/**
 * A backup, verify or restore refused or failed for a reason the operator can act on.
 * The message is one line that names the archive (or directory) and the problem.
 */
public class BackupException extends IOException {
    private static final long serialVersionUID = 1L;

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
