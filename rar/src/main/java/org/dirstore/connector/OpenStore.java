package org.dirstore.connector;

import javax.management.ObjectName;

import org.dirstore.store.Store;

/** An open store with the settings it was opened with and its MBean. */
final class OpenStore {
    private final StoreSettings settings;
    private final Store store;
    private final StoreAdmin admin;
    private volatile ObjectName objectName;

    OpenStore(StoreSettings settings, Store store) {
        this.settings = settings;
        this.store = store;
        this.admin = new StoreAdmin(settings, store);
    }

    StoreSettings settings() {
        return settings;
    }

    Store store() {
        return store;
    }

    StoreAdmin admin() {
        return admin;
    }

    ObjectName objectName() {
        return objectName;
    }

    void registeredAs(ObjectName name) {
        this.objectName = name;
    }
}
