package org.dirstore.connector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The resolved configuration of one store, from the connection factory's config properties.
 *
 * @param name          store name, the MBean's {@code name} key
 * @param home          the store's directory
 * @param fsync         force the journal before acknowledging a commit
 * @param backupRoots   directories under which backups may be written
 * @param snapshotLease how long a snapshot holder may keep a snapshot without renewing it
 */
record StoreSettings(String name, Path home, boolean fsync, List<Path> backupRoots, Duration snapshotLease) {
}
