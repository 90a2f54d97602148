package org.dirstore.backup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The engine's offline truncation of a closed store: removes every transaction (and the revisions
 * it wrote) with a tid greater than {@code tid}, so the store opens at that tid. Point-in-time
 * restore calls it on the freshly extracted store before renaming it into place; it is
 * {@code org.dirstore.store.Store::truncateAfter}.
 */
@FunctionalInterface
public interface StoreTruncation {
    void truncateAfter(Path home, long tid) throws IOException;
}
