package org.dirstore.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The backups in one directory, as read at {@link #scan(Path)} time: each complete archive with
 * its manifest (from the sidecar, or from the archive's first entry if the sidecar is missing),
 * the chains they form, the latest backup of a store, and expiry by a {@link RetentionPolicy}.
 * {@code *.partial} files and sidecars without an archive are incomplete and never count.
 */
public final class BackupCatalog {
    private static final Comparator<BackupArchive> ORDER = Comparator
            .comparing((BackupArchive b) -> b.manifest().storeId())
            .thenComparingLong(b -> b.manifest().upToTid())
            .thenComparing(b -> b.manifest().kind() == BackupKind.FULL ? 1 : 0)
            .thenComparing(BackupArchive::id);

    private final Path directory;
    private final List<BackupArchive> backups;
    private final Map<String, BackupArchive> byId;
    private final List<String> problems;
    private final List<Path> incomplete;

    private BackupCatalog(Path directory, List<BackupArchive> backups, List<String> problems, List<Path> incomplete) {
        this.directory = directory;
        this.backups = List.copyOf(backups);
        this.problems = List.copyOf(problems);
        this.incomplete = List.copyOf(incomplete);
        Map<String, BackupArchive> map = new LinkedHashMap<>();
        for (BackupArchive b : this.backups) {
            map.put(b.id(), b);
        }
        this.byId = map;
    }

    /**
     * Reads the catalog of {@code directory}. Unreadable archives or manifests do not fail the
     * scan; they are listed in {@link #problems()}.
     */
    public static BackupCatalog scan(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new BackupException("backup directory " + directory + " does not exist or is not a directory");
        }
        List<BackupArchive> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Path> incomplete = new ArrayList<>();
        Set<String> archiveIds = new HashSet<>();
        List<Path> sidecars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (ArchiveNames.isPartial(name)) {
                    incomplete.add(p);
                } else if (name.endsWith(ArchiveNames.SIDECAR_SUFFIX)) {
                    sidecars.add(p);
                } else {
                    Optional<ArchiveNames.Parsed> parsed = ArchiveNames.parseArchiveName(name);
                    if (parsed.isPresent() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        if (!archiveIds.add(parsed.get().backupId())) {
                            problems.add(p + ": a second archive for backup " + parsed.get().backupId() + ", ignored");
                            continue;
                        }
                        try {
                            found.add(load(directory, p, parsed.get()));
                        } catch (BackupException e) {
                            problems.add(e.getMessage());
                        }
                    }
                }
            }
        }
        for (Path sidecar : sidecars) {
            String name = sidecar.getFileName().toString();
            String id = name.substring(0, name.length() - ArchiveNames.SIDECAR_SUFFIX.length());
            if (!archiveIds.contains(id)) {
                incomplete.add(sidecar);
            }
        }
        found.sort(ORDER);
        incomplete.sort(Comparator.naturalOrder());
        return new BackupCatalog(directory, found, problems, incomplete);
    }

    private static BackupArchive load(Path directory, Path archive, ArchiveNames.Parsed parsed) throws BackupException {
        Path sidecar = directory.resolve(ArchiveNames.sidecarName(parsed.backupId()));
        BackupManifest manifest;
        Path sidecarOrNull = null;
        if (Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            try {
                manifest = BackupManifest.read(sidecar);
            } catch (BackupException e) {
                throw e;
            } catch (IOException e) {
                throw new BackupException(sidecar + ": cannot read sidecar manifest (" + e.getMessage() + ")", e);
            }
            sidecarOrNull = sidecar;
        } else {
            manifest = ArchiveReader.readManifest(archive);
        }
        if (!manifest.backupId().equals(parsed.backupId())) {
            throw new BackupException(archive + ": file name says backup " + parsed.backupId()
                    + " but its manifest says " + manifest.backupId());
        }
        if (manifest.compression() != parsed.compression()) {
            throw new BackupException(archive + ": file name says compression " + parsed.compression().token()
                    + " but its manifest says " + manifest.compression().token());
        }
        return new BackupArchive(archive, sidecarOrNull, manifest);
    }

    /** The directory this catalog describes. */
    public Path directory() {
        return directory;
    }

    /** Complete backups, by store, then tid, full after incremental at the same tid. */
    public List<BackupArchive> backups() {
        return backups;
    }

    /** Archives that could not be read as backups, one message each. */
    public List<String> problems() {
        return problems;
    }

    /** Files left by interrupted writes: {@code *.partial} files and sidecars without an archive. */
    public List<Path> incomplete() {
        return incomplete;
    }

    /** The store identities that have backups here. */
    public Set<UUID> stores() {
        Set<UUID> stores = new TreeSet<>();
        backups.forEach(b -> stores.add(b.manifest().storeId()));
        return stores;
    }

    /** The backup with this id. */
    public Optional<BackupArchive> find(String backupId) {
        return Optional.ofNullable(byId.get(backupId));
    }

    /**
     * The chain that ends with backup {@code backupId}: its full backup and every incremental up
     * to it, following parent ids.
     *
     * @throws BackupException if the backup or one of its ancestors is missing, or the chain is broken
     */
    public BackupChain chainTo(String backupId) throws BackupException {
        BackupArchive b = byId.get(backupId);
        if (b == null) {
            throw new BackupException("no backup " + backupId + " in " + directory);
        }
        Deque<BackupArchive> chain = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            if (!seen.add(b.id())) {
                throw new BackupException(b.archive() + ": parent ids form a cycle at " + b.id());
            }
            chain.addFirst(b);
            String parentId = b.manifest().parentId();
            if (parentId == null) {
                break;
            }
            BackupArchive parent = byId.get(parentId);
            if (parent == null) {
                throw new BackupException(b.archive() + ": backup " + b.id() + " needs parent " + parentId
                        + ", which is not in " + directory);
            }
            b = parent;
        }
        return BackupChain.of(new ArrayList<>(chain));
    }

    /** Every complete chain that ends in a backup no other backup continues. */
    public List<BackupChain> chains() {
        Set<String> parents = new HashSet<>();
        backups.forEach(b -> {
            if (b.manifest().parentId() != null) {
                parents.add(b.manifest().parentId());
            }
        });
        List<BackupChain> chains = new ArrayList<>();
        for (BackupArchive b : backups) {
            if (!parents.contains(b.id())) {
                completeChainTo(b.id()).ifPresent(chains::add);
            }
        }
        return chains;
    }

    /** The chain ending with {@code backupId} if it is complete; why it is not is told by {@link #chainProblems()}. */
    private Optional<BackupChain> completeChainTo(String backupId) {
        try {
            return Optional.of(chainTo(backupId));
        } catch (BackupException brokenChain) {
            return Optional.empty();
        }
    }

    /** For each backup whose chain is broken, the reason. */
    public Map<String, String> chainProblems() {
        Map<String, String> problemsById = new LinkedHashMap<>();
        for (BackupArchive b : backups) {
            try {
                chainTo(b.id());
            } catch (BackupException e) {
                problemsById.put(b.id(), e.getMessage());
            }
        }
        return problemsById;
    }

    /**
     * The newest backup of {@code storeId} whose chain is complete: the parent of the next
     * incremental backup (its {@code upToTid} is the next one's {@code afterTid}).
     */
    public Optional<BackupArchive> latest(UUID storeId) {
        for (int i = backups.size() - 1; i >= 0; i--) {
            BackupArchive b = backups.get(i);
            if (b.manifest().storeId().equals(storeId)) {
                if (completeChainTo(b.id()).isPresent()) {
                    return Optional.of(b);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Applies {@code policy} as of {@code now}. The kept set always contains every ancestor of a
     * kept backup, and the newest chain of each store. Incrementals whose full backup is missing
     * are never deleted by expiry (they are reported by {@link #chainProblems()}).
     */
    public ExpiryPlan planExpiry(RetentionPolicy policy, Instant now) {
        Map<String, List<BackupArchive>> children = new HashMap<>();
        for (BackupArchive b : backups) {
            if (b.manifest().parentId() != null) {
                children.computeIfAbsent(b.manifest().parentId(), k -> new ArrayList<>()).add(b);
            }
        }
        Set<String> keep = new LinkedHashSet<>();
        Set<String> grouped = new HashSet<>();
        for (UUID store : stores()) {
            List<List<BackupArchive>> groups = new ArrayList<>();
            for (BackupArchive b : backups) {
                if (b.manifest().storeId().equals(store) && b.manifest().kind() == BackupKind.FULL) {
                    groups.add(descendantsOf(b, children));
                }
            }
            groups.sort(Comparator.comparingLong((List<BackupArchive> g) -> g.get(0).manifest().upToTid()).reversed());
            for (int i = 0; i < groups.size(); i++) {
                List<BackupArchive> group = groups.get(i);
                group.forEach(b -> grouped.add(b.id()));
                if (i == 0 || i < policy.keepChains()) {
                    group.forEach(b -> keep.add(b.id()));
                }
                if (policy.keepFor() != null) {
                    Instant cutoff = now.minus(policy.keepFor());
                    for (BackupArchive b : group) {
                        if (!b.manifest().created().isBefore(cutoff)) {
                            keepWithAncestors(b, keep);
                        }
                    }
                }
            }
        }
        List<BackupArchive> kept = new ArrayList<>();
        List<BackupArchive> deleted = new ArrayList<>();
        for (BackupArchive b : backups) {
            if (keep.contains(b.id()) || !grouped.contains(b.id())) {
                kept.add(b);
            } else {
                deleted.add(b);
            }
        }
        deleted.sort(Comparator.comparingLong((BackupArchive b) -> b.manifest().upToTid()).reversed());
        return new ExpiryPlan(kept, deleted);
    }

    private static List<BackupArchive> descendantsOf(BackupArchive full, Map<String, List<BackupArchive>> children) {
        List<BackupArchive> group = new ArrayList<>();
        Deque<BackupArchive> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(full);
        while (!todo.isEmpty()) {
            BackupArchive b = todo.removeFirst();
            if (seen.add(b.id())) {
                group.add(b);
                todo.addAll(children.getOrDefault(b.id(), List.of()));
            }
        }
        return group;
    }

    private void keepWithAncestors(BackupArchive b, Set<String> keep) {
        BackupArchive current = b;
        while (current != null && keep.add(current.id())) {
            String parentId = current.manifest().parentId();
            current = parentId == null ? null : byId.get(parentId);
        }
    }

    /**
     * Deletes the backups of {@code plan.delete()}, newest first, each archive before its
     * sidecar, and fsyncs the directory.
     *
     * @return the number of backups deleted
     */
    public int expire(ExpiryPlan plan) throws IOException {
        int count = 0;
        for (BackupArchive b : plan.delete()) {
            Files.deleteIfExists(b.archive());
            if (b.sidecar() != null) {
                Files.deleteIfExists(b.sidecar());
            }
            count++;
        }
        Durability.syncDirectory(directory);
        return count;
    }

    /**
     * Deletes the {@link #incomplete()} files not modified within {@code minAge} (a younger
     * {@code .partial} file may belong to a backup still being written); returns how many were removed.
     */
    public int cleanIncomplete(Duration minAge, Instant now) throws IOException {
        int count = 0;
        Instant cutoff = now.minus(minAge);
        for (Path p : incomplete) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                    || Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isAfter(cutoff)) {
                continue;
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.deleteRecursively(p);
            } else {
                Files.delete(p);
            }
            count++;
        }
        Durability.syncDirectory(directory);
        return count;
    }
}
