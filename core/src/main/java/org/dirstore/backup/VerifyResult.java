package org.dirstore.backup;

import java.util.List;

/** What a successful verification checked. */
public record VerifyResult(List<String> backupIds, long files, long bytes) {
    public VerifyResult {
        backupIds = List.copyOf(backupIds);
    }
}
