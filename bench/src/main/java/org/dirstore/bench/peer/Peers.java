package org.dirstore.bench.peer;

import java.util.List;

/** The peers in report order: DirStore first, then Berkeley DB JE, H2 MVStore and the raw fsync loop. */
public final class Peers {
    private Peers() {
    }

    public static List<Peer> all() {
        return List.of(new DirStorePeer(), new JePeer(), new MvStorePeer(), new RawFsyncPeer());
    }

    public static Peer named(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no peer named " + name));
    }
}
